/**
 * Fresh evaluation of a trained model for docs/results.md: accuracy on examples from a seed family that neither
 * training nor any logged evaluation ever drew from, with the float32 engine on one thread (the same for every
 * model).
 *
 * Seeds (simulations/training/taskData.ts): the train stream uses odd seeds 2·(base·2¹⁶ + step) + 1; held-out
 * sets (validation, test, check) even seeds 2·(b·2¹⁶ + s) with s ∈ {1, 2, 3}, b = base (+ a variant for the
 * sweeps). Fresh sets use the same form with s = FRESH_SPLIT = 0x5eed (24,301):
 *
 *     freshSeed(base, variant) = 2·((base + variant)·2¹⁶ + 0x5eed)  (mod 2³²)
 *
 * so their low 17 bits are 2·0x5eed = 0xbdda, where every train seed has an odd low half and every held-out seed
 * 2, 4 or 6 — whatever the base, step or variant. The K-mixture streams (seed + K·2²⁵) keep the low 17 bits, so
 * they stay apart too. Variants: K for MQAR at K, 100 + i for the i-th recall layout, 0 for the Mamba tasks.
 */
import type { ModelConfig } from '../../simulations/model/config';
import type { Params } from '../../simulations/model/params';
import type { TaskExample } from '../../simulations/tasks/example';
import {
  generateRecallMixture,
  RECALL_LAYOUTS,
  type RecallLayout,
} from '../../simulations/tasks/recallMixture';
import { generateTask, mqarAtK, type TaskSpec } from '../../simulations/training/taskData';
import { Float32Engine } from '../../simulations/wasm/trainEngine';

export const FRESH_SPLIT = 0x5eed;
/** Bump when the sets or the evaluation change, so that cached fresh results (results.ts) are recomputed. */
export const FRESH_PROTOCOL = 1;
/** Examples per fresh set (per K, per layout). */
export const FRESH_EXAMPLES = 500;
/** The K of the headline sweep. */
export const FRESH_KS = [1, 2, 4, 8, 16] as const;

export const freshSeed = (base: number, variant: number): number =>
  (2 * ((base + variant) * 65_536 + FRESH_SPLIT)) >>> 0;

export const FRESH_SEED_RULE =
  "fresh seed = 2·((base + variant)·2¹⁶ + 0x5eed) mod 2³², base = the model's training seed, variant = K for MQAR at K, 100 + i for the i-th user layout, 0 for the Mamba tasks: its low 17 bits are 0xbdda, never those of a train seed (odd) or a held-out seed (2, 4 or 6) of taskData.ts";

export interface FreshSet {
  /** `K=4`, `interleaved`, … */
  label: string;
  /** K of a pure-MQAR set. */
  numKvPairs?: number;
  seed: number;
  examples: TaskExample[];
}

export interface FreshResult {
  label: string;
  numKvPairs?: number;
  seed: number;
  examples: number;
  accuracy: number;
}

/** Pure Zoology MQAR at each K (K ≤ L/4) with the task's vocabulary and length, FRESH_EXAMPLES each. */
export function freshMqarSets(
  task: { vocabSize: number; seqLen: number },
  base: number,
  Ks: readonly number[] = FRESH_KS,
  n = FRESH_EXAMPLES,
): FreshSet[] {
  return Ks.filter((K) => 4 * K <= task.seqLen).map((K) => {
    const seed = freshSeed(base, K);
    return { label: `K=${K}`, numKvPairs: K, seed, examples: generateTask(mqarAtK(task, K), n, seed) };
  });
}

/**
 * The recall mixture's user layouts, one set each: the first `n` examples of that layout in a mixture of MQAR and
 * that layout alone (K drawn from the mixture's K as in training).
 */
export function freshLayoutSets(
  task: { vocabSize: number; seqLen: number; numKvPairsMix: readonly number[] },
  base: number,
  layouts: readonly RecallLayout[] = RECALL_LAYOUTS,
  n = FRESH_EXAMPLES,
): FreshSet[] {
  return layouts.map((layout) => {
    const seed = freshSeed(base, 100 + RECALL_LAYOUTS.indexOf(layout));
    // About half of a one-layout mixture is that layout; grow the draw until n of them are there (the first m
    // examples of a mixture do not depend on its size, so the set is the same whatever size finds them).
    for (let size = 3 * n; ; size *= 2) {
      const drawn = generateRecallMixture({
        vocabSize: task.vocabSize,
        seqLen: task.seqLen,
        numKvPairsMix: task.numKvPairsMix,
        layouts: [layout],
        numExamples: size,
        seed,
      }).filter((e) => e.layout === layout);
      if (drawn.length >= n) return { label: layout, seed, examples: drawn.slice(0, n) };
    }
  });
}

/** The fresh sets of a task: MQAR per K and the user layouts of a recall mixture; the task itself otherwise. */
export function freshSets(task: TaskSpec, base: number, n = FRESH_EXAMPLES): FreshSet[] {
  if (task.kind !== 'mqar') {
    const seed = freshSeed(base, 0);
    return [{ label: task.kind, seed, examples: generateTask(task, n, seed) }];
  }
  const perK = freshMqarSets(task, base, FRESH_KS, n);
  if (!task.layouts || task.layouts.length === 0 || !task.numKvPairsMix) return perK;
  return [...perK, ...freshLayoutSets({ ...task, numKvPairsMix: task.numKvPairsMix }, base, task.layouts, n)];
}

/** Accuracy (Zoology's metric) of a model on each set, float32 engine, one thread. */
export function evaluateFresh(config: ModelConfig, params: Params, sets: readonly FreshSet[]): FreshResult[] {
  const engine = new Float32Engine(config, params, { threads: 1 });
  try {
    return sets.map(({ label, numKvPairs, seed, examples }) => ({
      label,
      ...(numKvPairs === undefined ? {} : { numKvPairs }),
      seed,
      examples: examples.length,
      accuracy: engine.evaluate(examples).accuracy,
    }));
  } finally {
    engine.close();
  }
}
