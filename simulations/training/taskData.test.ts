import { describe, expect, it } from 'vitest';
import { heldOutSeed, sweepSeed, trainSeed } from './taskData';

describe('seed streams', () => {
  it('never give a held-out, check or sweep set the seed of a training batch', () => {
    const train = new Set<number>();
    for (const base of [0, 1, 2, 7]) for (let step = 0; step < 5000; step++) train.add(trainSeed(base, step));
    for (const base of [0, 1, 2, 7]) {
      for (const split of ['validation', 'test', 'check'] as const)
        expect(train.has(heldOutSeed(base, split))).toBe(false);
      for (const variant of [1, 2, 4, 8, 16, 64, 256, 1024])
        expect(train.has(sweepSeed(base, variant))).toBe(false);
    }
    expect(new Set(['validation', 'test', 'check'].map((s) => heldOutSeed(1, s as 'test'))).size).toBe(3);
  });
});
