import { describe, expect, it } from 'vitest';
import { MAX_SLICES, sliceSteps } from './sliceSteps';

describe('sliceSteps', () => {
  it('draws every step of a short sequence', () => {
    expect(sliceSteps(5, 2)).toEqual([0, 1, 2, 3, 4]);
    expect(sliceSteps(0, 0)).toEqual([]);
  });

  it('thins T = 1024 to every 16th step plus the last and the selected one', () => {
    const drawn = sliceSteps(1024, 517);
    expect(drawn.length).toBeLessThanOrEqual(MAX_SLICES + 2);
    expect(drawn.slice(0, 3)).toEqual([0, 16, 32]);
    expect(drawn).toContain(517);
    expect(drawn.at(-1)).toBe(1023);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect([...drawn].sort((a, b) => a - b)).toEqual(drawn);
  });
});
