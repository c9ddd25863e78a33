import { interpolateViridis, rgb, scaleSequential, scaleSequentialLog } from 'd3';

/** Weights below this are drawn at the bottom of the log scale (log(0) is undefined). */
export const LOG_FLOOR = 1e-4;

/**
 * Maps an attention weight in [0, 1] to a colour of viridis — perceptually uniform, readable in greyscale and
 * for the common colour-vision deficiencies. 'log' spreads small weights (1e-4 … 1) across the palette.
 */
export function weightColorScale(mode: 'linear' | 'log'): (w: number) => string {
  if (mode === 'log') {
    const scale = scaleSequentialLog(interpolateViridis).domain([LOG_FLOOR, 1]).clamp(true);
    return (w) => scale(Math.max(w, LOG_FLOOR));
  }
  const scale = scaleSequential(interpolateViridis).domain([0, 1]).clamp(true);
  return (w) => scale(w);
}

/** Ticks for the colour legend of a mode. */
export function legendTicks(mode: 'linear' | 'log'): number[] {
  return mode === 'log' ? [1e-4, 1e-3, 1e-2, 1e-1, 1] : [0, 0.25, 0.5, 0.75, 1];
}

/** Parses a colour as d3 writes it ("#rrggbb" or "rgb(r, g, b)") into 0–255 channels. */
export function parseRgb(color: string): [number, number, number] {
  const c = rgb(color);
  if (Number.isNaN(c.r)) throw new Error(`Not a colour: ${color}`);
  return [c.r, c.g, c.b];
}

/** Black or white, whichever contrasts more with the background (WCAG relative luminance). */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const [r, g, b] = parseRgb(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}
