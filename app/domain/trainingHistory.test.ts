import { describe, expect, it } from 'vitest';
import {
  appendPoint,
  curveUpTo,
  EMPTY_CURVE,
  EMPTY_HISTORY,
  historySummary,
  MAX_HISTORY_POINTS,
  recordProgress,
  type TrainingCurve,
} from './trainingHistory';

const run = (steps: number, max?: number): TrainingCurve => {
  let c = EMPTY_CURVE;
  for (let step = 1; step <= steps; step++) c = appendPoint(c, { step, value: 1 / step }, max);
  return c;
};
const steps = (c: TrainingCurve) => c.points.map((p) => p.step);

describe('the training curve (one point per progress message, bounded)', () => {
  it('keeps every step while it fits', () => {
    const c = run(10, 20);
    expect(steps(c)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(c.stride).toBe(1);
    expect(c.points.at(-1)).toEqual({ step: 10, value: 0.1 });
  });

  it('thins beyond the bound to every 2nd, 4th, … step, always ending at the latest step', () => {
    const c = run(11, 10);
    expect(c.stride).toBe(2);
    expect(steps(c)).toEqual([2, 4, 6, 8, 10, 11]);
    // The next point replaces the off-stride tail (11) rather than piling up.
    expect(steps(appendPoint(c, { step: 12, value: 0 }, 10))).toEqual([2, 4, 6, 8, 10, 12]);
    expect(
      steps(appendPoint(appendPoint(c, { step: 12, value: 0 }, 10), { step: 13, value: 0 }, 10)),
    ).toEqual([2, 4, 6, 8, 10, 12, 13]);
    const long = run(100, 10);
    expect(long.points.length).toBeLessThanOrEqual(10);
    expect(long.stride).toBe(16);
    expect(steps(long)).toEqual([16, 32, 48, 64, 80, 96, 100]);
  });

  it('holds a 600-step run (the longest budget) in at most 500 points, values kept with their steps', () => {
    const c = run(600);
    expect(c.points.length).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
    expect(c.points.length).toBeGreaterThan(250);
    expect(c.points.at(-1)?.step).toBe(600);
    for (const p of c.points) expect(p.value).toBe(1 / p.step);
    // Steps strictly increase.
    expect(steps(c)).toEqual([...steps(c)].sort((a, b) => a - b));
    expect(new Set(steps(c)).size).toBe(c.points.length);
  });

  it('ignores repeated or out-of-order steps and non-finite ones, and never mutates the old curve', () => {
    const c = run(3);
    expect(appendPoint(c, { step: 3, value: 9 })).toBe(c);
    expect(appendPoint(c, { step: 2, value: 9 })).toBe(c);
    expect(appendPoint(c, { step: Number.NaN, value: 9 })).toBe(c);
    const before = [...c.points];
    appendPoint(c, { step: 4, value: 0 });
    expect(c.points).toEqual(before);
    // A NaN loss is kept (the chart lists it in its table instead of drawing it).
    expect(appendPoint(c, { step: 4, value: Number.NaN }).points).toHaveLength(4);
  });

  it('records a progress message: the loss every time, the validation accuracy when it carries one', () => {
    let h = recordProgress(EMPTY_HISTORY, { step: 1, loss: 3.4 });
    h = recordProgress(h, { step: 2, loss: 3.1, validation: { step: 2, accuracy: 0.25 } });
    h = recordProgress(h, { step: 3, loss: 2.9 });
    // The same evaluation repeated (as later messages may carry it) is not a new point.
    h = recordProgress(h, { step: 4, loss: 2.5, validation: { step: 2, accuracy: 0.25 } });
    expect(h.loss.points.map((p) => p.value)).toEqual([3.4, 3.1, 2.9, 2.5]);
    expect(h.validation.points).toEqual([{ step: 2, value: 0.25 }]);
    const same = recordProgress(h, { step: 4, loss: 1 });
    expect(same).toBe(h);
  });

  it('stops a reduced-motion curve at the last evaluation', () => {
    const c = run(10);
    expect(steps({ points: curveUpTo(c, 5), stride: 1 })).toEqual([1, 2, 3, 4, 5]);
    expect(curveUpTo(c, 0)).toEqual([]);
  });

  it('says the last loss and the best validation accuracy in words', () => {
    const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
    expect(historySummary(EMPTY_HISTORY, pct)).toBe('No step trained yet.');
    let h = recordProgress(EMPTY_HISTORY, { step: 1, loss: 3.4567 });
    expect(historySummary(h, pct)).toBe('Last loss 3.457 at step 1; no validation yet.');
    h = recordProgress(h, { step: 50, loss: 2, validation: { step: 50, accuracy: 0.5 } });
    h = recordProgress(h, { step: 100, loss: 1, validation: { step: 100, accuracy: 0.9 } });
    h = recordProgress(h, { step: 150, loss: 1.25, validation: { step: 150, accuracy: 0.75 } });
    expect(historySummary(h, pct)).toBe(
      'Last loss 1.250 at step 150; best validation accuracy 90% at step 100.',
    );
  });
});
