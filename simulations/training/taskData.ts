/**
 * Tasks as training data: a JSON task spec → examples of fixed length from a seed. Train batches and the
 * held-out sets draw from disjoint seed streams (Zoology keeps train and test seeds apart).
 */

import type { TaskExample } from '../tasks/example';
import { generateInductionHeads } from '../tasks/inductionHeads';
import { generateMqar } from '../tasks/mqar';
import { generateSelectiveCopying } from '../tasks/selectiveCopying';

export type TaskSpec =
  | {
      kind: 'mqar';
      vocabSize: number;
      seqLen: number;
      /** Pairs per example; with `numKvPairsMix`, the largest K of the mixture (names the model). */
      numKvPairs: number;
      /**
       * Train on a mixture of K (as Zoology does): example i of a set has K = mix[i mod n]. Without it, a model
       * with learned positions never sees keys at the positions where a larger K puts them, so an
       * accuracy-vs-K sweep would measure positional extrapolation rather than recall capacity.
       */
      numKvPairsMix?: number[];
    }
  | { kind: 'selective-copying'; vocabSize: number; noiseLength: number; numTokens: number }
  | { kind: 'induction-heads'; vocabSize: number; seqLen: number };

export const TASK_KINDS = ['mqar', 'selective-copying', 'induction-heads'] as const;

export function generateTask(spec: TaskSpec, numExamples: number, seed: number): TaskExample[] {
  switch (spec.kind) {
    case 'mqar':
      return spec.numKvPairsMix
        ? generateMqarMixture(spec, spec.numKvPairsMix, numExamples, seed)
        : generateMqar({ ...spec, numExamples, seed });
    case 'selective-copying':
      return generateSelectiveCopying({ ...spec, numExamples, seed });
    case 'induction-heads':
      return generateInductionHeads({ ...spec, numExamples, seed });
  }
}

/**
 * Example i has K = mix[i mod n]; each K draws from its own stream, seed + K·2²⁵ (mod 2³²): an even offset, so
 * train seeds stay odd and held-out seeds even.
 */
function generateMqarMixture(
  spec: { vocabSize: number; seqLen: number },
  mix: number[],
  numExamples: number,
  seed: number,
): TaskExample[] {
  const perK = mix.map((K, j) =>
    generateMqar({
      ...spec,
      numKvPairs: K,
      numExamples: Math.ceil((numExamples - j) / mix.length),
      seed: (seed + K * 0x2000000) >>> 0,
    }),
  );
  return Array.from({ length: numExamples }, (_, i) => perK[i % mix.length][Math.floor(i / mix.length)]);
}

/** Seeds: the train stream uses odd seeds 2·(base·2¹⁶ + step) + 1, held-out sets even ones, so they never meet. */
export const trainSeed = (base: number, step: number): number => (2 * (base * 65_536 + step) + 1) >>> 0;
const HELD_OUT_SPLITS = { validation: 1, test: 2, check: 3 } as const;
export const heldOutSeed = (base: number, split: keyof typeof HELD_OUT_SPLITS): number =>
  (2 * (base * 65_536 + HELD_OUT_SPLITS[split])) >>> 0;
/** Held-out sets of a sweep (another K, another length): the test split of base + variant — even, never trained on. */
export const sweepSeed = (base: number, variant: number): number => heldOutSeed(base + variant, 'test');
