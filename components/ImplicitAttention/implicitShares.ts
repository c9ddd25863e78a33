/**
 * Puts implicit attention matrices on softmax's scale. Softmax rows are probability distributions; the implicit
 * matrices of linear attention (normalised, ≥ 0 for positive feature maps), Mamba-2/SSD
 * (M_ts = (C_t·B_s)·e^{A(Λ_t−Λ_s)}·Δ_s) and RetNet/GLA ((q_t ⊙ e^{G_t−G_s})·k_s/√d) are neither normalised nor
 * signed alike. The shared picture shows each key's share of the query's total |weight|,
 *   share_ts = |M_ts| / Σ_{s'} |M_ts'|,
 * which is M itself for a row-stochastic matrix; the sign and the raw row sums are reported beside it.
 */

export interface MatrixSummary {
  /** Values that are NaN or ±∞. */
  nonFinite: number;
  /** Σ |negative entries| / Σ |entries| over the causal part (0 … 1). */
  negativeShare: number;
  /** Smallest and largest raw row sum Σ_s M_ts. */
  rowSumMin: number;
  rowSumMax: number;
}

/** share_ts = |M_ts| / Σ_s' |M_ts'| over the causal part (s ≤ t); a zero row stays zero. */
export function absoluteShares(matrix: ArrayLike<number>, T: number): Float32Array {
  const out = new Float32Array(T * T);
  for (let t = 0; t < T; t++) {
    let sum = 0;
    for (let s = 0; s <= t; s++) sum += Math.abs(matrix[t * T + s]);
    if (sum === 0) continue;
    for (let s = 0; s <= t; s++) out[t * T + s] = Math.abs(matrix[t * T + s]) / sum;
  }
  return out;
}

/** Non-finite count, negative share and raw row-sum range of a causal matrix [T × T]. */
export function summariseMatrix(matrix: ArrayLike<number>, T: number): MatrixSummary {
  let nonFinite = 0;
  let negative = 0;
  let total = 0;
  let rowSumMin = Number.POSITIVE_INFINITY;
  let rowSumMax = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < T; t++) {
    let row = 0;
    for (let s = 0; s <= t; s++) {
      const v = matrix[t * T + s];
      if (!Number.isFinite(v)) {
        nonFinite++;
        continue;
      }
      row += v;
      total += Math.abs(v);
      if (v < 0) negative -= v;
    }
    rowSumMin = Math.min(rowSumMin, row);
    rowSumMax = Math.max(rowSumMax, row);
  }
  return {
    nonFinite,
    negativeShare: total > 0 ? negative / total : 0,
    rowSumMin: T ? rowSumMin : 0,
    rowSumMax: T ? rowSumMax : 0,
  };
}
