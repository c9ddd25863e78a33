import type { JSX } from 'react';
import type { ChartSeries } from '../shared/chartScales';
import { formatBytes } from '../shared/format';
import { SeriesChart } from '../shared/SeriesChart';
import type { RecallAxis } from './recallSeries';

export interface RecallCurvesProps {
  /** Chart title; also its accessible name. */
  title: string;
  /** One series per model or architecture; y is accuracy in [0, 1]. */
  series: readonly ChartSeries[];
  /** The x quantity: number of key–value pairs, sequence length, or inference-state bytes (all log₂). */
  xAxis: RecallAxis;
  /** Join points with lines. @default true, except for 'stateBytes' (a trade-off scatter) */
  connect?: boolean;
  /** Plot width in CSS px. @default 560 */
  width?: number;
  /** Plot height in CSS px. @default 320 */
  height?: number;
  /** Called when the hovered or keyboard-selected point changes. */
  onActivePointChange?: (point: { seriesId: string; index: number } | null) => void;
}

const X_LABELS: Record<RecallAxis, string> = {
  pairs: 'key–value pairs K',
  length: 'sequence length',
  stateBytes: 'inference state',
};

const percent = (y: number) => (Number.isFinite(y) ? `${(100 * y).toFixed(1)}%` : String(y));
const formatters: Record<RecallAxis, (x: number) => string> = {
  pairs: (x) => `${x}`,
  length: (x) => `${x} tokens`,
  stateBytes: formatBytes,
};

/**
 * Recall accuracy against the number of key–value pairs, the sequence length, or the bytes of inference state
 * (the essay's trade-off: attention's state grows with the sequence, recurrent models' state is fixed). The x
 * axis is log₂; each series has its own Okabe–Ito colour and marker; hover or arrow keys show a point's value.
 */
export function RecallCurves({
  title,
  series,
  xAxis,
  connect = xAxis !== 'stateBytes',
  width,
  height,
  onActivePointChange,
}: RecallCurvesProps): JSX.Element {
  return (
    <SeriesChart
      title={title}
      series={series}
      xLabel={X_LABELS[xAxis]}
      yLabel="accuracy"
      xScale="log2"
      yDomain={[0, 1]}
      formatX={formatters[xAxis]}
      formatXTick={xAxis === 'stateBytes' ? formatBytes : undefined}
      formatY={percent}
      formatYTick={(y) => `${Math.round(100 * y)}%`}
      connect={connect}
      markers="auto"
      width={width}
      height={height}
      description={
        xAxis === 'stateBytes'
          ? 'Each point is one trained model: held-out recall accuracy against the bytes it keeps for inference.'
          : `Each line is one trained model: recall accuracy as the ${X_LABELS[xAxis]} grows.`
      }
      onActivePointChange={onActivePointChange}
    />
  );
}
