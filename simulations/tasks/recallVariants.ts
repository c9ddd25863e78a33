/**
 * Recall tasks built on the MQAR vocabulary (id 0 filler, keys 1 … V/2−1, values V/2 … V−1):
 *  - needle in a haystack: one key–value pair hidden at a chosen depth in filler, queried at the end;
 *  - key overwrite: keys bound, some re-bound later; every key queried at the end, the latest binding wins;
 *  - distractor noise: MQAR with the filler replaced by distractor keys and values that never use the
 *    example's own keys, so the labels stay those of the clean example.
 * Labels of the first two come from `expectedAnswers`, the free-editing ground truth, so they agree with the
 * playground by construction.
 */
import { createRng } from '../random/rng';
import { createVocabulary } from '../vocabulary/vocabulary';
import type { TaskExample } from './example';
import { expectedAnswers } from './freeEditing';
import { generateMqar, type MqarOptions } from './mqar';
import { sampleWithoutReplacement } from './sampling';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

export interface NeedleOptions {
  vocabSize: number;
  seqLen: number;
  /** Where the needle sits, 0 = start … 1 = just before the query. */
  depth: number;
  numExamples: number;
  seed: number;
  /** Fill the haystack with random values (not keys) instead of filler 0. @default false */
  noisyHaystack?: boolean;
}

export function generateNeedle({
  vocabSize: V,
  seqLen: L,
  depth,
  numExamples,
  seed,
  noisyHaystack = false,
}: NeedleOptions): TaskExample[] {
  if (L < 3) throw new RangeError(`Needle needs seqLen ≥ 3, got ${L}`);
  if (!(depth >= 0 && depth <= 1)) throw new RangeError(`Needle depth must be in [0, 1], got ${depth}`);
  const vocab = createVocabulary({ vocabSize: V });
  const rng = createRng(seed);
  const firstValue = Math.floor(V / 2);
  return Array.from({ length: numExamples }, () => {
    const key = 1 + rng.nextInt(firstValue - 1);
    const value = firstValue + rng.nextInt(V - firstValue);
    const inputs = Int32Array.from({ length: L }, () =>
      noisyHaystack ? firstValue + rng.nextInt(V - firstValue) : 0,
    );
    const at = Math.round(depth * (L - 3));
    inputs[at] = key;
    inputs[at + 1] = value;
    inputs[L - 1] = key;
    return { inputs, labels: expectedAnswers(inputs, vocab) };
  });
}

export interface KeyOverwriteOptions {
  vocabSize: number;
  numKeys: number;
  /** How many re-bindings follow the initial bindings (each re-binds a random key to a fresh value). */
  numRebinds: number;
  numExamples: number;
  seed: number;
}

/** Layout: k₁ v₁ … k_K v_K, then numRebinds pairs k v′, then every key once as a query. */
export function generateKeyOverwrite({
  vocabSize: V,
  numKeys: K,
  numRebinds,
  numExamples,
  seed,
}: KeyOverwriteOptions): TaskExample[] {
  const firstValue = Math.floor(V / 2);
  if (K < 1 || K > firstValue - 1) throw new RangeError(`numKeys must be in 1 … ${firstValue - 1}, got ${K}`);
  const vocab = createVocabulary({ vocabSize: V });
  const rng = createRng(seed);
  return Array.from({ length: numExamples }, () => {
    const keys = sampleWithoutReplacement(range(1, firstValue), K, rng);
    const seq: number[] = [];
    for (const k of keys) seq.push(k, firstValue + rng.nextInt(V - firstValue));
    for (let r = 0; r < numRebinds; r++)
      seq.push(keys[rng.nextInt(K)], firstValue + rng.nextInt(V - firstValue));
    seq.push(...sampleWithoutReplacement(keys, K, rng));
    const inputs = Int32Array.from(seq);
    return { inputs, labels: expectedAnswers(inputs, vocab) };
  });
}

/** MQAR whose filler is replaced by distractors: random values, and keys not used by the example. */
export function generateMqarWithDistractors(
  options: MqarOptions & { distractorRate: number },
): TaskExample[] {
  const { distractorRate, vocabSize: V, seed } = options;
  if (!(distractorRate >= 0 && distractorRate <= 1))
    throw new RangeError(`distractorRate must be in [0, 1], got ${distractorRate}`);
  const clean = generateMqar({ ...options, randomNonQueries: false });
  const rng = createRng(seed ^ 0x5bd1e995);
  return clean.map(({ inputs, labels }) => {
    const own = new Set(Array.from(inputs).filter((t) => t > 0 && t < Math.floor(V / 2)));
    const pool = range(1, V).filter((t) => !own.has(t));
    const noisy = Int32Array.from(inputs, (t) =>
      t === 0 && rng.nextFloat() < distractorRate ? pool[rng.nextInt(pool.length)] : t,
    );
    return { inputs: noisy, labels: Int32Array.from(labels) };
  });
}
