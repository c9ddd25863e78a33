/** Per-plane summaries of attention weights: the text alternative of the 3D stack. */

export interface PlaneStats {
  /** Mean over queries of the largest weight in the row (1 = every query attends to one key). */
  meanPeak: number;
  /** Mean over queries of the row entropy −Σ_j w_j log₂ w_j, in bits (0 = one key; log₂(i+1) = uniform). */
  meanEntropyBits: number;
  /** False when the plane holds NaN or ±Infinity (the statistics are then NaN). */
  finite: boolean;
}

/** Statistics of plane p (T × T weights starting at p·T²). */
export function planeStats(weights: ArrayLike<number>, plane: number, T: number): PlaneStats {
  let peak = 0;
  let entropy = 0;
  let finite = true;
  for (let i = 0; i < T; i++) {
    let rowMax = 0;
    let h = 0;
    for (let j = 0; j < T; j++) {
      const w = weights[plane * T * T + i * T + j];
      if (!Number.isFinite(w)) finite = false;
      if (w > rowMax) rowMax = w;
      if (w > 0) h -= w * Math.log2(w);
    }
    peak += rowMax;
    entropy += h;
  }
  return finite && T > 0
    ? { meanPeak: peak / T, meanEntropyBits: entropy / T, finite }
    : { meanPeak: Number.NaN, meanEntropyBits: Number.NaN, finite };
}
