/**
 * The library's categorical colours, one palette per meaning: Okabe–Ito (colour-blind safe; Okabe & Ito 2008)
 * for anything told apart by category — chart series (with a distinct d3 marker shape per series, so no
 * series is told apart by colour alone), devices, experts, tiles — and one neutral grey for values that are
 * not numbers. Okabe–Ito's black is the theme's text colour, so it stays visible on a dark background; its
 * yellow comes last in the series order (low contrast on white). Signed state values have their own diverging
 * palette (stateColor.ts); attention weights theirs (AttentionMatrix/colorScale.ts, viridis).
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

/** Okabe–Ito's colours by name (black is the theme's text colour). */
export const OKABE_ITO_BY_NAME = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  green: '#009E73', // bluish green
  purple: '#CC79A7', // reddish purple
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  black: 'var(--ba-text, #1d2330)',
  yellow: '#F0E442',
} as const;

/** Okabe–Ito, ordered for contrast on a light background (the order series receive them). */
export const OKABE_ITO = [
  OKABE_ITO_BY_NAME.blue,
  OKABE_ITO_BY_NAME.vermillion,
  OKABE_ITO_BY_NAME.green,
  OKABE_ITO_BY_NAME.purple,
  OKABE_ITO_BY_NAME.orange,
  OKABE_ITO_BY_NAME.skyBlue,
  OKABE_ITO_BY_NAME.black,
  OKABE_ITO_BY_NAME.yellow,
] as const;

/**
 * Non-finite values (NaN, ±∞) in every heatmap and 3D view: a neutral grey outside every palette of the
 * library (viridis, the states' RdBu), named in the legends.
 */
export const NON_FINITE_COLOR = '#7a7a7a';

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
