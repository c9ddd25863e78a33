import { describe, expect, it } from 'vitest';
import { topKeys } from './topKeys';

describe('topKeys', () => {
  it('returns the largest weights of a row, ties to the earlier key, zeros dropped', () => {
    const w = [1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5];
    expect(topKeys(w, 3, 1, 3)).toEqual([
      { key: 0, weight: 0.5 },
      { key: 1, weight: 0.5 },
    ]);
    expect(topKeys(w, 3, 2, 2)).toEqual([
      { key: 2, weight: 0.5 },
      { key: 1, weight: 0.3 },
    ]);
  });
});
