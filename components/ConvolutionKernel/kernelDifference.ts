/**
 * How far two computations of the same output are apart — the recurrence y_t = C h_t (h_t = Ā h_{t−1} + B u_t)
 * and the convolution y = K ∗ u with K_ℓ = C Ā^ℓ B are the same map, so their outputs differ only by rounding.
 */

/** The largest |a_t − b_t|, where it occurs, and the same relative to max_t |a_t|. */
export interface OutputDifference {
  /** max_t |a_t − b_t|; NaN when either output has a NaN or ±∞ (compared over the common length). */
  max: number;
  /** The t of that maximum (−1 when there is nothing to compare or a value is not finite). */
  at: number;
  /** max / max_t |a_t| (0 when both are all zeros). */
  relative: number;
  /** Positions where a value is NaN or ±∞ in either output. */
  nonFinite: number;
  /** Lengths differ: only the common prefix was compared. */
  lengthMismatch: boolean;
}

export function outputDifference(a: ArrayLike<number>, b: ArrayLike<number>): OutputDifference {
  const n = Math.min(a.length, b.length);
  let max = 0;
  let at = n > 0 ? 0 : -1;
  let scale = 0;
  let nonFinite = 0;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(a[t]) || !Number.isFinite(b[t])) {
      nonFinite++;
      continue;
    }
    const d = Math.abs(a[t] - b[t]);
    if (d > max) {
      max = d;
      at = t;
    }
    scale = Math.max(scale, Math.abs(a[t]));
  }
  if (nonFinite > 0)
    return {
      max: Number.NaN,
      at: -1,
      relative: Number.NaN,
      nonFinite,
      lengthMismatch: a.length !== b.length,
    };
  return {
    max,
    at,
    relative: scale > 0 ? max / scale : max === 0 ? 0 : Number.POSITIVE_INFINITY,
    nonFinite,
    lengthMismatch: a.length !== b.length,
  };
}

/** Do the outputs agree to `tolerance` (relative to the largest output)? */
export const outputsAgree = (d: OutputDifference, tolerance: number): boolean =>
  !d.lengthMismatch && d.nonFinite === 0 && d.relative <= tolerance;
