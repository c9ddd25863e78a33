/**
 * Scales, ticks and labels of the line charts, kept apart from React: which points can be drawn (finite, and
 * positive on a log axis), the domain they span, whole-power ticks on log axes, and compact tick labels.
 */
import { type ScaleLinear, type ScaleLogarithmic, scaleLinear, scaleLog, ticks } from 'd3';
import { formatNumber, power } from './format';

/** How an axis maps values: linear, or logarithmic with ticks at powers of 2 or of 10. */
export type AxisScale = 'linear' | 'log2' | 'log10';

/** One data point of a series. */
export interface ChartPoint {
  x: number;
  y: number;
  /** Extra words for the tooltip and the table, e.g. the model id. */
  label?: string;
}

/** One line (or scatter) of a chart. */
export interface ChartSeries {
  /** Stable identity, e.g. the architecture id. */
  id: string;
  /** Name shown in the legend, tooltip and table. */
  name: string;
  /** Points in drawing order (usually ascending x). */
  points: readonly ChartPoint[];
  /** Palette slot, so an architecture keeps its colour and marker across charts. @default the series' index */
  styleIndex?: number;
  /** Dash pattern of the line (SVG stroke-dasharray), e.g. to overlay two curves that coincide. */
  dash?: string;
}

const isLog = (s: AxisScale) => s !== 'linear';

/** A value can sit on the axis: finite, and > 0 on a log axis. */
export const onAxis = (v: number, scale: AxisScale): boolean =>
  Number.isFinite(v) && (!isLog(scale) || v > 0);

/** A point can be drawn on these axes. */
export const drawable = (p: ChartPoint, xs: AxisScale, ys: AxisScale): boolean =>
  onAxis(p.x, xs) && onAxis(p.y, ys);

/** Points that cannot be drawn (NaN, ±Inf, ≤ 0 on a log axis), counted over all series. */
export function countUndrawable(series: readonly ChartSeries[], xs: AxisScale, ys: AxisScale): number {
  return series.reduce((n, s) => n + s.points.filter((p) => !drawable(p, xs, ys)).length, 0);
}

/** [min, max] of the drawable values along one axis, or null when nothing is drawable. */
export function extentOf(
  series: readonly ChartSeries[],
  axis: 'x' | 'y',
  xs: AxisScale,
  ys: AxisScale,
): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series)
    for (const p of s.points)
      if (drawable(p, xs, ys)) {
        lo = Math.min(lo, p[axis]);
        hi = Math.max(hi, p[axis]);
      }
  return lo <= hi ? [lo, hi] : null;
}

const base = (s: AxisScale) => (s === 'log2' ? 2 : 10);

/**
 * A domain that shows [lo, hi] with some air: log axes widen to whole powers of their base, linear axes to
 * d3's nice round numbers; a single value gets a window around it.
 */
export function paddedDomain([lo, hi]: [number, number], scale: AxisScale): [number, number] {
  if (isLog(scale)) {
    const b = base(scale);
    const e0 = Math.floor(Math.log(lo) / Math.log(b) + 1e-9);
    let e1 = Math.ceil(Math.log(hi) / Math.log(b) - 1e-9);
    if (e1 <= e0) e1 = e0 + 1;
    return [b ** e0, b ** e1];
  }
  if (lo === hi) return lo === 0 ? [-1, 1] : [Math.min(0, 2 * lo), Math.max(0, 2 * hi)];
  const nice = scaleLinear().domain([lo, hi]).nice().domain();
  return [nice[0], nice[1]];
}

/** The d3 scale of an axis. */
export function makeScale(
  scale: AxisScale,
  domain: [number, number],
  range: [number, number],
): ScaleLinear<number, number> | ScaleLogarithmic<number, number> {
  return isLog(scale)
    ? scaleLog().base(base(scale)).domain(domain).range(range)
    : scaleLinear().domain(domain).range(range);
}

/** Tick values: on log axes whole powers of the base (thinned to at most `max`), else d3's round ticks. */
export function axisTicks(scale: AxisScale, [lo, hi]: [number, number], max = 8): number[] {
  if (!isLog(scale)) return ticks(lo, hi, Math.min(max, 6));
  const b = base(scale);
  const e0 = Math.ceil(Math.log(lo) / Math.log(b) - 1e-9);
  const e1 = Math.floor(Math.log(hi) / Math.log(b) + 1e-9);
  const step = Math.max(1, Math.ceil((e1 - e0 + 1) / max));
  const out: number[] = [];
  for (let e = e0; e <= e1; e += step) out.push(b ** e);
  return out;
}

/** A tick label: powers of the base on log axes ("2¹⁰", "10⁶"), small powers of two written out. */
export function formatTick(scale: AxisScale, v: number): string {
  if (scale === 'log2') {
    const e = Math.round(Math.log2(v));
    return e >= 0 && e <= 12 ? String(2 ** e) : power(2, e);
  }
  if (scale === 'log10') {
    const e = Math.round(Math.log10(v));
    return e >= 0 && e <= 3 ? String(10 ** e) : power(10, e);
  }
  return formatNumber(v);
}
