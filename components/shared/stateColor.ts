/**
 * The one palette for signed state values (hidden states, in 2D and in 3D): a diverging blue–white–red palette
 * (ColorBrewer RdBu, marked colour-blind safe; negative = blue, positive = red) on a domain symmetric around
 * 0, linear or symmetric-log (sign(v)·log(1 + |v|/c), which keeps small entries visible next to huge ones).
 * Non-finite values are drawn in the library's neutral grey (palette.ts), outside the palette.
 */
import { interpolateRdBu, rgb } from 'd3';
import { NON_FINITE_COLOR } from './palette';

export type StateColorMode = 'linear' | 'symlog';

/** The largest |value| among the finite values (0 when there is none): the symmetric domain's end. */
export function maxAbsFinite(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  }
  return m;
}

/** symlog's linear zone, as a fraction of the largest |value|. */
const SYMLOG_FRACTION = 1e-3;

/** Where v sits on the palette: 0 = −maxAbs (blue), 0.5 = 0 (white), 1 = +maxAbs (red); NaN for non-finite v. */
export function colorPosition(v: number, maxAbs: number, mode: StateColorMode): number {
  if (!Number.isFinite(v)) return Number.NaN;
  if (maxAbs <= 0) return 0.5;
  const x = Math.max(-1, Math.min(1, v / maxAbs));
  if (mode === 'linear') return 0.5 + 0.5 * x;
  const c = SYMLOG_FRACTION;
  return 0.5 + (0.5 * Math.sign(x) * Math.log1p(Math.abs(x) / c)) / Math.log1p(1 / c);
}

/** The palette at a position in [0, 1]. */
export const paletteAt = (t: number): string => (Number.isNaN(t) ? NON_FINITE_COLOR : interpolateRdBu(1 - t));

/** v → colour. */
export function stateColor(maxAbs: number, mode: StateColorMode): (v: number) => string {
  return (v) => paletteAt(colorPosition(v, maxAbs, mode));
}

/** 256 rgb triples along the palette, for canvases (index = round(position·255)). */
export function paletteLut(palette: (t: number) => string = paletteAt): [number, number, number][] {
  return Array.from({ length: 256 }, (_, k) => {
    const c = rgb(palette(k / 255));
    return [c.r, c.g, c.b];
  });
}

/** Legend tick values for a domain [−maxAbs, maxAbs]. */
export function stateLegendTicks(maxAbs: number): number[] {
  return maxAbs > 0 ? [-maxAbs, -maxAbs / 2, 0, maxAbs / 2, maxAbs] : [0];
}
