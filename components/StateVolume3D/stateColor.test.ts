import { describe, expect, it } from 'vitest';
import { maxAbsFinite, sliceNorms, stateColorScale } from './stateColor';

describe('state colours and norms', () => {
  it('is symmetric: 0 is near-white, ±max are the two ends of PuOr', () => {
    const color = stateColorScale(2);
    expect(color(0)).toBe('rgb(247, 247, 247)');
    expect(color(2)).not.toBe(color(-2));
    expect(color(5)).toBe(color(2)); // clamped
    expect(stateColorScale(0)(0)).toBe('rgb(247, 247, 247)'); // all-zero states do not divide by 0
  });
  it('ignores non-finite values for the scale, flags them in the norms', () => {
    expect(maxAbsFinite([1, -3, Number.NaN, Number.POSITIVE_INFINITY])).toBe(3);
    expect(sliceNorms([3, 4, 0, 0], 0, 2)).toEqual({ frobenius: 5, maxAbs: 4 });
    expect(sliceNorms([3, 4, Number.NaN, 0], 1, 2).frobenius).toBeNaN();
  });
});
