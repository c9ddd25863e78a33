import { describe, expect, it } from 'vitest';
import { initParams } from '../../simulations/model/params';
import { architecturePreset } from '../../simulations/model/presets';
import { generateMqarMixture } from '../../simulations/tasks/mqar';
import { RECALL_LAYOUTS } from '../../simulations/tasks/recallMixture';
import { heldOutSeed, sweepSeed, type TaskSpec, trainSeed } from '../../simulations/training/taskData';
import {
  evaluateFresh,
  FRESH_EXAMPLES,
  FRESH_KS,
  freshLayoutSets,
  freshSeed,
  freshSets,
} from './freshEvaluation';

const MIX = [1, 2, 4, 8, 16];
const recall: TaskSpec = {
  kind: 'mqar',
  vocabSize: 128,
  seqLen: 64,
  numKvPairs: 16,
  numKvPairsMix: MIX,
  layouts: [...RECALL_LAYOUTS],
};

/** Every variant a fresh set uses: K, 100 + layout index, 0. */
const FRESH_VARIANTS = [0, ...FRESH_KS, ...RECALL_LAYOUTS.map((_, i) => 100 + i)];
/** The streams a set of seed s reads: s itself and the K-mixture streams s + K·2²⁵ (mqar.ts). */
const streams = (seed: number) => [seed, ...MIX.map((K) => (seed + K * 0x2000000) >>> 0)];

describe('freshSeed', () => {
  it('never meets a train, validation, test, check or sweep seed of the same or any nearby base', () => {
    const used = new Set<number>();
    for (const base of [0, 1, 2, 3, 7, 42]) {
      // Both stages of the headline procedure: at most 8,000 + 20,000 steps.
      for (let step = 0; step < 30_000; step++) for (const s of streams(trainSeed(base, step))) used.add(s);
      for (const split of ['validation', 'test', 'check'] as const)
        for (let b = base; b < base + 1100; b++) for (const s of streams(heldOutSeed(b, split))) used.add(s);
      // The logged sweeps: pairs (K ≤ 16) and lengths (≤ 1,024).
      for (let v = 0; v <= 1024; v++) for (const s of streams(sweepSeed(base, v))) used.add(s);
    }
    for (const base of [0, 1, 2, 3, 7, 42])
      for (const variant of FRESH_VARIANTS)
        for (const s of streams(freshSeed(base, variant))) expect(used.has(s)).toBe(false);
  });

  it('is even with low 17 bits 0xbdda, whatever the base and variant', () => {
    for (const base of [0, 1, 5, 1000, 65_535])
      for (const variant of FRESH_VARIANTS) {
        const seed = freshSeed(base, variant);
        expect(seed % 2).toBe(0);
        expect(seed & 0x1ffff).toBe(0xbdda);
        expect(seed & 0x1ffff).not.toBe(heldOutSeed(base, 'test') & 0x1ffff);
      }
  });
});

describe('freshSets', () => {
  it('gives 500 examples per K and per user layout, the same every time', () => {
    const a = freshSets(recall, 1);
    const b = freshSets(recall, 1);
    expect(a.map((s) => s.label)).toEqual(['K=1', 'K=2', 'K=4', 'K=8', 'K=16', ...RECALL_LAYOUTS]);
    for (const [i, set] of a.entries()) {
      expect(set.examples).toHaveLength(FRESH_EXAMPLES);
      expect(set.seed).toBe(b[i].seed);
      const text = (es: typeof set.examples) => es.map((e) => `${e.inputs.join(',')}|${e.labels.join(',')}`);
      expect(text(set.examples)).toEqual(text(b[i].examples));
    }
    // Pure MQAR at K: K queried positions per example.
    for (const set of a.filter((s) => s.numKvPairs !== undefined))
      for (const e of set.examples.slice(0, 20))
        expect(e.labels.filter((l) => l !== -100)).toHaveLength(set.numKvPairs as number);
  });

  it('draws no example that a training batch or the logged test set of the same model holds', () => {
    const key = (e: { inputs: Int32Array }) => e.inputs.join(',');
    const fresh = new Set(freshSets(recall, 1).flatMap((s) => s.examples.map(key)));
    const test = generateMqarMixture({ vocabSize: 128, seqLen: 64 }, MIX, 1000, heldOutSeed(1, 'test'));
    const batch = generateMqarMixture({ vocabSize: 128, seqLen: 64 }, MIX, 64, trainSeed(1, 0));
    // K = 1 examples can coincide by chance (63·64 keys and values, 30 query slots); K ≥ 2 ones cannot.
    for (const e of [...test, ...batch].filter((x) => x.labels.filter((l) => l !== -100).length >= 2))
      expect(fresh.has(key(e))).toBe(false);
  });

  it('keeps each layout set to its own layout, and gives a non-MQAR task one set of its own', () => {
    for (const set of freshLayoutSets(
      { vocabSize: 128, seqLen: 64, numKvPairsMix: MIX },
      1,
      RECALL_LAYOUTS,
      50,
    ))
      for (const e of set.examples) expect((e as unknown as { layout: string }).layout).toBe(set.label);
    const induction = freshSets({ kind: 'induction-heads', vocabSize: 16, seqLen: 64 }, 1, 10);
    expect(induction.map((s) => [s.label, s.seed, s.examples.length])).toEqual([
      ['induction-heads', freshSeed(1, 0), 10],
    ]);
  });
});

describe('evaluateFresh', () => {
  it('is deterministic and reports Zoology accuracy per set', () => {
    const config = architecturePreset('hawk', { vocabSize: 128, dModel: 8, maxSeqLen: 64 });
    const params = initParams(config, 3);
    const sets = freshSets(recall, 1, 16);
    const first = evaluateFresh(config, params, sets);
    const second = evaluateFresh(config, params, sets);
    expect(second).toEqual(first);
    expect(first.map((r) => r.label)).toEqual(sets.map((s) => s.label));
    expect(first.find((r) => r.label === 'K=4')?.numKvPairs).toBe(4);
    for (const r of first) {
      expect(r.examples).toBe(16);
      expect(r.accuracy).toBeGreaterThanOrEqual(0);
      expect(r.accuracy).toBeLessThanOrEqual(1);
    }
  });
});
