/**
 * The retention curve of a token under a gated linear recurrence h_t = a_t ⊙ h_{t−1} + b_t (Mamba's
 * exp(Δ_t A), RG-LRU's a_t, GLA's α_t): what is left at step t of what token s wrote, averaged over channels,
 *   R_s(t) = (1/C) Σ_c ∏_{u=s+1}^{t} a_{u,c}   for t ≥ s   (R_s(s) = 1),   undefined (NaN) for t < s.
 */

/** R_s(t) for t = 0 … T−1, from decays a [T, C] (row-major, as the engine's traces). NaN before s. */
export function retentionCurve(decays: ArrayLike<number>, T: number, C: number, s: number): Float64Array {
  const out = new Float64Array(T).fill(Number.NaN);
  if (!Number.isInteger(s) || s < 0 || s >= T || C < 1) return out;
  // One running product per channel: ∏_{u=s+1}^{t} a_{u,c} = (∏_{u=s+1}^{t−1} a_{u,c})·a_{t,c}.
  const running = new Float64Array(C).fill(1);
  for (let t = s; t < T; t++) {
    let sum = 0;
    for (let c = 0; c < C; c++) {
      if (t > s) running[c] *= decays[t * C + c];
      sum += running[c];
    }
    out[t] = sum / C;
  }
  return out;
}

/** The step at which R_s first falls below `level` (e.g. ½: a half-life in tokens), or null if it never does. */
export function retentionDrop(curve: ArrayLike<number>, s: number, level: number): number | null {
  for (let t = s; t < curve.length; t++) if (curve[t] < level) return t;
  return null;
}
