import { interpolateViridis, rgb, scaleLinear, scaleLog, scaleSequential, scaleSequentialLog } from 'd3';

/** Colour scale mode of the matrix. */
export type ColorScaleMode = 'linear' | 'log';

/** Weights below this are drawn at the bottom of the log scale (log(0) is undefined). */
export const LOG_FLOOR = 1e-4;

/** Masked (future) cells: a light neutral hatch, far brighter than viridis' dark low end, plus a pattern. */
export const MASKED_FILL = '#eceef2';
export const MASKED_STROKE = '#b9bec9';

/**
 * Maps an attention weight in [0, 1] to a colour of viridis — perceptually uniform, readable in greyscale and
 * for the common colour-vision deficiencies. 'log' spreads small weights (1e-4 … 1) across the palette.
 */
export function weightColorScale(mode: ColorScaleMode): (w: number) => string {
  if (mode === 'log') {
    const scale = scaleSequentialLog(interpolateViridis).domain([LOG_FLOOR, 1]).clamp(true);
    return (w) => scale(Math.max(w, LOG_FLOOR));
  }
  const scale = scaleSequential(interpolateViridis).domain([0, 1]).clamp(true);
  return (w) => scale(w);
}

/** Ticks for the colour legend of a mode. */
export function legendTicks(mode: ColorScaleMode): number[] {
  return mode === 'log' ? [1e-4, 1e-3, 1e-2, 1e-1, 1] : [0, 0.25, 0.5, 0.75, 1];
}

/** A legend tick's label: "0.25" (linear) or "1e-3" (log). */
export function formatTick(mode: ColorScaleMode, tick: number): string {
  return mode === 'log' ? (tick === 1 ? '1' : `1e${Math.round(Math.log10(tick))}`) : String(tick);
}

/** The legend's position scale: weight → x in [0, width], linear or logarithmic like the colours. */
export function legendPosition(mode: ColorScaleMode, width: number): (w: number) => number {
  const scale =
    mode === 'log'
      ? scaleLog().domain([LOG_FLOOR, 1]).range([0, width]).clamp(true)
      : scaleLinear().domain([0, 1]).range([0, width]).clamp(true);
  return (w) => scale(mode === 'log' ? Math.max(w, LOG_FLOOR) : w);
}

/** `n` evenly spaced gradient stops (offset in [0, 1], colour) that reproduce the scale along the legend. */
export function legendStops(mode: ColorScaleMode, n = 11): { offset: number; color: string }[] {
  const color = weightColorScale(mode);
  return Array.from({ length: n }, (_, k) => {
    const t = k / (n - 1);
    return { offset: t, color: color(mode === 'log' ? LOG_FLOOR ** (1 - t) : t) };
  });
}

/** Parses a colour as d3 writes it ("#rrggbb" or "rgb(r, g, b)") into 0–255 channels. */
export function parseRgb(color: string): [number, number, number] {
  const c = rgb(color);
  if (Number.isNaN(c.r)) throw new Error(`Not a colour: ${color}`);
  return [c.r, c.g, c.b];
}

/** WCAG relative luminance of a colour. */
export function relativeLuminance(color: string): number {
  const [r, g, b] = parseRgb(color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever contrasts more with the background (always ≥ 4.5:1 on viridis). */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') > contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}
