import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { createVocabulary } from '../vocabulary/vocabulary';
import { IGNORE_INDEX, splitSeed, zoologyAccuracy } from './example';
import { expectedAnswers } from './freeEditing';
import { generateMqar, mqarSlotProbabilities } from './mqar';
import { weightedSampleWithoutReplacement } from './sampling';

describe('generateMqar', () => {
  it('builds the context, the queries and the labels as Zoology does', () => {
    const [ex] = generateMqar({ vocabSize: 64, seqLen: 32, numKvPairs: 4, numExamples: 1, seed: 3 });
    const { inputs, labels } = ex;
    expect(inputs.length).toBe(32);
    const keys = [0, 2, 4, 6].map((i) => inputs[i]);
    const values = [1, 3, 5, 7].map((i) => inputs[i]);
    expect(new Set(keys).size).toBe(4);
    expect(new Set(values).size).toBe(4);
    for (const k of keys) expect(k >= 1 && k < 32).toBe(true);
    for (const v of values) expect(v >= 32 && v < 64).toBe(true);
    // Each key appears exactly once in the query region, on an even offset, labelled with its own value.
    const queryPositions = [...labels.keys()].filter((t) => labels[t] !== IGNORE_INDEX);
    expect(queryPositions.length).toBe(4);
    for (const t of queryPositions) {
      expect(t >= 8 && (t - 8) % 2 === 0).toBe(true);
      expect(labels[t]).toBe(values[keys.indexOf(inputs[t])]);
    }
    // Everything else in the query region is filler 0.
    for (let t = 8; t < 32; t++) if (!queryPositions.includes(t)) expect(inputs[t]).toBe(0);
  });

  it('is deterministic for a seed; different seeds differ', () => {
    const opts = { vocabSize: 128, seqLen: 64, numKvPairs: 8, numExamples: 5 };
    expect(generateMqar({ ...opts, seed: 1 })).toEqual(generateMqar({ ...opts, seed: 1 }));
    expect(generateMqar({ ...opts, seed: 1 })).not.toEqual(generateMqar({ ...opts, seed: 2 }));
  });

  it('free-editing answers reproduce the generator labels exactly (property, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        fc.nat(),
        (K, extra, seed) => {
          const L = 4 * K + 2 * extra;
          const V = Math.max(2 * L, 2 * K + 4);
          const vocab = createVocabulary({ vocabSize: V });
          for (const ex of generateMqar({ vocabSize: V, seqLen: L, numKvPairs: K, numExamples: 3, seed })) {
            expect(expectedAnswers(ex.inputs, vocab)).toEqual(ex.labels);
          }
        },
      ),
      { seed: 42, numRuns: 80 },
    );
  });

  it('random filler replaces only zeros', () => {
    const opts = { vocabSize: 64, seqLen: 32, numKvPairs: 4, numExamples: 20, seed: 9 };
    const clean = generateMqar(opts);
    const noisy = generateMqar({ ...opts, randomNonQueries: true });
    expect(noisy.map((e) => e.labels)).toEqual(clean.map((e) => e.labels));
    const changed = noisy.flatMap((e, i) => [...e.inputs].filter((t, j) => t !== clean[i].inputs[j]));
    expect(changed.length).toBeGreaterThan(100);
  });

  it('rejects what Zoology asserts against', () => {
    expect(() => generateMqar({ vocabSize: 64, seqLen: 31, numKvPairs: 4, numExamples: 1, seed: 0 })).toThrow(
      /even/,
    );
    expect(() => generateMqar({ vocabSize: 64, seqLen: 32, numKvPairs: 9, numExamples: 1, seed: 0 })).toThrow(
      /4·numKvPairs/,
    );
    expect(() => generateMqar({ vocabSize: 32, seqLen: 32, numKvPairs: 4, numExamples: 1, seed: 0 })).toThrow(
      /exceed/,
    );
  });
});

describe('MQAR query placement follows the power law', () => {
  it('matches p(s) ∝ a·s^(a−1) for L=32, K=4 (p₁ ≈ 0.32, architectures.md §1.1)', () => {
    expect(mqarSlotProbabilities(12)[0]).toBeCloseTo(0.32, 2);
  });

  it('first-drawn slots pass a chi-square test against p(s)', () => {
    // L = 64, K = 4 → space = 28 slots. The first query slot drawn is distributed exactly as p.
    const space = 28;
    const p = mqarSlotProbabilities(space);
    const n = 20_000;
    const counts = new Array(space).fill(0);
    const rng = createRng(2024);
    for (let i = 0; i < n; i++) counts[weightedSampleWithoutReplacement(p, 4, rng)[0]]++;
    const chi2 = counts.reduce((acc, c, s) => acc + (c - n * p[s]) ** 2 / (n * p[s]), 0);
    // 27 degrees of freedom: P(χ² > 55.5) ≈ 0.001.
    expect(chi2).toBeLessThan(55.5);
  });

  it('generated examples put far more queries in the first slot than the last', () => {
    const exs = generateMqar({ vocabSize: 256, seqLen: 64, numKvPairs: 4, numExamples: 4000, seed: 5 });
    const perSlot = new Array(28).fill(0);
    for (const { labels } of exs)
      for (let t = 8; t < 64; t += 2) if (labels[t] !== IGNORE_INDEX) perSlot[(t - 8) / 2]++;
    // Expected marginal of slot 1 vs slot 28 under sampling K = 4 without replacement from ≈ 1/s.
    expect(perSlot[0] / exs.length).toBeGreaterThan(0.5);
    expect(perSlot[0]).toBeGreaterThan(5 * perSlot[27]);
    // Monotone on average: each third of the slots gets fewer queries than the one before.
    const third = (a: number) => perSlot.slice(a, a + 9).reduce((x, y) => x + y, 0);
    expect(third(0)).toBeGreaterThan(third(9));
    expect(third(9)).toBeGreaterThan(third(18));
  });
});

describe("Zoology's accuracy metric", () => {
  it('averages per example over non-ignored positions, then over examples', () => {
    const labels = [
      [IGNORE_INDEX, 5, 6],
      [7, IGNORE_INDEX, IGNORE_INDEX],
    ];
    const preds = [
      [0, 5, 0],
      [7, 1, 1],
    ];
    expect(zoologyAccuracy(preds, labels)).toBeCloseTo((0.5 + 1) / 2);
  });
  it('uses disjoint seeds per split', () => {
    expect(new Set(['train', 'validation', 'test'].map((s) => splitSeed(7, s as 'train')))).toHaveProperty(
      'size',
      3,
    );
  });
});
