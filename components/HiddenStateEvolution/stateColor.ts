/**
 * Colours for signed state values: a diverging blue–white–red palette (ColorBrewer RdBu, safe for the common
 * colour-vision deficiencies; negative = blue, positive = red) on a domain symmetric around 0, linear or
 * symmetric-log (sign(v)·log(1 + |v|/c), which keeps small entries visible next to huge ones).
 */
import { interpolateRdBu, rgb } from 'd3';

export type StateColorMode = 'linear' | 'symlog';

/** Non-finite values (NaN, ±∞) are drawn in this neutral grey, outside the palette, and named in the legend. */
export const NON_FINITE_COLOR = '#7a7a7a';

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
