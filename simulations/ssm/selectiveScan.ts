/**
 * Mamba's selective scan (S6; `selective_scan_ref` in mamba_ssm; architectures.md §3.6). Per channel c and
 * state n, with input-dependent Δ_t, B_t, C_t:
 *   h_t[c, n] = exp(Δ_t[c]·A[c, n])·h_{t−1}[c, n] + Δ_t[c]·B_t[n]·x_t[c]
 *   y_t[c]    = Σ_n C_t[n]·h_t[c, n] + D[c]·x_t[c]
 * Discretisation: B̄ = Δ·B (Euler), as the reference code and mamba-minimal do; the paper's Eq. 4 writes ZOH
 * for B̄ ((ΔA)⁻¹(exp(ΔA) − I)·ΔB). We follow the code. A is diagonal and negative (A = −exp(A_log)).
 * The recurrence is a first-order linear scan per (c, n), so any prefix-scan network computes it:
 * `selectiveScanWithNetwork` runs it through the engine's scan networks and equals the sequential form.
 */
import { type AffineElement, sequentialRecurrence } from '../scans/affineMonoid';
import { executeScanNetwork } from '../scans/executeScan';
import { buildScanNetwork, type ScanKind } from '../scans/scanNetworks';

export interface SelectiveScanInputs {
  /** x [T, D] */
  x: Float32Array;
  /** Δ [T, D] (already softplus'ed, positive) */
  delta: Float32Array;
  /** A [D, N] (negative) */
  A: Float32Array;
  /** B [T, N] */
  B: Float32Array;
  /** C [T, N] */
  C: Float32Array;
  /** D [D] (skip connection) */
  Dskip: Float32Array;
  seqLen: number;
  channels: number;
  stateSize: number;
}

/** The scan elements (a_t, b_t) of one channel: a = exp(Δ_t A[c, :]), b = Δ_t B_t x_t[c]. */
function channelElements(inputs: SelectiveScanInputs, c: number): AffineElement[] {
  const { x, delta, A, B, seqLen: T, channels: D, stateSize: N } = inputs;
  return Array.from({ length: T }, (_, t) => {
    const dt = delta[t * D + c];
    const a = new Float64Array(N);
    const b = new Float64Array(N);
    for (let n = 0; n < N; n++) {
      a[n] = Math.exp(dt * A[c * N + n]);
      b[n] = dt * B[t * N + n] * x[t * D + c];
    }
    return { a, b };
  });
}

function readOut(inputs: SelectiveScanInputs, c: number, states: Float64Array[], y: Float32Array): void {
  const { x, C, Dskip, seqLen: T, channels: D, stateSize: N } = inputs;
  for (let t = 0; t < T; t++) {
    let s = Dskip[c] * x[t * D + c];
    for (let n = 0; n < N; n++) s += C[t * N + n] * states[t][n];
    y[t * D + c] = s;
  }
}

/** The sequential reference; with `trace`, every state h_t [T, D, N]. */
export function selectiveScan(
  inputs: SelectiveScanInputs,
  { trace = false } = {},
): { y: Float32Array; states?: Float32Array } {
  const { seqLen: T, channels: D, stateSize: N } = inputs;
  const y = new Float32Array(T * D);
  const states = trace ? new Float32Array(T * D * N) : undefined;
  for (let c = 0; c < D; c++) {
    const h = sequentialRecurrence(channelElements(inputs, c));
    readOut(inputs, c, h, y);
    if (states) for (let t = 0; t < T; t++) states.set(h[t], (t * D + c) * N);
  }
  return { y, states };
}

/** The same scan computed by a parallel-scan network (Hillis–Steele, Blelloch, …). */
export function selectiveScanWithNetwork(inputs: SelectiveScanInputs, kind: ScanKind): Float32Array {
  const { seqLen: T, channels: D } = inputs;
  const network = buildScanNetwork(kind, T);
  const y = new Float32Array(T * D);
  for (let c = 0; c < D; c++)
    readOut(inputs, c, executeScanNetwork(network, channelElements(inputs, c)).states, y);
  return y;
}

/**
 * How much of token j's write survives at each later step t: the mean over channels and states of
 * ∏_{s=j+1}^{t} exp(Δ_s A) = exp(A·Σ_{s=j+1}^{t} Δ_s). 1 at t = j, 0 before j.
 */
export function selectiveRetention(
  delta: Float32Array,
  A: Float32Array,
  T: number,
  D: number,
  N: number,
  j: number,
): Float32Array {
  const out = new Float32Array(T);
  const cumulative = new Float64Array(D);
  for (let t = j; t < T; t++) {
    if (t > j) for (let c = 0; c < D; c++) cumulative[c] += delta[t * D + c];
    let s = 0;
    for (let c = 0; c < D; c++) for (let n = 0; n < N; n++) s += Math.exp(A[c * N + n] * cumulative[c]);
    out[t] = s / (D * N);
  }
  return out;
}
