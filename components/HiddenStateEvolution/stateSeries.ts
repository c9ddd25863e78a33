/**
 * Pure reductions of a state trajectory S_0 … S_{T−1}, each S_t a rows × cols matrix stored row-major in one
 * array [T, rows, cols]: the state at a step, its Frobenius norm per step, and associative-memory probes.
 *
 * Associative memory (linear attention, architectures.md §3.3): writing S_t = S_{t−1} + φ(k_t) v_tᵀ stores v
 * under key φ(k); reading with the same key gives S_tᵀ φ(k) = Σ_s (φ(k_s)·φ(k)) v_s — the stored value scaled by
 * ‖φ(k)‖² plus the crosstalk of every other stored pair (interference). The cosine between the read-out and
 * the stored value measures recall: 1 = perfect direction, lower = interference (or decay/overwrite).
 */

/** [T, rows, cols]: steps, then the state matrix's rows and columns. */
export type StateShape = readonly [steps: number, rows: number, cols: number];

/** One stored key → value pair to probe the state with. */
export interface StateProbe {
  /** Readable name of the pair, e.g. "ant → 3". */
  label: string;
  /** Step at which the pair is written into the state (the read-out is undefined before it). */
  position: number;
  /** The key as the state sees it (φ(k) for linear attention), length rows. */
  key: ArrayLike<number>;
  /** The stored value v, length cols. */
  value: ArrayLike<number>;
}

/** Why the trajectory cannot be drawn, or null when it can. */
export function stateShapeProblem(
  states: ArrayLike<number>,
  [T, rows, cols]: StateShape,
  tokens: readonly string[],
): string | null {
  if (![T, rows, cols].every((d) => Number.isInteger(d) && d >= 0))
    return `the shape [${T}, ${rows}, ${cols}] must be whole numbers.`;
  if (T === 0) return 'there are no steps.';
  if (rows === 0 || cols === 0) return `the state is empty (${rows} × ${cols}).`;
  if (states.length !== T * rows * cols)
    return `shape [${T}, ${rows}, ${cols}] needs ${T * rows * cols} values, got ${states.length}.`;
  if (tokens.length !== T) return `${T} steps need ${T} token labels, got ${tokens.length}.`;
  return null;
}

/** Problems with the probes (wrong key/value sizes, positions out of range), as messages. */
export function probeProblems(probes: readonly StateProbe[], [T, rows, cols]: StateShape): string[] {
  const out: string[] = [];
  for (const p of probes) {
    if (p.key.length !== rows)
      out.push(`probe “${p.label}”: key has ${p.key.length} values, the state has ${rows} rows`);
    if (p.value.length !== cols)
      out.push(`probe “${p.label}”: value has ${p.value.length} values, the state has ${cols} columns`);
    if (!Number.isInteger(p.position) || p.position < 0 || p.position >= T)
      out.push(`probe “${p.label}”: position ${p.position} is outside 0 … ${T - 1}`);
  }
  return out;
}

/** The state matrix at step t, as a view (no copy). */
export function stateAt<A extends Float32Array | Float64Array>(
  states: A,
  [, rows, cols]: StateShape,
  t: number,
): A {
  return states.subarray(t * rows * cols, (t + 1) * rows * cols) as A;
}

/** ‖S_t‖_F for every step; NaN for a step holding a non-finite value. */
export function frobeniusNorms(states: ArrayLike<number>, [T, rows, cols]: StateShape): Float64Array {
  const size = rows * cols;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = t * size; i < (t + 1) * size; i++) s += states[i] * states[i];
    out[t] = Number.isFinite(s) ? Math.sqrt(s) : Number.NaN;
  }
  return out;
}

/** The largest |value| over the finite values (0 when there are none). */
export function finiteMaxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]);
    if (Number.isFinite(v) && v > m) m = v;
  }
  return m;
}

/** How many values are NaN or ±∞. */
export function countNonFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) n++;
  return n;
}

/**
 * cos(S_tᵀ key, value) for every probe and step: [probes, T], NaN before the probe's position (nothing
 * stored yet) or when the read-out is not finite; 0 when the read-out is the zero vector.
 */
export function retrievalCosines(
  states: ArrayLike<number>,
  [T, rows, cols]: StateShape,
  probes: readonly StateProbe[],
): Float64Array {
  const out = new Float64Array(probes.length * T).fill(Number.NaN);
  const read = new Float64Array(cols);
  probes.forEach((p, i) => {
    let vv = 0;
    for (let c = 0; c < cols; c++) vv += p.value[c] * p.value[c];
    for (let t = p.position; t < T; t++) {
      read.fill(0);
      const base = t * rows * cols;
      for (let r = 0; r < rows; r++) {
        const k = p.key[r];
        if (k === 0) continue;
        for (let c = 0; c < cols; c++) read[c] += k * states[base + r * cols + c];
      }
      let rv = 0;
      let rr = 0;
      for (let c = 0; c < cols; c++) {
        rv += read[c] * p.value[c];
        rr += read[c] * read[c];
      }
      const cos = rr === 0 || vv === 0 ? 0 : rv / Math.sqrt(rr * vv);
      out[i * T + t] = Number.isFinite(cos) ? Math.max(-1, Math.min(1, cos)) : Number.NaN;
    }
  });
  return out;
}

export interface MemorySummary {
  /** Probes written at or before step t. */
  stored: number;
  /** stored / rows: pairs per key dimension; above 1, keys cannot all be orthogonal, so they must interfere. */
  fill: number;
  /** Mean cosine over the stored probes with a finite read-out (NaN when none). */
  meanCosine: number;
  /** The stored probe recalled worst, or null. */
  worst: { label: string; cosine: number } | null;
}

/** The state of the memory at step t, from `retrievalCosines`. */
export function memorySummary(
  cosines: Float64Array,
  probes: readonly StateProbe[],
  [T, rows]: StateShape,
  t: number,
): MemorySummary {
  let stored = 0;
  let sum = 0;
  let counted = 0;
  let worst: MemorySummary['worst'] = null;
  probes.forEach((p, i) => {
    if (p.position > t) return;
    stored++;
    const c = cosines[i * T + t];
    if (!Number.isFinite(c)) return;
    sum += c;
    counted++;
    if (!worst || c < worst.cosine) worst = { label: p.label, cosine: c };
  });
  return { stored, fill: stored / rows, meanCosine: counted ? sum / counted : Number.NaN, worst };
}
