/**
 * From the hybrid designer's stack (cost-model ids of simulations/cost) to a model the trainer can train: the
 * tiny MQAR setting of the shipped tiny models (scripts/train/zoo.ts `tiny`: vocabulary 32, L = 16, K = 2,
 * d_model = 32, batch 32, lr 1e-2, warm-up 20, up to 600 steps), each layer's mixer as the engine's presets
 * build it (simulations/model/presets.ts), Zoology's shell (no MLP, learned positions when a layer attends).
 */
import type { LayerSpec, ModelConfig } from '../../simulations/model/config';
import '../../simulations/model/builtinMixers';
import { getMixer } from '../../simulations/model/mixerRegistry';
import { parameterCount } from '../../simulations/model/params';
import { variantLayer, zoologyConfig } from '../../simulations/model/presets';
import { TRAINABLE_MIXERS } from '../../simulations/training/mixers';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings } from '../../simulations/training/trainer';

/** The tiny setting, as in scripts/train/zoo.ts. */
export const TINY_SETTING = {
  vocabSize: 32,
  seqLen: 16,
  numKvPairs: 2,
  dModel: 32,
  batchSize: 32,
  steps: 600,
  learningRate: 1e-2,
  warmupSteps: 20,
  evalEvery: 50,
} as const;

/** A trained stack has 2–4 layers (training runs on one CPU core in the browser). */
export const MIN_TRAIN_LAYERS = 2;
export const MAX_TRAIN_LAYERS = 4;
/** The designer's first stack: Based's pattern with a local-attention layer (BaseConv, Taylor, window). */
export const DEFAULT_STACK: readonly string[] = ['baseConv', 'based', 'slidingWindow'];
/** Step budgets offered; 600 is the shipped tiny models' budget. */
export const TRAIN_STEP_CHOICES = [600, 300, 100, 30] as const;
/** The local-attention window of a sliding-window layer (L = 16: a window of 8 sees half the sequence). */
export const SLIDING_WINDOW = 8;

/**
 * A designer mixer (a card's variant id) as the engine's layer, with the presets' options (the cards decide;
 * simulations/model/presets.ts `variantLayer`); undefined when no card offers it.
 */
const layerOf = (id: string): LayerSpec | undefined => variantLayer(id, { window: SLIDING_WINDOW });

/** Whether the engine can train this designer mixer: a card's variant whose mixer has a training forward. */
export const isTrainableMixer = (id: string): boolean => {
  const layer = layerOf(id);
  return layer !== undefined && layer.mixer.kind in TRAINABLE_MIXERS;
};

/** Why this stack cannot be trained here (empty when it can). */
export function stackTrainProblems(stack: readonly string[], mixerName = (id: string) => id): string[] {
  const problems: string[] = [];
  if (stack.length < MIN_TRAIN_LAYERS || stack.length > MAX_TRAIN_LAYERS)
    problems.push(
      `a trainable stack has ${MIN_TRAIN_LAYERS}–${MAX_TRAIN_LAYERS} layers (this one has ${stack.length})`,
    );
  const untrainable = [...new Set(stack.filter((m) => !isTrainableMixer(m)))];
  if (untrainable.length > 0)
    problems.push(`the engine has no trainable ${untrainable.map(mixerName).join(', ')} layer`);
  return problems;
}

/** The model config of a stack in the tiny MQAR setting. Throws when the stack cannot be trained. */
export function stackToConfig(stack: readonly string[]): ModelConfig {
  const problems = stackTrainProblems(stack);
  if (problems.length > 0) throw new Error(`Cannot train this stack: ${problems.join('; ')}.`);
  return zoologyConfig({
    vocabSize: TINY_SETTING.vocabSize,
    dModel: TINY_SETTING.dModel,
    maxSeqLen: TINY_SETTING.seqLen,
    layers: stack.map((m) => structuredClone(layerOf(m) as LayerSpec)),
  });
}

/** The trainer's settings for a stack: the tiny setting, `steps` steps, a fixed seed (reproducible). */
export function stackTrainSettings(
  stack: readonly string[],
  { steps = TINY_SETTING.steps, seed = 1 }: { steps?: number; seed?: number } = {},
): TrainSettings {
  return {
    ...DEFAULT_TRAIN_SETTINGS,
    model: stackToConfig(stack),
    task: {
      kind: 'mqar',
      vocabSize: TINY_SETTING.vocabSize,
      seqLen: TINY_SETTING.seqLen,
      numKvPairs: TINY_SETTING.numKvPairs,
    },
    seed,
    steps,
    batchSize: TINY_SETTING.batchSize,
    learningRate: TINY_SETTING.learningRate,
    warmupSteps: Math.min(TINY_SETTING.warmupSteps, Math.max(1, Math.floor(steps / 5))),
    evalEvery: Math.min(TINY_SETTING.evalEvery, steps),
    validationExamples: 128,
    testExamples: 256,
  };
}

/** The id a trained stack gets in the model list: "hybrid-<n>-<mixers>" (index-style, so labels read well). */
export function hybridModelId(n: number, stack: readonly string[]): string {
  return `hybrid-${n}-${stack.map((m) => m.toLowerCase()).join('.')}`;
}

/** Parameters and inference memory at the trained length (KV caches or fixed states), as the model index has. */
export function configFacts(config: ModelConfig): { parameters: number; stateBytes: number } {
  return {
    parameters: parameterCount(config),
    stateBytes: config.layers.reduce(
      (sum, l) => sum + getMixer(l.mixer.kind).stateSizeBytes(l.mixer, config, config.maxSeqLen),
      0,
    ),
  };
}
