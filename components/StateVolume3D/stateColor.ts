import { interpolatePuOr, scaleDiverging } from 'd3';

/** The largest |value| among the finite values (0 when there is none). */
export function maxAbsFinite(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  }
  return m;
}

/**
 * Signed state values → colour: ColorBrewer's PuOr (purple < 0 < orange, near-white at 0; safe for
 * colour-vision deficiencies), symmetric over [−max, max] so that equal magnitudes get equal strength. Clamped.
 */
export function stateColorScale(maxAbs: number): (v: number) => string {
  const m = maxAbs > 0 ? maxAbs : 1;
  // d3's interpolatePuOr runs dark purple (0) → near-white (½) → brown-orange (1): −m purple, +m orange
  const scale = scaleDiverging(interpolatePuOr).domain([-m, 0, m]).clamp(true);
  return (v) => scale(v);
}

/** Frobenius norm and max |x| of slice t of a [steps, rows, cols] tensor (NaN when it holds a non-finite value). */
export function sliceNorms(
  states: ArrayLike<number>,
  t: number,
  size: number,
): { frobenius: number; maxAbs: number } {
  let sq = 0;
  let max = 0;
  for (let i = t * size; i < (t + 1) * size; i++) {
    const v = states[i];
    if (!Number.isFinite(v)) return { frobenius: Number.NaN, maxAbs: Number.NaN };
    sq += v * v;
    max = Math.max(max, Math.abs(v));
  }
  return { frobenius: Math.sqrt(sq), maxAbs: max };
}
