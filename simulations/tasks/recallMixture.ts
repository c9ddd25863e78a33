/**
 * The recall mixture: Zoology's MQAR at a mixture of K, plus the layouts people type in the playground's free
 * editor, so that one model answers any edit the editor grades.
 *
 * Tokens are exactly those the free editor accepts in its vocabulary (`createVocabulary({ vocabSize })`, no
 * specials): filler `_` (id 0), keys 1 … ⌊V/2⌋−1 (words), values ⌊V/2⌋ … V−1 (numbers). Labels are the
 * editor's own ground truth, `expectedAnswers` (freeEditing.ts): a key followed by a value binds it; a later
 * occurrence of a bound key is a query whose answer is the value most recently bound to it; −100 elsewhere.
 *
 * Each example draws one family (probabilities: `MQAR_SHARE` = ½ for MQAR, the other ½ split equally over the
 * listed layouts; ⅙ each with all three):
 *  - `mqar`: Zoology's MQAR, K cycling over the mix (the examples `generateMqarMixture` gives for the same seed,
 *    in order);
 *  - `interleaved`: K pairs; each key queried once at a uniform point after its binding (so queries sit
 *    between later pairs), plus 0 … ⌊K/2⌋ repeat queries of random bound keys; filler `_` pads the end;
 *  - `rebinding`: K pairs, then 1 … min(K+1, ⌊(L−3K)/3⌋) re-bindings (a bound key, a value other than its
 *    current one; a key may be re-bound more than once), each inserted at a uniform point after the key's
 *    previous binding; every key queried once after its last binding (answer: the latest value); each
 *    re-binding, with probability ½, also gets a query between it and the previous binding (answer: the earlier
 *    value). The re-binding key itself is a query too (the rule labels it with the earlier value). Filler pads
 *    the end;
 *  - `filler`: K pairs and K queries, in MQAR order (all pairs first) or interleaved order with probability ½
 *    each, with the L − 3K filler tokens scattered uniformly over the gaps between events (never inside a pair).
 * Non-MQAR families draw K uniformly from the mix. Distinct keys per example: K ≤ max(mix) (16 for the headline
 * mixture). A query is never followed by a value (which would re-bind), and a key's first occurrence is always
 * its binding, so no unbound key is ever queried. Every example has length exactly L.
 *
 * Streams: family draws from seed ⊕ 0x6a09e666, layouts from seed ⊕ 0x3c6ef372 (even constants, so train seeds
 * stay odd and held-out seeds even), MQAR examples from `generateMqarMixture`'s streams. All are consumed in
 * example order, so the first m examples of a set do not depend on its size.
 */
import { createRng, type Rng } from '../random/rng';
import { createVocabulary, type Vocabulary } from '../vocabulary/vocabulary';
import type { TaskExample } from './example';
import { expectedAnswers } from './freeEditing';
import { generateMqarMixture, validateMqarOptions } from './mqar';
import { sampleWithoutReplacement } from './sampling';

export const RECALL_LAYOUTS = ['interleaved', 'rebinding', 'filler'] as const;
export type RecallLayout = (typeof RECALL_LAYOUTS)[number];
export type RecallFamily = 'mqar' | RecallLayout;
/** Probability that an example is plain Zoology MQAR; the rest is split equally over the layouts. */
export const MQAR_SHARE = 0.5;

export interface RecallMixtureOptions {
  vocabSize: number;
  seqLen: number;
  /** The K of the mixture (MQAR cycles over them; the other layouts draw one uniformly). */
  numKvPairsMix: readonly number[];
  /** The extra layouts (non-empty, no repeats). */
  layouts: readonly RecallLayout[];
  numExamples: number;
  seed: number;
}

export interface RecallMixtureExample extends TaskExample {
  /** The family the example was drawn from. */
  layout: RecallFamily;
  /** Distinct keys bound in the example. */
  numKeys: number;
}

/** The probability of each family for a list of layouts. */
export function recallFamilyProbabilities(layouts: readonly RecallLayout[]): Record<RecallFamily, number> {
  const share = (1 - MQAR_SHARE) / layouts.length;
  return {
    mqar: MQAR_SHARE,
    interleaved: layouts.includes('interleaved') ? share : 0,
    rebinding: layouts.includes('rebinding') ? share : 0,
    filler: layouts.includes('filler') ? share : 0,
  };
}

export function validateRecallMixtureOptions(options: RecallMixtureOptions): void {
  const { vocabSize, seqLen, numKvPairsMix, layouts, numExamples } = options;
  for (const numKvPairs of numKvPairsMix)
    validateMqarOptions({ vocabSize, seqLen, numKvPairs, numExamples, seed: 0 });
  const problems: string[] = [];
  if (numKvPairsMix.length === 0) problems.push('numKvPairsMix is empty');
  if (layouts.length === 0) problems.push('layouts is empty');
  for (const layout of layouts)
    if (!(RECALL_LAYOUTS as readonly string[]).includes(layout))
      problems.push(`unknown layout “${layout}” (layouts: ${RECALL_LAYOUTS.join(', ')})`);
  if (new Set(layouts).size !== layouts.length) problems.push(`layouts repeat (${layouts.join(', ')})`);
  if (layouts.includes('rebinding') && numKvPairsMix.some((K) => seqLen - 3 * K < 2))
    problems.push(`rebinding needs seqLen ≥ 3K + 2 for every K (L=${seqLen})`);
  if (problems.length > 0) throw new RangeError(`Invalid recall mixture: ${problems.join('; ')}`);
}

const vocabularies = new Map<number, Vocabulary>();
/** The free editor's vocabulary for V (cached: batches are generated every training step). */
function editorVocabulary(vocabSize: number): Vocabulary {
  let vocab = vocabularies.get(vocabSize);
  if (!vocab) {
    vocab = createVocabulary({ vocabSize });
    vocabularies.set(vocabSize, vocab);
  }
  return vocab;
}

export function generateRecallMixture(options: RecallMixtureOptions): RecallMixtureExample[] {
  validateRecallMixtureOptions(options);
  const { vocabSize: V, seqLen: L, numKvPairsMix: mix, layouts, numExamples, seed } = options;
  const vocab = editorVocabulary(V);
  const familyRng = createRng((seed ^ 0x6a09e666) >>> 0);
  const layoutRng = createRng((seed ^ 0x3c6ef372) >>> 0);
  const families: RecallFamily[] = Array.from({ length: numExamples }, () =>
    familyRng.nextFloat() < MQAR_SHARE ? 'mqar' : layouts[familyRng.nextInt(layouts.length)],
  );
  const mqar = generateMqarMixture(
    { vocabSize: V, seqLen: L },
    mix,
    families.filter((f) => f === 'mqar').length,
    seed,
  );
  const keyVocab = Math.floor(V / 2);
  const keyChoices = Array.from({ length: keyVocab - 1 }, (_, i) => i + 1);
  const valueChoices = Array.from({ length: V - keyVocab }, (_, i) => keyVocab + i);
  let nextMqar = 0;
  return families.map((layout, e) => {
    let inputs: Int32Array;
    let numKeys: number;
    if (layout === 'mqar') {
      inputs = mqar[nextMqar].inputs;
      numKeys = mix[nextMqar % mix.length];
      nextMqar++;
    } else {
      numKeys = mix[layoutRng.nextInt(mix.length)];
      inputs = Int32Array.from(layoutTokens(layout, numKeys, L, keyChoices, valueChoices, layoutRng));
    }
    if (inputs.length !== L)
      throw new Error(`recall mixture example ${e} has length ${inputs.length} ≠ ${L}`);
    return { inputs, labels: expectedAnswers(inputs, vocab), layout, numKeys };
  });
}

interface Binding {
  key: number;
  value: number;
}

/** A query of `key` placed in gap g: before binding g (g < bindings.length) or after the last one. */
interface Query {
  key: number;
  gap: number;
}

const uniformIn = (lo: number, hi: number, rng: Rng) => lo + rng.nextInt(hi - lo + 1);

function layoutTokens(
  layout: RecallLayout,
  K: number,
  L: number,
  keyChoices: readonly number[],
  valueChoices: readonly number[],
  rng: Rng,
): number[] {
  const keys = sampleWithoutReplacement(keyChoices, K, rng);
  const values = sampleWithoutReplacement(valueChoices, K, rng);
  const bindings: Binding[] = keys.map((key, i) => ({ key, value: values[i] }));
  const lastBinding = (key: number) => bindings.findLastIndex((b) => b.key === key);
  const queries: Query[] = [];
  if (layout === 'rebinding') {
    let rebinds = Math.min(K + 1, Math.floor((L - 3 * K) / 3));
    const roomForBetween = rebinds >= 1;
    if (!roomForBetween) rebinds = Math.floor((L - 3 * K) / 2); // ≥ 1: validated seqLen ≥ 3K + 2
    const R = uniformIn(1, rebinds, rng);
    let spare = L - 3 * K - 2 * R;
    for (let r = 0; r < R; r++) {
      const key = keys[rng.nextInt(K)];
      const previous = lastBinding(key);
      const others = valueChoices.filter((v) => v !== bindings[previous].value);
      const at = uniformIn(previous + 1, bindings.length, rng);
      bindings.splice(at, 0, { key, value: others[rng.nextInt(others.length)] });
      // Queries already placed keep their binding order: shift the gaps at or after the insertion.
      for (const q of queries) if (q.gap >= at) q.gap++;
      if (spare > 0 && rng.nextFloat() < 0.5) {
        queries.push({ key, gap: uniformIn(previous + 1, at, rng) });
        spare--;
      }
    }
    for (const key of keys) queries.push({ key, gap: uniformIn(lastBinding(key) + 1, bindings.length, rng) });
    return assemble(bindings, queries, L, false, rng);
  }
  const mqarOrder = layout === 'filler' && rng.nextFloat() < 0.5;
  for (const key of keys) queries.push({ key, gap: mqarOrder ? K : uniformIn(lastBinding(key) + 1, K, rng) });
  if (layout === 'interleaved') {
    const repeats = rng.nextInt(Math.floor(K / 2) + 1);
    for (let r = 0; r < repeats; r++) {
      const key = keys[rng.nextInt(K)];
      queries.push({ key, gap: uniformIn(lastBinding(key) + 1, K, rng) });
    }
  }
  return assemble(bindings, queries, L, layout === 'filler', rng);
}

/**
 * Lays out the events in gap order (a gap's queries in random order, then its binding) and pads to L with
 * filler: at the end, or scattered uniformly over the gaps between events (`scatter`).
 */
function assemble(bindings: Binding[], queries: Query[], L: number, scatter: boolean, rng: Rng): number[] {
  const events: number[][] = [];
  for (let g = 0; g <= bindings.length; g++) {
    const here = queries.filter((q) => q.gap === g).map((q) => [q.key]);
    events.push(...sampleWithoutReplacement(here, here.length, rng));
    if (g < bindings.length) events.push([bindings[g].key, bindings[g].value]);
  }
  const used = events.reduce((n, ev) => n + ev.length, 0);
  if (used > L) throw new Error(`recall mixture layout needs ${used} tokens > L = ${L}`);
  const fillerBefore = new Array<number>(events.length + 1).fill(0);
  if (scatter) for (let f = 0; f < L - used; f++) fillerBefore[rng.nextInt(events.length + 1)]++;
  else fillerBefore[events.length] = L - used;
  const tokens: number[] = [];
  events.forEach((ev, i) => {
    for (let f = 0; f < fillerBefore[i]; f++) tokens.push(0);
    tokens.push(...ev);
  });
  for (let f = 0; f < fillerBefore[events.length]; f++) tokens.push(0);
  return tokens;
}
