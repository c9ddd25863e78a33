/**
 * What the app's inspector shows of a layer's trace, in three kinds of view: T × T matrices (softmax attention,
 * a linear model's implicit attention, retention), gate signals per token and channel, and states at every step.
 * Each architecture card turns its own typed trace into these (`ArchitectureCard.views`); the helpers below
 * hold the layout checks every card needs, so a trace of the wrong size shows nothing rather than garbage.
 */

/** One T×T (per head) matrix of a layer's trace. */
export interface TraceMatrix {
  /** What the matrix is: softmax attention, the implicit attention of a linear model, or retention. */
  what: 'attention' | 'implicit attention' | 'retention';
  heads: number;
  /** [heads, T, T] row-major. */
  weights: Float32Array;
}

/** A gate or step-size signal per token and channel (Mamba Δ, RG-LRU r, i, a, Mamba-2 Δ per head). */
export interface TraceGate {
  name: string;
  /** [T, channels], token-major. */
  values: Float32Array;
  channels: number;
}

/** A recurrent layer's state at every step, [T, rows, cols] (one head of one layer). */
export interface TraceState {
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

export interface TraceViews {
  matrices: TraceMatrix[];
  gates: TraceGate[];
  states: TraceState[];
}

const isF32 = (x: unknown): x is Float32Array => x instanceof Float32Array;

/** `data` as a [heads, T, T] matrix view; none when it is absent, empty or not a whole number of T × T. */
export function matrixView(what: TraceMatrix['what'], data: unknown, T: number): TraceMatrix[] {
  if (!isF32(data) || data.length === 0 || data.length % (T * T) !== 0) return [];
  return [{ what, heads: data.length / (T * T), weights: data }];
}

/**
 * `data` as a gate view [T, channels]: token-major as it is, or channel-major [channels, T] (transposed here);
 * none when it is absent, empty or not a whole number of T.
 */
export function gateView(
  name: string,
  data: unknown,
  T: number,
  layout: 'token-major' | 'channel-major' = 'token-major',
): TraceGate[] {
  if (!isF32(data) || data.length % T !== 0 || data.length === 0) return [];
  const D = data.length / T;
  let values = data;
  if (layout === 'channel-major') {
    values = new Float32Array(T * D);
    for (let c = 0; c < D; c++) for (let t = 0; t < T; t++) values[t * D + c] = data[c * T + t];
  }
  return [{ name, values, channels: D }];
}

/** The labels of a state view. */
export interface StateLabels {
  what: string;
  rowLabel: string;
  colLabel: string;
}

/** `values` as the states [T, rows, cols] of one head; none unless it holds exactly that many values. */
export function stateView(
  values: unknown,
  T: number,
  rows: number,
  cols: number,
  labels: StateLabels,
  head = 0,
  heads = 1,
): TraceState[] {
  return isF32(values) && values.length === T * rows * cols
    ? [{ ...labels, head, heads, shape: [T, rows, cols], values }]
    : [];
}

const isShape = (x: unknown): x is number[] =>
  Array.isArray(x) && x.every((n) => Number.isInteger(n) && n > 0);

/** Per-head states `values` [H, T, D, dv] (their `shape`) as one view per head. */
export function headStateViews(
  values: unknown,
  shape: unknown,
  T: number,
  labels: StateLabels,
): TraceState[] {
  if (!isShape(shape) || shape.length !== 4 || !isF32(values)) return [];
  const [H, , D, dv] = shape;
  return Array.from({ length: H }, (_, h) =>
    stateView(values.subarray(h * T * D * dv, (h + 1) * T * D * dv), T, D, dv, labels, h, H),
  ).flat();
}

/** A [1, T, rows, cols] `shape`'s rows and cols, or null. */
export function singleStateShape(shape: unknown): [number, number] | null {
  return isShape(shape) && shape.length === 4 ? [shape[2], shape[3]] : null;
}

/** Fills in the kinds of view a card does not produce. */
export const traceViews = (views: Partial<TraceViews>): TraceViews => ({
  matrices: views.matrices ?? [],
  gates: views.gates ?? [],
  states: views.states ?? [],
});
