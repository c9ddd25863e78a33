import { interpolatePuOr } from 'd3';
import { describe, expect, it } from 'vitest';
import { maxAbsFinite, sliceNorms, stateColorScale } from './stateColor';

describe('state colours and norms', () => {
  it('is symmetric: 0 is the near-white middle of PuOr, −max purple, +max orange', () => {
    const color = stateColorScale(2);
    expect(color(0)).toBe(interpolatePuOr(0.5)); // rgb(243, 238, 234)
    expect(color(-2)).toBe(interpolatePuOr(0)); // dark purple
    expect(color(2)).toBe(interpolatePuOr(1)); // brown-orange
    expect(color(1)).toBe(interpolatePuOr(0.75));
    expect(color(5)).toBe(color(2)); // clamped
    expect(stateColorScale(0)(0)).toBe(interpolatePuOr(0.5)); // all-zero states do not divide by 0
  });
  it('ignores non-finite values for the scale, flags them in the norms', () => {
    expect(maxAbsFinite([1, -3, Number.NaN, Number.POSITIVE_INFINITY])).toBe(3);
    expect(sliceNorms([3, 4, 0, 0], 0, 2)).toEqual({ frobenius: 5, maxAbs: 4 });
    expect(sliceNorms([3, 4, Number.NaN, 0], 1, 2).frobenius).toBeNaN();
  });
});
