import { line } from 'd3';
import { type JSX, type KeyboardEvent, type PointerEvent, useId, useMemo, useState } from 'react';
import { type ChartCursor, isChartKey, moveCursor, nearestPoint } from './chartNavigation';
import {
  type AxisScale,
  axisTicks,
  type ChartPoint,
  type ChartSeries,
  countUndrawable,
  drawable,
  extentOf,
  formatTick,
  makeScale,
  paddedDomain,
} from './chartScales';
import { formatNumber } from './format';
import { markerPath, seriesStyle } from './palette';
import { SeriesTable } from './SeriesTable';
import './SeriesChart.css';

export interface SeriesChartProps {
  /** Title shown above the chart; also its accessible name. */
  title: string;
  /** The series, one line (or scatter) each. */
  series: readonly ChartSeries[];
  /** X axis title. */
  xLabel: string;
  /** Y axis title. */
  yLabel: string;
  /** X axis mapping. @default 'linear' */
  xScale?: AxisScale;
  /** Y axis mapping. @default 'linear' */
  yScale?: AxisScale;
  /** Fixed x domain; otherwise the data's, padded. */
  xDomain?: [number, number];
  /** Fixed y domain; otherwise the data's, padded. */
  yDomain?: [number, number];
  /** Formats an x value for tooltip and table. @default compact number */
  formatX?: (x: number) => string;
  /** Formats a y value for tooltip and table. @default compact number */
  formatY?: (y: number) => string;
  /** Formats an x tick label. @default powers on log axes, compact numbers otherwise */
  formatXTick?: (x: number) => string;
  /** Formats a y tick label. @default powers on log axes, compact numbers otherwise */
  formatYTick?: (y: number) => string;
  /** Join each series' points with a line (false: a scatter). @default true */
  connect?: boolean;
  /** Draw a marker at every point: 'auto' does when a series has at most 64 points. @default 'auto' */
  markers?: 'auto' | 'always' | 'never';
  /** Width of the plot in CSS px, axes included. @default 560 */
  width?: number;
  /** Height of the plot in CSS px, axes included. @default 320 */
  height?: number;
  /** One sentence on what the chart shows, read by screen readers with the keyboard hint. */
  description?: string;
  /** Called when the active (hovered or keyboard-selected) point changes: series id and point index, or null. */
  onActivePointChange?: (point: { seriesId: string; index: number } | null) => void;
}

export const SERIES_CHART_HINT =
  '←/→ move along a series, ↑/↓ switch series, Home/End jump to its first/last point, Escape clears.';

const MARGIN = { top: 12, right: 20, bottom: 44 };
const TICK_CHAR_PX = 6.8; // 11px monospace
const AUTO_MARKER_MAX_POINTS = 64;

interface Drawn {
  /** Index of the point in the series' `points`. */
  index: number;
  point: ChartPoint;
  px: number;
  py: number;
}

/**
 * A line/scatter chart of several series on linear or log axes, each series with an Okabe–Ito colour and its
 * own marker shape, a legend, a tooltip that follows the pointer or the keyboard (the chart is one tab stop;
 * arrows move between points), and a table of every value as the text alternative. Points that cannot be
 * drawn (NaN, ±∞, ≤ 0 on a log axis) are left out of the plot with a note, and kept in the table.
 */
export function SeriesChart({
  title,
  series,
  xLabel,
  yLabel,
  xScale = 'linear',
  yScale = 'linear',
  xDomain,
  yDomain,
  formatX = formatNumber,
  formatY = formatNumber,
  formatXTick,
  formatYTick,
  connect = true,
  markers = 'auto',
  width = 560,
  height = 320,
  description,
  onActivePointChange,
}: SeriesChartProps): JSX.Element {
  const hintId = useId();
  const clipId = useId();
  const titleId = useId();
  const [cursor, setCursor] = useState<ChartCursor | null>(null);

  const fmtXTick = formatXTick ?? ((v: number) => formatTick(xScale, v));
  const fmtYTick = formatYTick ?? ((v: number) => formatTick(yScale, v));

  const layout = useMemo(() => {
    const xe = extentOf(series, 'x', xScale, yScale);
    const ye = extentOf(series, 'y', xScale, yScale);
    if (!xe || !ye) return null;
    const xd = xDomain ?? paddedDomain(xe, xScale);
    const yd = yDomain ?? paddedDomain(ye, yScale);
    const yt = axisTicks(yScale, yd, 6);
    // room for the longest y tick label, then the rotated axis title
    const left = 30 + Math.ceil(TICK_CHAR_PX * Math.max(2, ...yt.map((t) => fmtYTick(t).length)));
    const innerW = Math.max(40, width - left - MARGIN.right);
    const innerH = Math.max(40, height - MARGIN.top - MARGIN.bottom);
    const x = makeScale(xScale, xd, [0, innerW]);
    const y = makeScale(yScale, yd, [innerH, 0]);
    const drawn: Drawn[][] = series.map((s) =>
      s.points.flatMap((point, index) =>
        drawable(point, xScale, yScale) ? [{ index, point, px: x(point.x), py: y(point.y) }] : [],
      ),
    );
    return { x, y, xd, yt, drawn, left, innerW, innerH };
  }, [series, xScale, yScale, xDomain, yDomain, width, height, fmtYTick]);

  const undrawable = countUndrawable(series, xScale, yScale);
  const active =
    layout && cursor && layout.drawn[cursor.series]?.[cursor.point]
      ? { s: series[cursor.series], d: layout.drawn[cursor.series][cursor.point], series: cursor.series }
      : null;

  const update = (next: ChartCursor | null) => {
    setCursor(next);
    if (!onActivePointChange) return;
    const d = next && layout?.drawn[next.series]?.[next.point];
    onActivePointChange(d && next ? { seriesId: series[next.series].id, index: d.index } : null);
  };

  const styles = series.map((s, i) => seriesStyle(s.styleIndex ?? i));

  if (!layout) {
    return (
      <figure
        className="ba-series-chart"
        data-testid="series-chart"
        data-empty="true"
        aria-labelledby={titleId}
      >
        <figcaption id={titleId} className="ba-series-chart__title">
          {title}
        </figcaption>
        <p className="ba-series-chart__empty" role="status">
          {series.length === 0 || series.every((s) => s.points.length === 0)
            ? 'No data to plot yet.'
            : `No point can be drawn: all ${undrawable} values are missing, infinite or not positive on a log axis.`}
        </p>
        {undrawable > 0 && (
          <SeriesTable
            title={title}
            series={series}
            xLabel={xLabel}
            yLabel={yLabel}
            formatX={formatX}
            formatY={formatY}
          />
        )}
      </figure>
    );
  }

  const { x, y, xd, yt, drawn, left, innerW, innerH } = layout;
  const xt = axisTicks(xScale, xd);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      update(null);
      return;
    }
    if (!isChartKey(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    update(
      moveCursor(
        cursor,
        e.key,
        drawn.map((s) => s.map((d) => d.px)),
      ),
    );
  };
  const onPointerMove = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    // The chart scales down to a narrow container (viewBox): map the pointer back to drawing units.
    const sx = box.width > 0 ? innerW / box.width : 1;
    const sy = box.height > 0 ? innerH / box.height : 1;
    const next = nearestPoint(
      (e.clientX - box.left) * sx,
      (e.clientY - box.top) * sy,
      drawn.map((s) => s.map((d) => ({ x: d.px, y: d.py }))),
    );
    if (next?.series !== cursor?.series || next?.point !== cursor?.point) update(next);
  };

  const pathOf = line<Drawn>()
    .x((d) => d.px)
    .y((d) => d.py);
  const readout = active
    ? `${active.s.name}: ${xLabel} ${formatX(active.d.point.x)}, ${yLabel} ${formatY(active.d.point.y)}${
        active.d.point.label ? ` (${active.d.point.label})` : ''
      }`
    : '';
  const tooltipLeft = active ? left + active.d.px : 0;
  const tooltipTop = active ? MARGIN.top + active.d.py : 0;

  return (
    <figure
      className="ba-series-chart"
      data-testid="series-chart"
      aria-labelledby={titleId}
      style={{ maxWidth: Math.max(width, 320) }}
      data-active={active ? `${active.s.id}:${active.d.index}` : ''}
    >
      <figcaption id={titleId} className="ba-series-chart__title">
        {title}
      </figcaption>
      <div
        className="ba-series-chart__plot"
        // "application": the chart handles the arrow keys itself (a roving tab order over every point would be
        // unusable); the live readout below is its text.
        role="application"
        aria-roledescription="chart"
        aria-label={`${title}: ${series.length} series, ${xLabel} against ${yLabel}`}
        aria-describedby={hintId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application" is a focusable widget with its own keys
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (!cursor)
            update(
              moveCursor(
                null,
                'Home',
                drawn.map((s) => s.map((d) => d.px)),
              ),
            );
        }}
        style={{ width: '100%', maxWidth: width, aspectRatio: `${width} / ${height}` }}
      >
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
          <defs>
            <clipPath id={clipId}>
              <rect x={-8} y={-8} width={innerW + 16} height={innerH + 16} />
            </clipPath>
          </defs>
          <g transform={`translate(${left}, ${MARGIN.top})`}>
            {yt.map((t) => (
              <g key={`y${t}`} transform={`translate(0, ${y(t)})`}>
                <line x2={innerW} className="ba-series-chart__grid" />
                <text x={-6} dy="0.32em" textAnchor="end" className="ba-series-chart__tick">
                  {fmtYTick(t)}
                </text>
              </g>
            ))}
            {xt.map((t) => (
              <g key={`x${t}`} transform={`translate(${x(t)}, 0)`}>
                <line y2={innerH} className="ba-series-chart__grid" />
                <text y={innerH + 16} textAnchor="middle" className="ba-series-chart__tick">
                  {fmtXTick(t)}
                </text>
              </g>
            ))}
            <rect width={innerW} height={innerH} className="ba-series-chart__frame" />
            <text x={innerW / 2} y={innerH + 36} textAnchor="middle" className="ba-series-chart__axis-title">
              {xLabel}
              {xScale !== 'linear' ? ` (${xScale === 'log2' ? 'log₂' : 'log₁₀'} scale)` : ''}
            </text>
            <text
              transform={`translate(${-left + 14}, ${innerH / 2}) rotate(-90)`}
              textAnchor="middle"
              className="ba-series-chart__axis-title"
            >
              {yLabel}
              {yScale !== 'linear' ? ` (${yScale === 'log2' ? 'log₂' : 'log₁₀'} scale)` : ''}
            </text>
            <g clipPath={`url(#${clipId})`}>
              {connect &&
                drawn.map((d, i) =>
                  d.length > 1 ? (
                    <path
                      key={series[i].id}
                      d={pathOf(d) ?? ''}
                      className="ba-series-chart__line"
                      stroke={styles[i].color}
                      strokeDasharray={series[i].dash}
                      data-series={series[i].id}
                    />
                  ) : null,
                )}
              {drawn.map((d, i) =>
                markers === 'always' || (markers === 'auto' && d.length <= AUTO_MARKER_MAX_POINTS) || !connect
                  ? d.map((p) => (
                      <path
                        key={`${series[i].id}-${p.index}`}
                        d={markerPath(styles[i].marker)}
                        transform={`translate(${p.px}, ${p.py})`}
                        fill={styles[i].color}
                        className="ba-series-chart__marker"
                        data-series={series[i].id}
                        data-index={p.index}
                      />
                    ))
                  : null,
              )}
              {active && (
                <g
                  transform={`translate(${active.d.px}, ${active.d.py})`}
                  className="ba-series-chart__active"
                >
                  <circle r={9} className="ba-series-chart__active-halo" />
                  <path d={markerPath(styles[active.series].marker, 90)} fill={styles[active.series].color} />
                </g>
              )}
            </g>
            <rect
              width={innerW}
              height={innerH}
              className="ba-series-chart__hit-area"
              onPointerMove={onPointerMove}
              onPointerLeave={() => update(null)}
            />
          </g>
        </svg>
        {active && (
          <div
            className="ba-series-chart__tooltip"
            data-testid="series-chart-tooltip"
            style={{
              left: `${(100 * tooltipLeft) / width}%`,
              top: `${(100 * tooltipTop) / height}%`,
              transform: `translate(${active.d.px > innerW / 2 ? 'calc(-100% - 12px)' : '12px'}, ${
                active.d.py > innerH / 2 ? 'calc(-100% - 8px)' : '8px'
              })`,
            }}
            aria-hidden="true"
          >
            <strong>
              <svg width={12} height={12} viewBox="-6 -6 12 12" aria-hidden="true">
                <path d={markerPath(styles[active.series].marker, 40)} fill={styles[active.series].color} />
              </svg>{' '}
              {active.s.name}
            </strong>
            <br />
            {xLabel}: {formatX(active.d.point.x)}
            <br />
            {yLabel}: {formatY(active.d.point.y)}
            {active.d.point.label && (
              <>
                <br />
                {active.d.point.label}
              </>
            )}
          </div>
        )}
      </div>
      <ul className="ba-series-chart__legend" aria-label="Legend">
        {series.map((s, i) => (
          <li key={s.id}>
            <svg width={14} height={14} viewBox="-7 -7 14 14" aria-hidden="true">
              {connect && (
                <line
                  x1={-7}
                  x2={7}
                  stroke={styles[i].color}
                  strokeWidth={2}
                  strokeDasharray={s.dash ? '3 2' : undefined}
                />
              )}
              <path d={markerPath(styles[i].marker, 40)} fill={styles[i].color} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
      <p id={hintId} className="ba-series-chart__hint">
        {description ? `${description} ` : ''}
        {SERIES_CHART_HINT}
      </p>
      <p className="ba-series-chart__readout" aria-live="polite" aria-atomic="true">
        {readout}
      </p>
      {undrawable > 0 && (
        <p className="ba-series-chart__note" role="note">
          {undrawable} {undrawable === 1 ? 'value is' : 'values are'} not drawn: missing (NaN), infinite
          {xScale !== 'linear' || yScale !== 'linear' ? ' or not positive on a log axis' : ''}. The table
          lists
          {undrawable === 1 ? ' it' : ' them'}.
        </p>
      )}
      <SeriesTable
        title={title}
        series={series}
        xLabel={xLabel}
        yLabel={yLabel}
        formatX={formatX}
        formatY={formatY}
      />
    </figure>
  );
}
