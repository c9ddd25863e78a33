/**
 * The curve of a training run as the hybrid trainer draws it: one point per progress message (the loss at each
 * step, the validation accuracy at each evaluation), bounded. Past `max` points the older ones are thinned to
 * every 2nd step, then every 4th, … (the stride doubles), while the latest point is always kept, so a 600-step
 * run never holds more than `max` points and the curve still ends at the step the trainer reached.
 */

/** Most points a curve keeps (a 600-step run is thinned once, to every 2nd step). */
export const MAX_HISTORY_POINTS = 500;

/** One measurement: the step it was taken after, and its value (a loss or an accuracy). */
export interface HistoryPoint {
  step: number;
  value: number;
}

/** A bounded curve: its points in step order, and the stride the older ones are kept at. */
export interface TrainingCurve {
  points: readonly HistoryPoint[];
  /** Older points are at steps that are multiples of this (1, 2, 4, …); the last point may be anywhere. */
  stride: number;
}

/** The loss and validation-accuracy curves of one run. */
export interface TrainingHistory {
  loss: TrainingCurve;
  validation: TrainingCurve;
}

export const EMPTY_CURVE: TrainingCurve = { points: [], stride: 1 };
export const EMPTY_HISTORY: TrainingHistory = { loss: EMPTY_CURVE, validation: EMPTY_CURVE };

const onStride = (p: HistoryPoint, stride: number) => p.step % stride === 0;

/**
 * The curve with `point` appended (a new object; the old one is left as it was). A point at or before the
 * last step replaces nothing and is ignored; the previous last point is dropped when it is off the stride (it
 * was kept only as the latest); beyond `max` points the stride doubles until the curve fits.
 */
export function appendPoint(
  curve: TrainingCurve,
  point: HistoryPoint,
  max: number = MAX_HISTORY_POINTS,
): TrainingCurve {
  if (!Number.isFinite(point.step)) return curve;
  const last = curve.points.at(-1);
  if (last && point.step <= last.step) return curve;
  let points = last && !onStride(last, curve.stride) ? curve.points.slice(0, -1) : curve.points;
  points = [...points, point];
  let stride = curve.stride;
  const bound = Math.max(2, max);
  while (points.length > bound) {
    stride *= 2;
    const end = points.length - 1;
    points = points.filter((p, i) => i === end || onStride(p, stride));
  }
  return { points, stride };
}

/** The history after one progress message: its loss, and its validation accuracy when it carries one. */
export function recordProgress(
  history: TrainingHistory,
  progress: { step: number; loss: number; validation?: { step: number; accuracy: number } },
  max: number = MAX_HISTORY_POINTS,
): TrainingHistory {
  const loss = appendPoint(history.loss, { step: progress.step, value: progress.loss }, max);
  const validation = progress.validation
    ? appendPoint(
        history.validation,
        { step: progress.validation.step, value: progress.validation.accuracy },
        max,
      )
    : history.validation;
  return loss === history.loss && validation === history.validation ? history : { loss, validation };
}

/** The curve up to `step` (inclusive): what a reduced-motion chart shows between evaluations. */
export function curveUpTo(curve: TrainingCurve, step: number): readonly HistoryPoint[] {
  return curve.points.filter((p) => p.step <= step);
}

/** The text alternative of the curves: the last loss and the best validation accuracy, with their steps. */
export function historySummary(history: TrainingHistory, percent: (x: number) => string): string {
  const last = history.loss.points.at(-1);
  if (!last) return 'No step trained yet.';
  const parts = [`Last loss ${last.value.toFixed(3)} at step ${last.step}`];
  let best: HistoryPoint | null = null;
  for (const p of history.validation.points)
    if (Number.isFinite(p.value) && (!best || p.value > best.value)) best = p;
  parts.push(
    best ? `best validation accuracy ${percent(best.value)} at step ${best.step}` : 'no validation yet',
  );
  return `${parts.join('; ')}.`;
}
