import { describe, expect, it } from 'vitest';
import { generateTask, heldOutSeed, sweepSeed, trainSeed } from './taskData';

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

describe('MQAR on a mixture of K', () => {
  const spec = { kind: 'mqar' as const, vocabSize: 32, seqLen: 16, numKvPairs: 4, numKvPairsMix: [1, 2, 4] };
  // Zoology's layout: K (key, value) pairs, then K queries among zeros: 3K non-zero tokens.
  const nonZero = (inputs: Int32Array) => inputs.filter((t) => t !== 0).length;

  it('cycles K over the examples and keeps each example a valid MQAR example of its K', () => {
    const examples = generateTask(spec, 7, trainSeed(1, 0));
    const queries = examples.map((e) => e.labels.filter((l) => l >= 0).length);
    expect(queries).toEqual([1, 2, 4, 1, 2, 4, 1]);
    for (const [i, e] of examples.entries()) expect(nonZero(e.inputs)).toBe(3 * queries[i]);
  });

  it('is deterministic, and a held-out mixture set shares no example with the training stream', () => {
    const key = (e: { inputs: Int32Array }) => e.inputs.join(',');
    expect(generateTask(spec, 6, 11).map(key)).toEqual(generateTask(spec, 6, 11).map(key));
    const train = new Set(
      Array.from({ length: 40 }, (_, step) => generateTask(spec, 32, trainSeed(1, step)).map(key)).flat(),
    );
    const test = generateTask(spec, 300, heldOutSeed(1, 'test')).map(key);
    const overlap = test.filter((k) => train.has(k)).length;
    // K = 1 examples come from a small space (15 keys × 16 values × 6 slots), so chance collisions exist; what
    // must not happen is a shared stream, which would make every K = 1, 2 and 4 example collide.
    expect(overlap).toBeLessThan(test.length / 6);
  });
});
