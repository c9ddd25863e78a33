import type { ChartSeries } from '../../components/shared/chartScales';
import { SeriesChart } from '../../components/shared/SeriesChart';
import { percent } from '../domain/formatting';
import {
  curveUpTo,
  type HistoryPoint,
  historySummary,
  type TrainingHistory,
} from '../domain/trainingHistory';

/** With reduced motion the curves redraw in ten jumps over a run instead of at every step. */
export const reducedMotionChunk = (totalSteps: number) => Math.max(1, Math.ceil(totalSteps / 10));

interface TrainingCurvesProps {
  /** The run's curves, as the store keeps them. */
  history: TrainingHistory;
  /** The run's step budget (the x axis ends there); the last step recorded when unknown. */
  totalSteps?: number;
  /** Whether the run is still training (reduced motion holds the curves back between jumps only then). */
  live: boolean;
  /** Reduced motion asked for. */
  reducedMotion: boolean;
}

const series = (
  id: string,
  name: string,
  points: readonly HistoryPoint[],
  styleIndex: number,
): ChartSeries[] => [{ id, name, styleIndex, points: points.map((p) => ({ x: p.step, y: p.value })) }];

/**
 * The loss and validation-accuracy curves of the hybrid trainer's run, drawn by the library's SeriesChart as
 * the progress messages arrive, with their text alternative (the last loss and the best validation accuracy).
 * With reduced motion a live run's curves advance in ten jumps rather than at every step.
 */
export function TrainingCurves({ history, totalSteps, live, reducedMotion }: TrainingCurvesProps) {
  const lastStep = history.loss.points.at(-1)?.step ?? 0;
  const end = Math.max(1, totalSteps ?? lastStep);
  const chunk = reducedMotionChunk(end);
  const upTo = live && reducedMotion ? Math.floor(lastStep / chunk) * chunk : Number.POSITIVE_INFINITY;
  const loss = curveUpTo(history.loss, upTo);
  const validation = curveUpTo(history.validation, upTo);
  const formatStep = (x: number) => `${Math.round(x)}`;
  return (
    <div
      className="train-curves"
      data-testid="train-curves"
      data-points={history.loss.points.length}
      data-drawn={loss.length}
    >
      <p className="hint" data-testid="train-curve-summary">
        {historySummary(history, percent)}
        {live && reducedMotion && ` (Reduced motion: the curves redraw every ${chunk} steps.)`}
      </p>
      <div className="train-curves__charts">
        <SeriesChart
          title="Training loss"
          description="Cross-entropy of each training batch, by step."
          series={series('loss', 'training loss', loss, 0)}
          xLabel="step"
          yLabel="loss"
          xDomain={[0, end]}
          formatX={formatStep}
          formatY={(y) => y.toFixed(3)}
          width={340}
          height={210}
        />
        <SeriesChart
          title="Validation accuracy"
          description="Share of held-out MQAR queries recalled, at each evaluation."
          series={series('validation', 'validation accuracy', validation, 1)}
          xLabel="step"
          yLabel="accuracy"
          xDomain={[0, end]}
          yDomain={[0, 1]}
          formatX={formatStep}
          formatY={percent}
          formatYTick={(y) => `${Math.round(100 * y)}%`}
          markers="always"
          width={340}
          height={210}
        />
      </div>
    </div>
  );
}
