import type { JSX } from 'react';
import type { ChartSeries } from '../shared/chartScales';
import { formatBytes, formatNumber } from '../shared/format';
import { SeriesChart } from '../shared/SeriesChart';
import type { CostCurve } from './costSweep';
import './CostCharts.css';

/** A measured latency curve, e.g. milliseconds per forward pass on this machine. */
export interface LatencyCurve {
  /** Architecture id (matching a cost curve's id keeps its colour and marker). */
  id: string;
  /** Readable name. */
  name: string;
  /** Measured points: sequence length N and milliseconds. */
  points: readonly { n: number; ms: number }[];
}

export interface CostChartsProps {
  /** Cost curves per architecture (FLOPs and state bytes at each N), e.g. from `costSweep`. */
  curves: readonly CostCurve[];
  /** Measured latency per architecture; its chart is drawn only when given and non-empty. */
  latency?: readonly LatencyCurve[];
  /** Words on the model the costs are for, e.g. "d = 64, 2 layers, float32". */
  setting?: string;
  /** Width of each chart in CSS px. @default 440 */
  chartWidth?: number;
  /** Height of each chart in CSS px. @default 300 */
  chartHeight?: number;
}

const flops = (v: number) => `${formatNumber(v)} FLOPs`;
const ms = (v: number) => `${formatNumber(v)} ms`;
const tokens = (v: number) => `N = ${v}`;

/**
 * The essay's cost argument on log-log axes: FLOPs of a forward pass and bytes kept for inference (attention's
 * KV cache grows with N; a recurrent model's state is fixed), plus measured latency when given. An
 * architecture keeps its Okabe–Ito colour and marker in all three charts.
 */
export function CostCharts({
  curves,
  latency,
  setting,
  chartWidth = 440,
  chartHeight = 300,
}: CostChartsProps): JSX.Element {
  const slot = new Map(curves.map((c, i) => [c.id, i]));
  const suffix = setting ? ` (${setting})` : '';
  const flopSeries: ChartSeries[] = curves.map((c, i) => ({
    id: c.id,
    name: c.name,
    styleIndex: i,
    points: c.points.map((p) => ({ x: p.n, y: p.flops })),
  }));
  const memorySeries: ChartSeries[] = curves.map((c, i) => ({
    id: c.id,
    name: `${c.name}: ${c.stateGrowsWithN ? 'grows with N' : 'fixed'}`,
    styleIndex: i,
    points: c.points.map((p) => ({ x: p.n, y: p.stateBytes })),
  }));
  const latencySeries: ChartSeries[] = (latency ?? []).map((l, i) => ({
    id: l.id,
    name: l.name,
    styleIndex: slot.get(l.id) ?? curves.length + i,
    points: l.points.map((p) => ({ x: p.n, y: p.ms })),
  }));
  const common = {
    xLabel: 'sequence length N',
    xScale: 'log2' as const,
    yScale: 'log10' as const,
    formatX: tokens,
    width: chartWidth,
    height: chartHeight,
  };
  return (
    <div className="ba-cost-charts" data-testid="cost-charts">
      <SeriesChart
        {...common}
        title={`Compute: FLOPs of one forward pass${suffix}`}
        series={flopSeries}
        yLabel="FLOPs"
        formatY={flops}
        description="Attention's FLOPs grow with N² (every query meets every earlier key); recurrent and convolutional models grow with N or N log N."
      />
      <SeriesChart
        {...common}
        title={`Memory: KV cache vs fixed state${suffix}`}
        series={memorySeries}
        yLabel="inference state"
        yScale="log2"
        formatY={formatBytes}
        formatYTick={formatBytes}
        description="Bytes kept to produce the next token: attention's KV cache grows with N, a recurrent state stays the same size."
      />
      {latencySeries.length > 0 && (
        <SeriesChart
          {...common}
          title={`Measured latency${suffix}`}
          series={latencySeries}
          yLabel="latency"
          formatY={ms}
          description="Wall-clock time of one forward pass, as measured."
        />
      )}
    </div>
  );
}
