import { describe, expect, it } from 'vitest';
import { createVocabulary, keyWord } from '../vocabulary/vocabulary';
import { IGNORE_INDEX } from './example';
import { expectedAnswers } from './freeEditing';
import { IGNORE_INDEX as IGNORE } from './index';
import { generateInductionHeads } from './inductionHeads';
import { generateKeyOverwrite, generateMqarWithDistractors, generateNeedle } from './recallVariants';
import { generateSelectiveCopying } from './selectiveCopying';

const targets = (labels: Int32Array) => [...labels.keys()].filter((t) => labels[t] !== IGNORE_INDEX);

describe('selective copying', () => {
  it('scatters M data tokens in order and asks for them at the markers', () => {
    for (const { inputs, labels } of generateSelectiveCopying({
      noiseLength: 20,
      numTokens: 4,
      vocabSize: 10,
      numExamples: 50,
      seed: 1,
    })) {
      expect(inputs.length).toBe(28);
      const data = [...inputs.slice(0, 24)].filter((t) => t !== 0);
      expect(data.length).toBe(4);
      expect([...inputs.slice(24)]).toEqual([9, 9, 9, 9]);
      expect(targets(labels)).toEqual([24, 25, 26, 27]);
      expect([...labels.slice(24)]).toEqual(data);
      for (const t of data) expect(t >= 1 && t <= 8).toBe(true);
    }
  });
});

describe('induction heads', () => {
  it('asks at the final trigger for the token after the first trigger', () => {
    for (const { inputs, labels } of generateInductionHeads({
      seqLen: 32,
      vocabSize: 16,
      numExamples: 100,
      seed: 4,
      extraTriggerProbability: 0.5,
    })) {
      const first = inputs.indexOf(15);
      expect(first).toBeLessThan(29);
      expect(inputs[31]).toBe(15);
      expect(targets(labels)).toEqual([31]);
      expect(labels[31]).toBe(inputs[first + 1]);
    }
  });
});

describe('needle, key overwrite and distractors', () => {
  const vocab = createVocabulary({ vocabSize: 64 });
  it('needle: one pair at the requested depth, queried at the end', () => {
    const [ex] = generateNeedle({ vocabSize: 64, seqLen: 40, depth: 0.5, numExamples: 1, seed: 2 });
    expect(vocab.isKey(ex.inputs[19])).toBe(true);
    expect(ex.inputs[39]).toBe(ex.inputs[19]);
    expect(targets(ex.labels)).toEqual([39]);
    expect(ex.labels[39]).toBe(ex.inputs[20]);
    const noisy = generateNeedle({
      vocabSize: 64,
      seqLen: 40,
      depth: 0,
      numExamples: 1,
      seed: 2,
      noisyHaystack: true,
    })[0];
    expect(noisy.labels[39]).toBe(noisy.inputs[1]);
  });

  it('key overwrite: the latest binding is the answer', () => {
    for (const { inputs, labels } of generateKeyOverwrite({
      vocabSize: 64,
      numKeys: 4,
      numRebinds: 6,
      numExamples: 30,
      seed: 8,
    })) {
      // Re-binding a key is itself a query of its current value; the final K queries ask for the latest one.
      const queries = targets(labels);
      expect(queries.slice(-4)).toEqual([20, 21, 22, 23]);
      for (const q of queries) {
        let latest = -1;
        for (let t = 0; t < Math.min(q, 20); t += 2) if (inputs[t] === inputs[q]) latest = inputs[t + 1];
        expect(labels[q]).toBe(latest);
      }
    }
  });

  it('distractors never reuse the example’s keys, and labels stay correct', () => {
    const exs = generateMqarWithDistractors({
      vocabSize: 128,
      seqLen: 64,
      numKvPairs: 8,
      numExamples: 20,
      seed: 3,
      distractorRate: 1,
    });
    for (const { inputs, labels } of exs) {
      expect([...inputs].filter((t) => t === 0).length).toBe(0);
      const own = new Set([0, 2, 4, 6, 8, 10, 12, 14].map((i) => inputs[i]));
      const queries = targets(labels);
      for (let t = 16; t < 64; t++) if (!queries.includes(t)) expect(own.has(inputs[t])).toBe(false);
      for (const q of queries) expect(labels[q]).toBe(inputs[[...inputs].indexOf(inputs[q]) + 1]);
    }
  });
});

describe('free editing', () => {
  const vocab = createVocabulary({ vocabSize: 32 });
  const ids = (s: string) => s.split(' ').map((w) => vocab.idOf(w));
  it('answers each query with the latest binding, anywhere in an edited sequence', () => {
    const seq = ids('ant 3 bee 5 _ ant ant 7 cat bee ant');
    const labels = expectedAnswers(seq, vocab);
    expect([...labels]).toEqual([
      IGNORE,
      IGNORE,
      IGNORE,
      IGNORE,
      IGNORE,
      vocab.idOf('3'),
      vocab.idOf('3'),
      IGNORE,
      IGNORE,
      vocab.idOf('5'),
      vocab.idOf('7'),
    ]);
  });
});

describe('vocabulary', () => {
  it('round-trips every id through its label', () => {
    for (const V of [8, 64, 8192]) {
      const vocab = createVocabulary({ vocabSize: V, specials: { [V - 1]: '→' } });
      for (let id = 0; id < V; id++) expect(vocab.idOf(vocab.label(id))).toBe(id);
      expect(vocab.kind(0)).toBe('filler');
      expect(vocab.kind(1)).toBe('key');
      expect(vocab.kind(V / 2)).toBe('value');
      expect(vocab.kind(V - 1)).toBe('special');
      expect(createVocabulary(JSON.parse(JSON.stringify(vocab.toJSON()))).label(V - 1)).toBe('→');
    }
  });
  it('uses readable words for keys and numbers for values, and explains unknown labels', () => {
    const vocab = createVocabulary({ vocabSize: 16 });
    expect(vocab.label(1)).toBe('ant');
    expect(vocab.label(8)).toBe('0');
    expect(keyWord(30)).toBe('baba');
    expect(() => vocab.idOf('unicorn')).toThrow(/“unicorn” is not a token/);
    expect(() => vocab.label(16)).toThrow(/outside/);
  });
});
