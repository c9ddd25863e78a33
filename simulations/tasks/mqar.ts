/**
 * Multi-query associative recall exactly as Zoology generates it (`zoology/data/multiquery_ar.py`,
 * architectures.md §1.1):
 *  - keys from 1 … V/2−1, values from V/2 … V−1, K of each drawn per example without replacement;
 *  - the context k₁ v₁ … k_K v_K fills positions 0 … C−1 (C = 2K);
 *  - the query region C … L−1 has `space = (L−C)/2` even slots; slot s (1-based) has probability
 *    ∝ a·s^(a−1) (a = 0.01: ≈ 1/s, queries crowd the start of the region); K slots are drawn without
 *    replacement and key i is repeated at C + 2·gap_i;
 *  - labels[C + 2·gap_i] = v_i (the value is the next token after the repeated key), −100 elsewhere;
 *  - filler is 0, or uniform random tokens (which may be keys) when `randomNonQueries`.
 * Zoology seeds numpy once per split; we seed our xoshiro stream the same way, so the distribution matches
 * but not the exact numbers.
 */
import { createRng } from '../random/rng';
import { IGNORE_INDEX, type TaskExample } from './example';
import { sampleWithoutReplacement, weightedSampleWithoutReplacement } from './sampling';

export interface MqarOptions {
  vocabSize: number;
  seqLen: number;
  numKvPairs: number;
  numExamples: number;
  seed: number;
  /** Power-law exponent a of the query placement. @default 0.01 */
  powerA?: number;
  /** Replace filler zeros with random tokens (Zoology's default True; its Figure-2 config uses False). @default false */
  randomNonQueries?: boolean;
}

/** Throws a clear error for arguments Zoology's asserts (or common sense) reject. */
export function validateMqarOptions({ vocabSize, seqLen, numKvPairs, numExamples }: MqarOptions): void {
  const problems: string[] = [];
  if (!Number.isInteger(seqLen) || seqLen < 4 || seqLen % 2 !== 0)
    problems.push(`seqLen must be an even integer ≥ 4 (got ${seqLen})`);
  if (!Number.isInteger(numKvPairs) || numKvPairs < 1)
    problems.push(`numKvPairs must be a positive integer (got ${numKvPairs})`);
  if (4 * numKvPairs > seqLen)
    problems.push(`4·numKvPairs must be ≤ seqLen (got K=${numKvPairs}, L=${seqLen})`);
  if (!Number.isInteger(vocabSize) || vocabSize <= seqLen)
    problems.push(`vocabSize must exceed seqLen (got V=${vocabSize}, L=${seqLen})`);
  if (vocabSize / 2 - 1 < numKvPairs)
    problems.push(`vocabSize ${vocabSize} leaves fewer than ${numKvPairs} keys`);
  if (!Number.isInteger(numExamples) || numExamples < 0)
    problems.push(`numExamples must be a non-negative integer (got ${numExamples})`);
  if (problems.length > 0) throw new RangeError(`Invalid MQAR options: ${problems.join('; ')}`);
}

/** The query-slot distribution p(s) ∝ a·s^(a−1), s = 1 … space, normalised. */
export function mqarSlotProbabilities(space: number, powerA = 0.01): number[] {
  const raw = Array.from({ length: space }, (_, i) => powerA * (i + 1) ** (powerA - 1));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

export function generateMqar(options: MqarOptions): TaskExample[] {
  validateMqarOptions(options);
  const {
    vocabSize: V,
    seqLen: L,
    numKvPairs: K,
    numExamples,
    seed,
    powerA = 0.01,
    randomNonQueries = false,
  } = options;
  const rng = createRng(seed);
  // A separate stream for random filler, so switching it on changes nothing else about the examples.
  const fillerRng = createRng(seed ^ 0x2545f491);
  const keyVocab = Math.floor(V / 2);
  const keyChoices = Array.from({ length: keyVocab - 1 }, (_, i) => i + 1);
  const valueChoices = Array.from({ length: V - keyVocab }, (_, i) => keyVocab + i);
  const C = 2 * K;
  const space = (L - C) / 2;
  const p = mqarSlotProbabilities(space, powerA);
  const examples: TaskExample[] = [];
  for (let e = 0; e < numExamples; e++) {
    const keys = sampleWithoutReplacement(keyChoices, K, rng);
    const values = sampleWithoutReplacement(valueChoices, K, rng);
    const gaps = weightedSampleWithoutReplacement(p, K, rng);
    const inputs = new Int32Array(L);
    const labels = new Int32Array(L).fill(IGNORE_INDEX);
    for (let i = 0; i < K; i++) {
      inputs[2 * i] = keys[i];
      inputs[2 * i + 1] = values[i];
      inputs[C + 2 * gaps[i]] = keys[i];
      labels[C + 2 * gaps[i]] = values[i];
    }
    if (randomNonQueries) {
      for (let t = 0; t < L; t++) if (inputs[t] === 0) inputs[t] = fillerRng.nextInt(V);
    }
    examples.push({ inputs, labels });
  }
  return examples;
}

/**
 * MQAR on a mixture of K (as Zoology trains): example i has K = mix[i mod n]; each K draws from its own
 * stream, seed + K·2²⁵ (mod 2³²): an even offset, so train seeds (odd) and held-out seeds (even) stay apart.
 * Each stream is generated in order, so the first m examples of a set do not depend on its size.
 */
export function generateMqarMixture(
  spec: Omit<MqarOptions, 'numKvPairs' | 'numExamples' | 'seed'>,
  mix: readonly number[],
  numExamples: number,
  seed: number,
): TaskExample[] {
  if (mix.length === 0) throw new RangeError('The mixture of K is empty');
  const perK = mix.map((K, j) =>
    generateMqar({
      ...spec,
      numKvPairs: K,
      numExamples: Math.max(0, Math.ceil((numExamples - j) / mix.length)),
      seed: (seed + K * 0x2000000) >>> 0,
    }),
  );
  return Array.from({ length: numExamples }, (_, i) => perK[i % mix.length][Math.floor(i / mix.length)]);
}
