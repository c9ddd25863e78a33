/**
 * Series styling shared by the line charts: the Okabe–Ito palette (colour-blind safe; Okabe & Ito 2008) with
 * a distinct d3 marker shape per series, so no series is told apart by colour alone. Okabe–Ito's black is the
 * theme's text colour, so it stays visible on a dark background; its yellow comes last (low contrast on white).
 */
import {
  type SymbolType,
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolTriangle2,
  symbolWye,
} from 'd3';

/** Okabe–Ito, ordered for contrast on a light background. */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  'var(--ba-text, #1d2330)', // black
  '#F0E442', // yellow
] as const;

export type MarkerShape =
  | 'circle'
  | 'square'
  | 'triangle'
  | 'diamond'
  | 'cross'
  | 'star'
  | 'wye'
  | 'triangleDown';

/** Marker shapes in the order series receive them. */
export const MARKER_SHAPES: readonly MarkerShape[] = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'cross',
  'star',
  'wye',
  'triangleDown',
];

const SYMBOLS: Record<MarkerShape, SymbolType> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
  star: symbolStar,
  wye: symbolWye,
  triangleDown: symbolTriangle2,
};

/** The style of the series with this index: colour and marker cycle independently (8 × 8 distinct pairs). */
export function seriesStyle(index: number): { color: string; marker: MarkerShape } {
  const i = Math.max(0, Math.trunc(index));
  const color = OKABE_ITO[i % OKABE_ITO.length];
  // After one full colour cycle, shift the marker so (colour, marker) pairs stay unique for 64 series.
  const marker = MARKER_SHAPES[(i + Math.floor(i / OKABE_ITO.length)) % MARKER_SHAPES.length];
  return { color, marker };
}

/** An SVG path of the marker centred on (0, 0) with the given area in px². */
export function markerPath(shape: MarkerShape, area = 48): string {
  return symbol(SYMBOLS[shape], area)() ?? '';
}
