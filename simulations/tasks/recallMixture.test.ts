import { describe, expect, it } from 'vitest';
import { generateTask, heldOutSeed, mqarAtK, type TaskSpec, trainSeed } from '../training/taskData';
import { parseSequence } from '../vocabulary/parseSequence';
import { createVocabulary } from '../vocabulary/vocabulary';
import { IGNORE_INDEX } from './example';
import { expectedAnswers } from './freeEditing';
import { generateMqar, generateMqarMixture } from './mqar';
import {
  generateRecallMixture,
  RECALL_LAYOUTS,
  type RecallFamily,
  type RecallMixtureExample,
  recallFamilyProbabilities,
} from './recallMixture';

// The headline mixture: Zoology's (V = 128, L = 64) with K from 1 to 16, plus every layout.
const MIX = [1, 2, 4, 8, 16];
const headline = {
  vocabSize: 128,
  seqLen: 64,
  numKvPairsMix: MIX,
  layouts: [...RECALL_LAYOUTS],
};
const generate = (numExamples: number, seed: number, options = headline) =>
  generateRecallMixture({ ...options, numExamples, seed });
const vocab = createVocabulary({ vocabSize: 128 });
const isValue = (t: number) => t >= 64;
const isKey = (t: number) => t >= 1 && t < 64;

/**
 * An independent oracle for the binding rule, from the generator's intent rather than the rule's code: the
 * answer at a key is the value that followed the key's latest earlier occurrence followed by a value.
 */
function oracle(tokens: Int32Array): number[] {
  return Array.from(tokens, (tok, t) => {
    if (!isKey(tok)) return IGNORE_INDEX;
    for (let j = t - 1; j >= 0; j--) if (tokens[j] === tok && isValue(tokens[j + 1])) return tokens[j + 1];
    return IGNORE_INDEX;
  });
}

const examples = generate(3000, trainSeed(1, 0));
const byFamily = (family: RecallFamily) => examples.filter((e) => e.layout === family);

describe('generateRecallMixture', () => {
  it('is deterministic by seed, different across seeds, and prefix-stable in the number of examples', () => {
    const key = (e: RecallMixtureExample) => `${e.layout}:${e.inputs.join(',')}|${e.labels.join(',')}`;
    expect(generate(200, 7).map(key)).toEqual(generate(200, 7).map(key));
    expect(generate(200, 7).map(key)).not.toEqual(generate(200, 9).map(key));
    expect(generate(50, 7).map(key)).toEqual(generate(200, 7).slice(0, 50).map(key));
  });

  it('has length exactly L, typable tokens, and labels from the binding rule (one function)', () => {
    const bad: string[] = [];
    for (const [i, e] of examples.entries()) {
      if (e.inputs.length !== 64 || e.labels.length !== 64) bad.push(`${i}: length ${e.inputs.length}`);
      // The editor's text round-trips: every token is a word the free editor accepts in this vocabulary.
      const parsed = parseSequence(Array.from(e.inputs, (id) => vocab.label(id)).join(' '));
      if (!parsed.ok || parsed.tokens.some((w, t) => vocab.idOf(w) !== e.inputs[t])) bad.push(`${i}: text`);
      const rule = expectedAnswers(e.inputs, vocab);
      const independent = oracle(e.inputs);
      if (e.labels.some((l, t) => l !== rule[t] || l !== independent[t])) bad.push(`${i}: labels`);
    }
    expect(bad).toEqual([]);
  });

  it('binds at most max(K) = 16 distinct keys, queries only bound keys, and never leaves a key unbound', () => {
    const bad: string[] = [];
    for (const [i, e] of examples.entries()) {
      const firstSeen = new Set<number>();
      let labelled = 0;
      e.inputs.forEach((tok, t) => {
        if (!isKey(tok)) {
          if (e.labels[t] !== IGNORE_INDEX) bad.push(`${i}@${t}: non-key labelled`);
        } else if (!firstSeen.has(tok)) {
          // A key's first occurrence is its binding: followed by a value, and not labelled.
          if (!isValue(e.inputs[t + 1]) || e.labels[t] !== IGNORE_INDEX) bad.push(`${i}@${t}: unbound key`);
          firstSeen.add(tok);
        } else if (e.labels[t] === IGNORE_INDEX) bad.push(`${i}@${t}: bound key not labelled`);
        else labelled++;
      });
      if (firstSeen.size !== e.numKeys || e.numKeys > 16 || !MIX.includes(e.numKeys) || labelled < e.numKeys)
        bad.push(`${i}: ${firstSeen.size} keys, K = ${e.numKeys}, ${labelled} queries`);
    }
    expect(bad).toEqual([]);
  });

  it('draws every family at its documented share (½ MQAR, ⅙ each layout)', () => {
    const p = recallFamilyProbabilities(headline.layouts);
    expect(p).toEqual({ mqar: 0.5, interleaved: 1 / 6, rebinding: 1 / 6, filler: 1 / 6 });
    for (const family of ['mqar', ...RECALL_LAYOUTS] as RecallFamily[]) {
      const share = byFamily(family).length / examples.length;
      expect(Math.abs(share - p[family])).toBeLessThan(0.035); // 3000 draws: σ ≤ 0.0092
      // Every K of the mix appears in every family.
      expect(new Set(byFamily(family).map((e) => e.numKeys))).toEqual(new Set(MIX));
    }
    // Only the listed layouts appear.
    const some = generate(300, 5, { ...headline, layouts: ['rebinding'] });
    expect(new Set(some.map((e) => e.layout))).toEqual(new Set(['mqar', 'rebinding']));
  });

  it('takes its MQAR family from Zoology’s generator: the plain K mixture of the same seed, in order', () => {
    const mqar = byFamily('mqar');
    const plain = generateMqarMixture({ vocabSize: 128, seqLen: 64 }, MIX, mqar.length, trainSeed(1, 0));
    const text = (e: { inputs: Int32Array; labels: Int32Array }) =>
      `${e.inputs.join(',')}|${e.labels.join(',')}`;
    // Same tokens, and the binding rule reproduces Zoology's labels.
    expect(mqar.map(text)).toEqual(plain.map(text));
    // …which is generateMqar at K = mix[j mod 5] on the stream seed + K·2²⁵.
    const K = 8;
    const j = MIX.indexOf(K);
    const stream = generateMqar({
      vocabSize: 128,
      seqLen: 64,
      numKvPairs: K,
      numExamples: 3,
      seed: (trainSeed(1, 0) + K * 0x2000000) >>> 0,
    });
    for (let n = 0; n < 3; n++) expect(mqar[j + 5 * n].inputs).toEqual(stream[n].inputs);
  });

  it('interleaved: queries of bound keys sit between later pairs', () => {
    const fam = byFamily('interleaved').filter((e) => e.numKeys >= 4);
    const queryBeforeLastPair = (e: RecallMixtureExample) => {
      const firstQuery = e.labels.findIndex((l) => l !== IGNORE_INDEX);
      const lastPair = e.inputs.findLastIndex((tok, t) => isKey(tok) && e.labels[t] === IGNORE_INDEX);
      return firstQuery < lastPair;
    };
    expect(fam.filter(queryBeforeLastPair).length / fam.length).toBeGreaterThan(0.8);
    // Interleaved layouts pad at the end only; nothing re-binds.
    for (const e of byFamily('interleaved')) {
      const lastEvent = e.inputs.findLastIndex((t) => t !== 0);
      expect(Array.from(e.inputs.subarray(0, lastEvent)).includes(0)).toBe(false);
      const boundTwice = e.inputs.some((_, t) => e.labels[t] !== IGNORE_INDEX && isValue(e.inputs[t + 1]));
      expect(boundTwice).toBe(false);
    }
  });

  it('re-binding: the latest binding wins after it; between the bindings, the earlier value', () => {
    let latest = 0;
    let earlier = 0;
    for (const e of byFamily('rebinding')) {
      const values = new Map<number, number[]>(); // key → values bound so far
      let rebinds = 0;
      e.inputs.forEach((tok, t) => {
        if (!isKey(tok)) return;
        const history = values.get(tok) ?? [];
        if (history.length > 0) {
          expect(e.labels[t]).toBe(history[history.length - 1]);
          if (history.length >= 2) latest++;
          // A query answered by a value that a later binding of the same key will overwrite.
          if (e.inputs.subarray(t + 1).some((k, u) => k === tok && isValue(e.inputs[t + 2 + u]))) earlier++;
        }
        if (isValue(e.inputs[t + 1])) {
          if (history.length > 0) {
            rebinds++;
            expect(e.inputs[t + 1]).not.toBe(history[history.length - 1]);
          }
          values.set(tok, [...history, e.inputs[t + 1]]);
        }
      });
      expect(rebinds).toBeGreaterThanOrEqual(1);
      // Every key is queried after its last binding.
      for (const [key, history] of values) {
        const last = e.inputs.findLastIndex((tok, t) => tok === key && isValue(e.inputs[t + 1]));
        const after = e.inputs.lastIndexOf(key);
        expect(after).toBeGreaterThan(last);
        expect(e.labels[after]).toBe(history[history.length - 1]);
      }
    }
    expect(latest).toBeGreaterThan(100);
    expect(earlier).toBeGreaterThan(100);
  });

  it('filler: filler sits between pairs and queries, in MQAR order or interleaved', () => {
    const fam = byFamily('filler');
    const innerFiller = (e: RecallMixtureExample) => {
      const first = e.inputs.findIndex((t) => t !== 0);
      const last = e.inputs.findLastIndex((t) => t !== 0);
      return Array.from(e.inputs.subarray(first, last)).filter((t) => t === 0).length;
    };
    expect(fam.filter((e) => innerFiller(e) > 0).length / fam.length).toBeGreaterThan(0.9);
    // Filler never splits a pair: every key's first occurrence is followed by its value (checked above), and
    // there are exactly K queries, each of a different key.
    for (const e of fam) {
      const queried = Array.from(e.inputs).filter((_, t) => e.labels[t] !== IGNORE_INDEX);
      expect(queried.length).toBe(e.numKeys);
      expect(new Set(queried).size).toBe(e.numKeys);
    }
  });

  it('rejects unknown or repeated layouts and mixtures that do not fit', () => {
    const bad = (over: object) => () =>
      generateRecallMixture({ ...headline, numExamples: 1, seed: 1, ...over });
    expect(bad({ layouts: ['shuffled'] })).toThrow(/unknown layout/);
    expect(bad({ layouts: ['filler', 'filler'] })).toThrow(/repeat/);
    expect(bad({ numKvPairsMix: [32] })).toThrow(/4·numKvPairs/);
  });
});

describe('the recall mixture as a task spec', () => {
  const spec: TaskSpec = {
    kind: 'mqar',
    vocabSize: 128,
    seqLen: 64,
    numKvPairs: 16,
    numKvPairsMix: MIX,
    layouts: ['interleaved', 'rebinding', 'filler'],
  };

  it('dispatches to the recall mixture, keeps held-out sets apart from training batches', () => {
    const key = (e: { inputs: Int32Array }) => e.inputs.join(',');
    const set = generateTask(spec, 40, 11);
    expect(set.map(key)).toEqual(generate(40, 11).map(key));
    const train = new Set(
      Array.from({ length: 30 }, (_, step) => generateTask(spec, 64, trainSeed(1, step)).map(key)).flat(),
    );
    const test = generateTask(spec, 500, heldOutSeed(1, 'test')).map(key);
    // Chance collisions only among the smallest layouts (K = 1 MQAR has 63·64·31 possible examples).
    expect(test.filter((k) => train.has(k)).length).toBeLessThan(test.length / 20);
  });

  it('gives pure MQAR sets at one K for accuracy-per-K sweeps', () => {
    for (const K of [1, 2, 4, 8, 12, 16]) {
      const pure = generateMqar({ vocabSize: 128, seqLen: 64, numKvPairs: K, numExamples: 20, seed: 99 });
      const viaHelper = generateTask(mqarAtK(spec, K), 20, 99);
      // The sweep idiom of scripts/train/main.ts (drop the mix): layouts apply only with a mix.
      const viaSpread = generateTask({ ...spec, numKvPairs: K, numKvPairsMix: undefined }, 20, 99);
      for (const set of [viaHelper, viaSpread]) {
        expect(set.map((e) => e.inputs)).toEqual(pure.map((e) => e.inputs));
        expect(set.map((e) => e.labels)).toEqual(pure.map((e) => e.labels));
        for (const e of set) expect(e.labels.filter((l) => l !== IGNORE_INDEX).length).toBe(K);
      }
    }
  });
});
