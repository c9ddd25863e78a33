/**
 * Reads out a model's recall from ONE forward (the model runner's: logits, and the trace when the inspector
 * needs it): at each query position, the predicted next token (argmax of the logits), its softmax probability,
 * the probability of the expected token, ✓/✗ (simulations/tasks/grading.ts). Also extracts the T×T matrices,
 * gates and states the inspector can show from that forward's trace (the GPU's trace on WebGPU), as each layer's
 * architecture card reads its own trace (`ArchitectureCard.views`).
 */
import type { RunnerResult } from '../../kernels/runtime/modelRunner';
import type { Model } from '../../simulations/model/forward';
import '../../simulations/model/builtinMixers';
import { findArchitectureCard, type MixerTrace } from '../../simulations/model/mixerRegistry';
import type { TraceGate, TraceMatrix, TraceState } from '../../simulations/model/traceViews';
import { gradeAnswer } from '../../simulations/tasks/grading';
import type { Query } from '../../simulations/tasks/groundTruth';
import { createVocabulary } from '../../simulations/vocabulary/vocabulary';

export interface QueryReadout extends Query {
  predicted: string;
  /** softmax probability of the predicted token. */
  pPredicted: number;
  /** softmax probability of the expected token. */
  pExpected: number;
  correct: boolean;
}

/** Where a view comes from: the layer, and its trace's kind. */
interface ViewSource {
  layer: number;
  mixer: string;
}

/** One T×T (per head) matrix from a layer's trace (what, heads, weights [heads, T, T]). */
export interface InspectorView extends ViewSource, TraceMatrix {}

/** A gate or step-size signal per token and channel, values [T, channels] (Mamba Δ, RG-LRU r, i, a, Mamba-2 Δ). */
export interface GateView extends ViewSource, TraceGate {}

/** A recurrent layer's state at every step, values [T, rows, cols] (one head of one layer), from the trace. */
export interface StateView extends ViewSource, TraceState {}

export interface ModelRun {
  readout: QueryReadout[];
  views: InspectorView[];
  gates: GateView[];
  /** Per-layer state evolution of recurrent layers (Mamba, S4D, RG-LRU, linear attention, RetNet, GLA). */
  states: StateView[];
  /** Time of the forward that produced the readout (its logits and its trace). */
  milliseconds: number;
  /** Which backend ran that forward. */
  backend: 'webgpu' | 'cpu';
  /** Why the CPU answered although WebGPU was in use (unsupported model, lost device, …). */
  fallbackReason?: string;
  /** On the CPU: 'wasm-simd' or 'reference'. */
  cpuKernels?: string;
}

/** What the readout needs from a forward: the logits and, for the inspector, each layer's mixer trace. */
export type ForwardForReadout = Pick<
  RunnerResult,
  'logits' | 'layers' | 'backend' | 'milliseconds' | 'fallbackReason' | 'cpuKernels'
>;

export class SequenceMismatchError extends Error {
  override name = 'SequenceMismatchError';
}

/** Label → id in the model's own vocabulary, reporting every word it does not have. */
export function encodeForModel(model: Model, labels: readonly string[]): Int32Array {
  const vocab = createVocabulary(model.config.vocabulary ?? { vocabSize: model.config.vocabSize });
  const problems: string[] = [];
  const ids = Int32Array.from(labels, (l) => {
    try {
      return vocab.idOf(l);
    } catch {
      problems.push(`“${l}”`);
      return 0;
    }
  });
  if (problems.length > 0)
    throw new SequenceMismatchError(
      `this model's vocabulary (${model.config.vocabSize} tokens) has no ${[...new Set(problems)].slice(0, 4).join(', ')}`,
    );
  if (labels.length > model.config.maxSeqLen)
    throw new SequenceMismatchError(
      `the sequence has ${labels.length} tokens; this model takes at most ${model.config.maxSeqLen}`,
    );
  return ids;
}

/**
 * The readout of `model` on `labels` from the result of one forward on them (encodeForModel's ids): the logits
 * give the answers; the trace, when the forward recorded one, gives the inspector's views.
 */
export function readOut(
  model: Model,
  labels: readonly string[],
  queries: readonly Query[],
  forwardResult: ForwardForReadout,
): ModelRun {
  const vocab = createVocabulary(model.config.vocabulary ?? { vocabSize: model.config.vocabSize });
  const V = model.config.vocabSize;
  const { logits } = forwardResult;
  const readout = queries.map((q) => {
    const row = logits.subarray(q.position * V, (q.position + 1) * V);
    let best = 0;
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (row[v] > max) [max, best] = [row[v], v];
    let z = 0;
    for (let v = 0; v < V; v++) z += Math.exp(row[v] - max);
    let expectedId = -1;
    try {
      expectedId = vocab.idOf(q.expected);
    } catch {
      // The expected word is outside this model's vocabulary: it can only be wrong.
    }
    const p = (v: number) => (v < 0 ? 0 : Math.exp(row[v] - max) / z);
    const predicted = vocab.label(best);
    const correct = gradeAnswer(q.expected, predicted) === 'correct';
    return { ...q, predicted, pPredicted: p(best), pExpected: p(expectedId), correct };
  });
  const T = labels.length;
  const views: InspectorView[] = [];
  const gates: GateView[] = [];
  const states: StateView[] = [];
  forwardResult.layers?.forEach((mixer, i) => {
    const layer = viewsOfLayer(model, mixer, i, T);
    views.push(...layer.views);
    gates.push(...layer.gates);
    states.push(...layer.states);
  });
  return {
    readout,
    views,
    gates,
    states,
    milliseconds: forwardResult.milliseconds,
    backend: forwardResult.backend,
    fallbackReason: forwardResult.fallbackReason,
    cpuKernels: forwardResult.cpuKernels,
  };
}

/** States larger than this (values over all steps, per view) are left out, to keep each run's message small. */
export const MAX_STATE_VALUES = 1 << 18;

/**
 * A layer's trace as the inspector's views, by its architecture card (`ArchitectureCard.views`): the card the
 * trace's kind names (a sliding-window layer's trace is an attention trace), else the layer's configured one.
 */
export function viewsOfLayer(
  model: Model,
  trace: MixerTrace,
  layer: number,
  T: number,
): { views: InspectorView[]; gates: GateView[]; states: StateView[] } {
  const card =
    findArchitectureCard(trace.kind) ?? findArchitectureCard(model.config.layers[layer]?.mixer.kind ?? '');
  if (!card) return { views: [], gates: [], states: [] };
  const { matrices, gates, states } = card.views(trace, T);
  const at = { layer, mixer: trace.kind };
  return {
    views: matrices.map((m) => ({ ...at, ...m })),
    gates: gates.map((g) => ({ ...at, ...g })),
    states: states.filter((v) => v.values.length <= MAX_STATE_VALUES).map((v) => ({ ...at, ...v })),
  };
}
