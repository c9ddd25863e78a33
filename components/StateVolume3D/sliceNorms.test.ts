import { describe, expect, it } from 'vitest';
import { sliceNorms } from './sliceNorms';

describe('slice norms', () => {
  it('flags non-finite values in the norms', () => {
    expect(sliceNorms([3, 4, 0, 0], 0, 2)).toEqual({ frobenius: 5, maxAbs: 4 });
    expect(sliceNorms([3, 4, Number.NaN, 0], 1, 2).frobenius).toBeNaN();
  });
});
