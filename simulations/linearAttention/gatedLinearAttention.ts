/**
 * Decayed (gated) linear attention without a normaliser — RetNet and GLA (architectures.md §3.11; fla
 * ops/retention/naive.py, ops/gla, simple_gla/naive.py), one head, q, k ∈ ℝ^{dk}, v ∈ ℝ^{dv}, per-step
 * log-decays g_t ∈ ℝ^{dk} (≤ 0):
 *   recurrent  S_t = Diag(e^{g_t}) S_{t−1} + k_t v_tᵀ,   o_t = (q_t/√dk)ᵀ S_t
 *   parallel   o_t = Σ_{s ≤ t} ((q_t ⊙ e^{G_t − G_s})·k_s / √dk) v_s,   G_t = Σ_{r ≤ t} g_r
 *              (RetNet: g constant = log γ, so the weight matrix is (QKᵀ/√d) ⊙ D with D_ts = γ^{t−s})
 *   chunked    o_c = (Q_c ⊙ e^{G − G_start}) S_{c−1} + intra-chunk parallel part;
 *              S_c = Diag(e^{G_end − G_start}) S_{c−1} + Σ_s (k_s ⊙ e^{G_end − G_s}) v_sᵀ
 * RetNet: γ_h = 1 − 2^{−5−h}. GLA: g_t = logsigmoid(W₂W₁x_t)/16.
 */
export interface GatedLinearAttentionInputs {
  /** q, k [T, dk]; v [T, dv]; logDecay g [T, dk] */
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  logDecay: Float32Array;
  seqLen: number;
  keyDim: number;
  valueDim: number;
}

export function glaRecurrent({
  q,
  k,
  v,
  logDecay,
  seqLen: T,
  keyDim: dk,
  valueDim: dv,
}: GatedLinearAttentionInputs): Float32Array {
  const S = new Float64Array(dk * dv);
  const o = new Float32Array(T * dv);
  const scale = 1 / Math.sqrt(dk);
  for (let t = 0; t < T; t++) {
    for (let a = 0; a < dk; a++) {
      const decay = Math.exp(logDecay[t * dk + a]);
      for (let c = 0; c < dv; c++) S[a * dv + c] = decay * S[a * dv + c] + k[t * dk + a] * v[t * dv + c];
    }
    for (let c = 0; c < dv; c++) {
      let s = 0;
      for (let a = 0; a < dk; a++) s += q[t * dk + a] * scale * S[a * dv + c];
      o[t * dv + c] = s;
    }
  }
  return o;
}

/** The recurrent form's states S_t for every step, [T, dk, dv] (for the inspector's state view). */
export function glaStates({
  k,
  v,
  logDecay,
  seqLen: T,
  keyDim: dk,
  valueDim: dv,
}: GatedLinearAttentionInputs) {
  const states = new Float32Array(T * dk * dv);
  const S = new Float64Array(dk * dv);
  for (let t = 0; t < T; t++)
    for (let a = 0; a < dk; a++) {
      const decay = Math.exp(logDecay[t * dk + a]);
      for (let c = 0; c < dv; c++) {
        S[a * dv + c] = decay * S[a * dv + c] + k[t * dk + a] * v[t * dv + c];
        states[(t * dk + a) * dv + c] = S[a * dv + c];
      }
    }
  return states;
}

function cumulative(logDecay: Float32Array, T: number, dk: number): Float64Array {
  const G = new Float64Array(T * dk);
  for (let t = 0; t < T; t++)
    for (let a = 0; a < dk; a++) G[t * dk + a] = (t > 0 ? G[(t - 1) * dk + a] : 0) + logDecay[t * dk + a];
  return G;
}

/** The parallel form; also returns the (unnormalised) implicit attention matrix W [T, T]. */
export function glaParallel(inputs: GatedLinearAttentionInputs): {
  output: Float32Array;
  weights: Float32Array;
} {
  const { q, k, v, logDecay, seqLen: T, keyDim: dk, valueDim: dv } = inputs;
  const G = cumulative(logDecay, T, dk);
  const weights = new Float32Array(T * T);
  const output = new Float32Array(T * dv);
  const scale = 1 / Math.sqrt(dk);
  for (let t = 0; t < T; t++) {
    const acc = new Float64Array(dv);
    for (let s = 0; s <= t; s++) {
      let w = 0;
      for (let a = 0; a < dk; a++)
        w += q[t * dk + a] * Math.exp(G[t * dk + a] - G[s * dk + a]) * k[s * dk + a];
      w *= scale;
      weights[t * T + s] = w;
      for (let c = 0; c < dv; c++) acc[c] += w * v[s * dv + c];
    }
    output.set(acc, t * dv);
  }
  return { output, weights };
}

export function glaChunked(inputs: GatedLinearAttentionInputs, chunkSize: number): Float32Array {
  const { q, k, v, logDecay, seqLen: T, keyDim: dk, valueDim: dv } = inputs;
  const G = cumulative(logDecay, T, dk);
  const Gat = (t: number, a: number) => (t < 0 ? 0 : G[t * dk + a]);
  const S = new Float64Array(dk * dv);
  const output = new Float32Array(T * dv);
  const scale = 1 / Math.sqrt(dk);
  for (let start = 0; start < T; start += chunkSize) {
    const end = Math.min(T, start + chunkSize);
    for (let t = start; t < end; t++) {
      const acc = new Float64Array(dv);
      // Inter-chunk: the carried state, decayed from the chunk start to t.
      for (let a = 0; a < dk; a++) {
        const qa = q[t * dk + a] * scale * Math.exp(G[t * dk + a] - Gat(start - 1, a));
        for (let c = 0; c < dv; c++) acc[c] += qa * S[a * dv + c];
      }
      // Intra-chunk.
      for (let s = start; s <= t; s++) {
        let w = 0;
        for (let a = 0; a < dk; a++)
          w += q[t * dk + a] * Math.exp(G[t * dk + a] - G[s * dk + a]) * k[s * dk + a];
        for (let c = 0; c < dv; c++) acc[c] += w * scale * v[s * dv + c];
      }
      output.set(acc, t * dv);
    }
    for (let a = 0; a < dk; a++) {
      const whole = Math.exp(Gat(end - 1, a) - Gat(start - 1, a));
      for (let c = 0; c < dv; c++) S[a * dv + c] *= whole;
      for (let s = start; s < end; s++) {
        const ks = k[s * dk + a] * Math.exp(Gat(end - 1, a) - G[s * dk + a]);
        for (let c = 0; c < dv; c++) S[a * dv + c] += ks * v[s * dv + c];
      }
    }
  }
  return output;
}

/** RetNet's fixed per-head decay γ_h = 1 − 2^{−5−h}. */
export const retnetGamma = (head: number): number => 1 - 2 ** (-5 - head);
