import { describe, expect, it } from 'vitest';
import {
  generateInductionHeads,
  generateMqar,
  generateSelectiveCopying,
  groundTruth,
  IGNORE_INDEX,
} from '../../simulations/tasks';
import { createVocabulary } from '../../simulations/vocabulary/vocabulary';
import { PRESETS, presetText } from './presets';

const asLabels = (V: number, ids: Int32Array) => {
  const vocab = createVocabulary({ vocabSize: V });
  return Array.from(ids, (id) => vocab.label(id));
};

/** The generator's labels as (position, expected label) pairs. */
const generatorQueries = (V: number, labels: Int32Array) => {
  const vocab = createVocabulary({ vocabSize: V });
  return [...labels].flatMap((l, position) =>
    l === IGNORE_INDEX ? [] : [{ position, expected: vocab.label(l) }],
  );
};

describe('presets and their ground truth', () => {
  it('every generating preset is deterministic per seed and parses in its own vocabulary', () => {
    for (const p of PRESETS.filter((q) => q.generate)) {
      const a = presetText(p, 7) as string;
      expect(presetText(p, 7)).toBe(a);
      expect(presetText(p, 8)).not.toBe(a);
      const truth = groundTruth(a.split(' '), p.vocabSize, p.rule);
      expect(truth.ok).toBe(true);
      if (truth.ok) expect(truth.queries.length).toBeGreaterThan(0);
    }
  });

  it('reproduces the generators’ own labels (MQAR, induction heads, selective copying)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const m = generateMqar({ vocabSize: 32, seqLen: 16, numKvPairs: 2, numExamples: 1, seed })[0];
      const gm = groundTruth(asLabels(32, m.inputs), 32, 'bindings');
      expect(gm.ok && gm.queries).toEqual(generatorQueries(32, m.labels));
      const ih = generateInductionHeads({ seqLen: 32, vocabSize: 16, numExamples: 1, seed })[0];
      const gi = groundTruth(asLabels(16, ih.inputs), 16, 'induction');
      expect(gi.ok && gi.queries).toEqual(generatorQueries(16, ih.labels));
      const sc = generateSelectiveCopying({
        noiseLength: 24,
        numTokens: 4,
        vocabSize: 16,
        numExamples: 1,
        seed,
      })[0];
      const gs = groundTruth(asLabels(16, sc.inputs), 16, 'selective-copy');
      expect(gs.ok && gs.queries).toEqual(generatorQueries(16, sc.labels));
    }
  });

  it('a re-bound key expects its latest value; unknown words are reported, not guessed', () => {
    const g = groundTruth('ant 3 bee 5 ant 7 _ ant bee'.split(' '), 32, 'bindings');
    expect(g.ok && g.queries).toEqual([
      { position: 4, expected: '3' },
      { position: 7, expected: '7' },
      { position: 8, expected: '5' },
    ]);
    const bad = groundTruth('ant 3 cow'.split(' '), 32, 'bindings');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatch(/Token 3: “cow”/);
  });
});
