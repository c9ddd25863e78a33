/**
 * Runs a loaded model on a labelled sequence and reads out its recall: at each query position, the predicted
 * next token (argmax of the logits), its softmax probability, the probability of the expected token, ✓/✗.
 * Also extracts the T×T matrices the inspector can show from the forward trace.
 */
import { forward, type Model } from '../../simulations/model/forward';
import type { MixerTrace } from '../../simulations/model/mixerRegistry';
import { createVocabulary } from '../../simulations/vocabulary/vocabulary';
import type { Query } from '../playground/groundTruth';

export interface QueryReadout extends Query {
  predicted: string;
  /** softmax probability of the predicted token. */
  pPredicted: number;
  /** softmax probability of the expected token. */
  pExpected: number;
  correct: boolean;
}

/** One T×T (per head) matrix from a layer's trace. */
export interface InspectorView {
  layer: number;
  mixer: string;
  /** What the matrix is: softmax attention, the implicit attention of a linear model, or retention. */
  what: 'attention' | 'implicit attention' | 'retention';
  heads: number;
  /** [heads, T, T] row-major. */
  weights: Float32Array;
}

/** A gate or step-size signal per token and channel (Mamba Δ, RG-LRU r, i, a, Mamba-2 Δ per head). */
export interface GateView {
  layer: number;
  mixer: string;
  name: string;
  /** [T, channels], token-major. */
  values: Float32Array;
  channels: number;
}

/** A recurrent model's state at every step, [T, rows, cols] (one head of one layer), from the CPU trace. */
export interface StateView {
  layer: number;
  mixer: string;
  /** Head of a multi-head state (0 otherwise) and the layer's number of heads. */
  head: number;
  heads: number;
  /** What the state is, e.g. "S_t = Σ φ(k) vᵀ". */
  what: string;
  rowLabel: string;
  colLabel: string;
  shape: [number, number, number];
  /** [T, rows, cols] row-major. */
  values: Float32Array;
}

export interface ModelRun {
  readout: QueryReadout[];
  views: InspectorView[];
  gates: GateView[];
  /** Per-layer state evolution of recurrent layers (Mamba, S4D, RG-LRU, linear attention, RetNet, GLA). */
  states: StateView[];
  /** Time of the forward that produced the readout's logits. */
  milliseconds: number;
  /** Which backend computed the readout's logits. */
  backend: 'webgpu' | 'cpu';
  /** Why the CPU answered although WebGPU was in use (unsupported model, lost device, …). */
  fallbackReason?: string;
  /** On the CPU: 'wasm-simd' or 'reference' (absent when the readout's own CPU forward produced the logits). */
  cpuKernels?: string;
}

/** Logits computed elsewhere (the GPU), to read out instead of the CPU forward's. */
export interface ExternalLogits {
  logits: Float32Array;
  backend: 'webgpu' | 'cpu';
  milliseconds: number;
  fallbackReason?: string;
  cpuKernels?: string;
}

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
 * The readout of `model` on `labels`. The inspector's matrices and gates always come from the CPU reference's
 * trace; the logits come from `external` when given (the GPU forward), else from the same CPU forward.
 */
export function runReadout(
  model: Model,
  labels: readonly string[],
  queries: readonly Query[],
  external?: ExternalLogits,
): ModelRun {
  const ids = encodeForModel(model, labels);
  const vocab = createVocabulary(model.config.vocabulary ?? { vocabSize: model.config.vocabSize });
  const V = model.config.vocabSize;
  const start = performance.now();
  const cpu = forward(model, ids, { trace: true });
  const cpuMs = performance.now() - start;
  const trace = cpu.trace;
  const logits = external?.logits ?? cpu.logits;
  const milliseconds = external?.milliseconds ?? cpuMs;
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
    return { ...q, predicted, pPredicted: p(best), pExpected: p(expectedId), correct: best === expectedId };
  });
  const T = ids.length;
  const views: InspectorView[] = [];
  const gates: GateView[] = [];
  const states: StateView[] = [];
  trace?.layers.forEach((layer, i) => {
    views.push(...matricesOf(layer.mixer, i, T));
    gates.push(...gatesOf(layer.mixer, i, T));
    states.push(...statesOf(layer.mixer, i, T));
  });
  return {
    readout,
    views,
    gates,
    states,
    milliseconds,
    backend: external?.backend ?? 'cpu',
    fallbackReason: external?.fallbackReason,
    cpuKernels: external?.cpuKernels,
  };
}

const isF32 = (x: unknown): x is Float32Array => x instanceof Float32Array;

function matricesOf(trace: MixerTrace, layer: number, T: number): InspectorView[] {
  const out: InspectorView[] = [];
  const add = (what: InspectorView['what'], data: unknown) => {
    if (!isF32(data) || data.length === 0 || data.length % (T * T) !== 0) return;
    out.push({ layer, mixer: trace.kind, what, heads: data.length / (T * T), weights: data });
  };
  add('attention', trace.weights);
  add('implicit attention', trace.implicitAttention);
  // Linear attention's retention IS its implicit attention; do not show it twice.
  if (trace.retention !== trace.implicitAttention) add('retention', trace.retention);
  return out;
}

/** Gate signals by mixer: Mamba Δ and RG-LRU r, i, a are [T, D]; Mamba-2's Δ is [heads, T]. */
const GATES: Record<string, { name: string; timeMajor: boolean }[]> = {
  mamba: [{ name: 'delta', timeMajor: true }],
  mamba2: [{ name: 'delta', timeMajor: false }],
  rglru: ['a', 'r', 'i'].map((name) => ({ name, timeMajor: true })),
};

function gatesOf(trace: MixerTrace, layer: number, T: number): GateView[] {
  return (GATES[trace.kind] ?? []).flatMap(({ name, timeMajor }) => {
    const data = trace[name];
    if (!isF32(data) || data.length % T !== 0 || data.length === 0) return [];
    const D = data.length / T;
    let values = data;
    if (!timeMajor) {
      // [D, T] → [T, D]
      values = new Float32Array(T * D);
      for (let c = 0; c < D; c++) for (let t = 0; t < T; t++) values[t * D + c] = data[c * T + t];
    }
    return [{ layer, mixer: trace.kind, name, values, channels: D }];
  });
}

/** States larger than this (values over all steps, per view) are left out, to keep each run's message small. */
export const MAX_STATE_VALUES = 1 << 18;

const isShape = (x: unknown): x is number[] =>
  Array.isArray(x) && x.every((n) => Number.isInteger(n) && n > 0);

/** The per-step states a layer's trace records, as [T, rows, cols] views (per head where it has heads). */
export function statesOf(trace: MixerTrace, layer: number, T: number): StateView[] {
  const view = (
    values: unknown,
    rows: number,
    cols: number,
    what: string,
    rowLabel: string,
    colLabel: string,
    head = 0,
    heads = 1,
  ): StateView[] =>
    isF32(values) && values.length === T * rows * cols && values.length <= MAX_STATE_VALUES
      ? [
          {
            layer,
            mixer: trace.kind,
            head,
            heads,
            what,
            rowLabel,
            colLabel,
            shape: [T, rows, cols],
            values,
          },
        ]
      : [];
  switch (trace.kind) {
    case 'mamba':
      return view(
        trace.states,
        trace.channels as number,
        trace.stateSize as number,
        'selective SSM state h_t (channel × state dimension)',
        'channel',
        'state dim n',
      );
    case 'rglru': {
      const h = trace.h;
      return isF32(h)
        ? view(h, 1, h.length / T, 'RG-LRU state h_t (one value per channel)', 'h', 'channel')
        : [];
    }
    case 's4d': {
      const shape = trace.stateShape;
      if (!isShape(shape) || shape.length !== 4) return [];
      return view(
        trace.stateMagnitudes,
        shape[2],
        shape[3],
        'S4D state magnitude |h_t| (channel × complex mode)',
        'channel',
        'mode n',
      );
    }
    case 'linearAttention':
    case 'retnet':
    case 'gla': {
      const shape = trace.stateShape;
      const values = trace.states;
      if (!isShape(shape) || shape.length !== 4 || !isF32(values)) return [];
      const [H, , D, dv] = shape;
      const what =
        trace.kind === 'linearAttention'
          ? 'associative memory S_t = Σ φ(k_s) v_sᵀ'
          : `decayed memory S_t = Diag(${trace.kind === 'gla' ? 'α_t' : 'γ'}) S_{t−1} + k_t v_tᵀ`;
      return Array.from({ length: H }, (_, h) =>
        view(
          values.subarray(h * T * D * dv, (h + 1) * T * D * dv),
          D,
          dv,
          what,
          trace.kind === 'linearAttention' ? 'key feature φ(k)' : 'key dim',
          'value dim',
          h,
          H,
        ),
      ).flat();
    }
    default:
      return [];
  }
}
