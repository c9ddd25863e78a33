import { describe, expect, it } from 'vitest';
import { planeStats } from './planeStats';

describe('planeStats', () => {
  it('one-hot rows: peak 1, entropy 0; uniform causal rows: entropy log₂(i+1)', () => {
    expect(planeStats([1, 0, 1, 0], 0, 2)).toEqual({ meanPeak: 1, meanEntropyBits: 0, finite: true });
    // plane 1 of two: causal uniform over 2 tokens → rows [1, 0], [½, ½]
    const s = planeStats([0, 0, 0, 0, 1, 0, 0.5, 0.5], 1, 2);
    expect(s.meanPeak).toBeCloseTo(0.75, 12);
    expect(s.meanEntropyBits).toBeCloseTo(0.5, 12);
  });
  it('non-finite weights give NaN statistics, flagged', () => {
    const s = planeStats([Number.NaN, 0, 1, 0], 0, 2);
    expect(s.finite).toBe(false);
    expect(s.meanPeak).toBeNaN();
  });
});
