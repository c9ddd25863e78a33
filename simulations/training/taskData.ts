/**
 * Tasks as training data: a JSON task spec → examples of fixed length from a seed. Train batches and the
 * held-out sets draw from disjoint seed streams (Zoology keeps train and test seeds apart).
 */

import type { TaskExample } from '../tasks/example';
import { generateInductionHeads } from '../tasks/inductionHeads';
import { generateMqar, generateMqarMixture } from '../tasks/mqar';
import { generateRecallMixture, RECALL_LAYOUTS, type RecallLayout } from '../tasks/recallMixture';
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
      /**
       * The recall mixture (simulations/tasks/recallMixture.ts): besides Zoology's MQAR over `numKvPairsMix`,
       * the free editor's layouts (`interleaved`, `rebinding`, `filler`), half the examples in all. Layouts
       * extend the K mixture, so they apply only together with `numKvPairsMix` (the CLI always writes one): a
       * spec without it is pure MQAR at `numKvPairs`, which is how the per-K sweeps (`mqarAtK`, or
       * `{ ...spec, numKvPairs: K, numKvPairsMix: undefined }`) get pure MQAR sets from a mixture's spec.
       */
      layouts?: RecallLayout[];
    }
  | { kind: 'selective-copying'; vocabSize: number; noiseLength: number; numTokens: number }
  | { kind: 'induction-heads'; vocabSize: number; seqLen: number };

export const TASK_KINDS = ['mqar', 'selective-copying', 'induction-heads'] as const;

export function generateTask(spec: TaskSpec, numExamples: number, seed: number): TaskExample[] {
  switch (spec.kind) {
    case 'mqar':
      if (spec.numKvPairsMix && spec.layouts && spec.layouts.length > 0)
        return generateRecallMixture({
          vocabSize: spec.vocabSize,
          seqLen: spec.seqLen,
          numKvPairsMix: spec.numKvPairsMix,
          layouts: spec.layouts,
          numExamples,
          seed,
        });
      return spec.numKvPairsMix
        ? generateMqarMixture(spec, spec.numKvPairsMix, numExamples, seed)
        : generateMqar({ ...spec, numExamples, seed });
    case 'selective-copying':
      return generateSelectiveCopying({ ...spec, numExamples, seed });
    case 'induction-heads':
      return generateInductionHeads({ ...spec, numExamples, seed });
  }
}

/** Pure Zoology MQAR at one K with a spec's vocabulary and length: the held-out sets of accuracy-per-K sweeps. */
export function mqarAtK(spec: { vocabSize: number; seqLen: number }, K: number): TaskSpec {
  return { kind: 'mqar', vocabSize: spec.vocabSize, seqLen: spec.seqLen, numKvPairs: K };
}

/**
 * The id suffix naming a recall mixture's layouts: `mix` for all of them, else `mix-<layout>-…` (in
 * RECALL_LAYOUTS order); '' without layouts.
 */
export function layoutsIdSuffix(layouts: readonly RecallLayout[] | undefined): string {
  if (!layouts || layouts.length === 0) return '';
  const sorted = RECALL_LAYOUTS.filter((l) => layouts.includes(l));
  return sorted.length === RECALL_LAYOUTS.length ? 'mix' : ['mix', ...sorted].join('-');
}

/** Seeds: the train stream uses odd seeds 2·(base·2¹⁶ + step) + 1, held-out sets even ones, so they never meet. */
export const trainSeed = (base: number, step: number): number => (2 * (base * 65_536 + step) + 1) >>> 0;
const HELD_OUT_SPLITS = { validation: 1, test: 2, check: 3 } as const;
export const heldOutSeed = (base: number, split: keyof typeof HELD_OUT_SPLITS): number =>
  (2 * (base * 65_536 + HELD_OUT_SPLITS[split])) >>> 0;
/** Held-out sets of a sweep (another K, another length): the test split of base + variant — even, never trained on. */
export const sweepSeed = (base: number, variant: number): number => heldOutSeed(base + variant, 'test');
