/**
 * Which point of a chart is active, kept apart from the DOM: keyboard moves between points (←/→ along a
 * series, ↑/↓ to the nearest-x point of the neighbouring series, Home/End) and the pointer's nearest point.
 */

/** The active point: series index and point index within that series' drawable points. */
export interface ChartCursor {
  series: number;
  point: number;
}

/** A key the chart handles, or null. */
export type ChartKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

export const isChartKey = (key: string): key is ChartKey =>
  ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key);

/** The point of `xs` closest to x (first on ties). */
function nearestIndex(xs: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return best;
}

/**
 * The cursor after a key. `xs[s]` are the x positions (in px, so log axes move by what the eye sees) of series
 * s's drawable points; empty series are skipped. With no cursor, any key lands on the first point.
 */
export function moveCursor(
  cursor: ChartCursor | null,
  key: ChartKey,
  xs: readonly (readonly number[])[],
): ChartCursor | null {
  const nonEmpty = xs.map((s, i) => (s.length > 0 ? i : -1)).filter((i) => i >= 0);
  if (nonEmpty.length === 0) return null;
  if (!cursor || !xs[cursor.series] || cursor.point >= xs[cursor.series].length)
    return { series: nonEmpty[0], point: 0 };
  const { series, point } = cursor;
  const n = xs[series].length;
  switch (key) {
    case 'ArrowLeft':
      return { series, point: Math.max(0, point - 1) };
    case 'ArrowRight':
      return { series, point: Math.min(n - 1, point + 1) };
    case 'Home':
      return { series, point: 0 };
    case 'End':
      return { series, point: n - 1 };
    case 'ArrowUp':
    case 'ArrowDown': {
      const k = nonEmpty.indexOf(series);
      const step = key === 'ArrowDown' ? 1 : -1;
      const next = nonEmpty[(k + step + nonEmpty.length) % nonEmpty.length];
      return { series: next, point: nearestIndex(xs[next], xs[series][point]) };
    }
  }
}

/** The drawn point nearest to (px, py) in screen space, or null when there is none. */
export function nearestPoint(
  px: number,
  py: number,
  points: readonly (readonly { x: number; y: number }[])[],
): ChartCursor | null {
  let best: ChartCursor | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  points.forEach((s, series) => {
    s.forEach((p, point) => {
      const d = (p.x - px) ** 2 + (p.y - py) ** 2;
      if (d < bestD) {
        bestD = d;
        best = { series, point };
      }
    });
  });
  return best;
}
