/**
 * The stress sweep: a model's MQAR accuracy (Zoology's metric) as the number of key–value pairs K grows, on a
 * fixed batch per K drawn with a fixed seed, in the model's own vocabulary at one sequence length L.
 */
import { forward, type Model, predictTokens } from '../../simulations/model/forward';
import { type KernelSet, REFERENCE_KERNELS } from '../../simulations/model/kernelSet';
import { generateMqar, zoologyAccuracy } from '../../simulations/tasks';

export interface SweepPoint {
  pairs: number;
  accuracy: number;
}

/** The K values that are valid MQAR settings for this model at length L (4K ≤ L, K ≤ V/2 − 1). */
export function sweepPairs(model: Model, seqLen: number): number[] {
  const V = model.config.vocabSize;
  if (V <= seqLen || seqLen > model.config.maxSeqLen) return [];
  const maxK = Math.min(Math.floor(seqLen / 4), Math.floor(V / 2) - 1);
  return Array.from({ length: maxK }, (_, i) => i + 1);
}

/** Why the sweep cannot run for this model at this length (or null when it can). */
export function sweepProblem(model: Model, seqLen: number): string | null {
  if (seqLen > model.config.maxSeqLen) return `it takes at most ${model.config.maxSeqLen} tokens`;
  if (model.config.vocabSize <= seqLen)
    return `MQAR needs a vocabulary larger than L = ${seqLen} (this model has ${model.config.vocabSize})`;
  return null;
}

export function sweepPoint(
  model: Model,
  seqLen: number,
  pairs: number,
  examples: number,
  seed: number,
  /** Where the forward's hot loops run (the worker passes the Wasm SIMD set once loaded). */
  kernels: KernelSet = REFERENCE_KERNELS,
): SweepPoint {
  const V = model.config.vocabSize;
  const batch = generateMqar({
    vocabSize: V,
    seqLen,
    numKvPairs: pairs,
    numExamples: examples,
    seed: seed * 1000 + pairs,
  });
  const predictions = batch.map((ex) => predictTokens(forward(model, ex.inputs, { kernels }).logits, V));
  return {
    pairs,
    accuracy: zoologyAccuracy(
      predictions,
      batch.map((ex) => ex.labels),
    ),
  };
}
