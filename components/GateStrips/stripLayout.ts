/**
 * Geometry and colour of the gate strips, kept apart from React: each strip is a channels × tokens heatmap of
 * one gate, coloured by viridis over the strip's finite range; NaN/±∞ cells are drawn as a neutral hatch.
 */
import { interpolateViridis } from 'd3';

/** [min, max] of the finite values, or null when there are none. */
export function finiteExtent(values: ArrayLike<number>): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Colour of a value in [lo, hi] (viridis); a constant strip takes the middle colour. */
export function stripColor(v: number, [lo, hi]: [number, number]): string {
  const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
  return interpolateViridis(Math.min(1, Math.max(0, t)));
}

/** Height of one channel row in px: tall rows for few channels, at least 2 px, the strip at most ~120 px. */
export const rowHeight = (channels: number): number =>
  Math.max(2, Math.min(14, Math.floor(120 / Math.max(1, channels))));

/** The token under x (px from the strip's left edge) for T tokens over `width` px, clamped. */
export const tokenAt = (x: number, width: number, T: number): number =>
  Math.min(T - 1, Math.max(0, Math.floor((x / width) * T)));

/** The selected token after a key on the token slider, or null for keys it does not handle. */
export function tokenForKey(key: string, current: number, T: number): number | null {
  const clamp = (i: number) => Math.min(T - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(current - 1);
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(current + 1);
    case 'PageDown':
      return clamp(current - 10);
    case 'PageUp':
      return clamp(current + 10);
    case 'Home':
      return 0;
    case 'End':
      return T - 1;
    default:
      return null;
  }
}

/** Mean over channels of each token's values [T, C] → [T], ignoring non-finite values (NaN if none). */
export function channelMeans(values: ArrayLike<number>, T: number, C: number): Float64Array {
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let sum = 0;
    let n = 0;
    for (let c = 0; c < C; c++) {
      const v = values[t * C + c];
      if (Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    out[t] = n > 0 ? sum / n : Number.NaN;
  }
  return out;
}
