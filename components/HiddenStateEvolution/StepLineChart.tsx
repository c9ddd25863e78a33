import { line, scaleLinear } from 'd3';
import type { JSX } from 'react';
import { formatValue } from '../shared/format';

export interface StepLineChartProps {
  /** One value per step; NaN leaves a gap. */
  values: ArrayLike<number>;
  /** CSS width of the plot area (aligned with the heatmaps above it). */
  width: number;
  /** CSS height of the plot area. */
  height: number;
  /** The scrubbed step, marked. */
  step: number;
  /** Title above the plot. */
  title: string;
  /** y domain; default [0, largest finite value]. */
  domain?: [number, number];
  /** Left margin to align with the heatmaps. */
  left: number;
  /** Draw step numbers under the plot (the last chart of a column). */
  showStepAxis?: boolean;
}

const TOP = 16;

/** A small line chart over the steps, sharing the heatmaps' x axis, with the scrubbed step marked. */
export function StepLineChart({
  values,
  width,
  height,
  step,
  title,
  domain,
  left,
  showStepAxis = false,
}: StepLineChartProps): JSX.Element {
  const T = values.length;
  let max = 0;
  for (let i = 0; i < T; i++) if (Number.isFinite(values[i])) max = Math.max(max, values[i]);
  const [lo, hi] = domain ?? [0, max || 1];
  // Step t sits at the centre of heatmap column t.
  const x = scaleLinear()
    .domain([0, Math.max(T - 1, 1)])
    .range([width / T / 2, width - width / T / 2]);
  const y = scaleLinear().domain([lo, hi]).range([height, 0]).clamp(true);
  const path = line<number>()
    .defined((i) => Number.isFinite(values[i]))
    .x((i) => x(i))
    .y((i) => y(values[i]))(Array.from({ length: T }, (_, i) => i));
  const v = values[step];
  return (
    <svg
      width={left + width + 8}
      height={TOP + height + (showStepAxis ? 22 : 6)}
      aria-hidden="true"
      className="ba-state-evolution__line"
    >
      <text x={left} y={11} className="ba-state-evolution__axis-title">
        {title}
      </text>
      <text x={left - 4} y={TOP + height} textAnchor="end" className="ba-state-evolution__tick">
        {formatValue(lo)}
      </text>
      <text x={left - 4} y={TOP + 8} textAnchor="end" className="ba-state-evolution__tick">
        {formatValue(hi)}
      </text>
      <g transform={`translate(${left}, ${TOP})`}>
        <rect width={width} height={height} className="ba-state-evolution__frame" />
        {T === 1 && Number.isFinite(values[0]) ? (
          <circle cx={x(0)} cy={y(values[0])} r={3} className="ba-state-evolution__dot" />
        ) : (
          <path d={path ?? ''} className="ba-state-evolution__path" />
        )}
        <line x1={x(step)} x2={x(step)} y1={0} y2={height} className="ba-state-evolution__marker" />
        {Number.isFinite(v) && <circle cx={x(step)} cy={y(v)} r={4} className="ba-state-evolution__dot" />}
        {showStepAxis &&
          x
            .ticks(Math.min(T, 8))
            .filter(Number.isInteger)
            .map((t) => (
              <text key={t} x={x(t)} y={height + 14} textAnchor="middle" className="ba-state-evolution__tick">
                {t}
              </text>
            ))}
      </g>
    </svg>
  );
}
