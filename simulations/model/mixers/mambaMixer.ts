/**
 * The Mamba block's mixer (mamba_simple.py; architectures.md §3.6), expansion E = 2, d_inner = 2d,
 * dt_rank R = ⌈d/16⌉, conv width 4:
 *   [x, z] = u·W_in                       (no bias)
 *   x      = SiLU(conv₄(x) + b_conv)      (depthwise, causal)
 *   [δ, B, C] = x·W_x                     (R, N, N)
 *   Δ      = softplus(δ·W_dt + b_dt),  A = −exp(A_log)
 *   y      = selective_scan(x, Δ, A, B, C, D) ⊙ SiLU(z),  out = y·W_out
 * Init: A_log = log(1 … N) (S4D-Real), D = 1, b_dt = softplus⁻¹(Δ₀) with Δ₀ ~ logU[1e-3, 1e-1] floored at
 * 1e-4, W_dt ~ U(±R^−½); A_log, D, b_dt excluded from weight decay. Option: dState N (default 16).
 * Its card: the shapes (`mambaShape`, shared by the training and GPU mixers and the cost), state 2·d·N,
 * the Mamba and Jamba presets, Δ as a gate and h_t as states in the inspector.
 */
import { BYTES, matmul } from '../../cost/flops';
import { silu, softplus } from '../../ops/activations';
import { positiveInteger, readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { jambaPattern } from '../layerPatterns';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { gateView, stateView, traceViews } from '../traceViews';
import { dtBiasSpec } from './dtBias';

export interface MambaOptions {
  /** SSM state size N per channel. */
  dState: number;
}

export interface MambaTrace extends MixerTrace {
  kind: 'mamba';
  /** Δ [T, d_inner]. */
  delta: Float32Array;
  /** A [d_inner, N]. */
  A: Float32Array;
  /** B, C [T, N]. */
  B: Float32Array;
  C: Float32Array;
  /** SiLU(z) [T, d_inner]. */
  gate: Float32Array;
  /** h_t [T, d_inner, N] (with a trace). */
  states?: Float32Array;
  channels: number;
  stateSize: number;
}

/** Mamba's shapes at width d: d_inner = 2d, N, dt_rank ⌈d/16⌉, conv width 4. */
export function mambaShape({ dState }: MambaOptions, d: number) {
  return { dInner: 2 * d, dState, dtRank: Math.ceil(d / 16), conv: 4 };
}

export const mambaCard = registerArchitecture<MambaOptions, MambaTrace>({
  id: 'mamba',
  name: 'Mamba (S6)',
  description: 'Mamba (S6): selective state-space model with input-dependent Δ, B, C and a SiLU gate',
  options: (spec) => readOptions(spec, { dState: 16 }),
  problems: ({ dState }) => positiveInteger('dState', dState),
  params(o, { dModel: d }) {
    const { dInner: di, dState: N, dtRank: R, conv } = mambaShape(o, d);
    return {
      W_in: { shape: [d, 2 * di], init: 'normal' },
      conv_weight: { shape: [di, conv], init: { uniform: [-0.5, 0.5] } },
      conv_bias: { shape: [di], init: 'zeros', noWeightDecay: true },
      W_x: { shape: [di, R + 2 * N], init: 'normal' },
      W_dt: { shape: [R, di], init: { uniform: [-(R ** -0.5), R ** -0.5] } },
      b_dt: dtBiasSpec(di),
      A_log: { shape: [di, N], init: { generate: (i) => Math.log(1 + (i % N)) }, noWeightDecay: true },
      D: { shape: [di], init: 'ones', noWeightDecay: true },
      W_out: { shape: [di, d], init: 'outProjection' },
    };
  },
  forward(params, u, T, o, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const { dInner: di, dState: N, dtRank: R, conv } = mambaShape(o, d);
    const xz = cpu.linear(u, T, d, params.W_in, 2 * di);
    const xIn = new Float32Array(T * di);
    const z = new Float32Array(T * di);
    for (let t = 0; t < T; t++) {
      xIn.set(xz.subarray(t * 2 * di, t * 2 * di + di), t * di);
      z.set(xz.subarray(t * 2 * di + di, (t + 1) * 2 * di), t * di);
    }
    const x = cpu.causalConv(xIn, T, di, params.conv_weight, conv, params.conv_bias).map(silu);
    const dbc = cpu.linear(x, T, di, params.W_x, R + 2 * N);
    const deltaLow = new Float32Array(T * R);
    const B = new Float32Array(T * N);
    const C = new Float32Array(T * N);
    for (let t = 0; t < T; t++) {
      const row = t * (R + 2 * N);
      deltaLow.set(dbc.subarray(row, row + R), t * R);
      B.set(dbc.subarray(row + R, row + R + N), t * N);
      C.set(dbc.subarray(row + R + N, row + R + 2 * N), t * N);
    }
    const delta = cpu.linear(deltaLow, T, R, params.W_dt, di, params.b_dt).map(softplus);
    const A = params.A_log.map((v) => -Math.exp(v));
    const { y, states } = cpu.selectiveScan(
      { x, delta, A, B, C, Dskip: params.D, seqLen: T, channels: di, stateSize: N },
      { trace: Boolean(run?.trace) },
    );
    const gate = z.map(silu);
    for (let i = 0; i < y.length; i++) y[i] *= gate[i];
    const out = cpu.linear(y, T, di, params.W_out, d);
    // Retention curves come from `selectiveRetention(delta, A, …, token)` on demand (O(T·d·N) per token).
    return { y: out, trace: { kind: 'mamba', delta, A, B, C, gate, states, channels: di, stateSize: N } };
  },
  // SSM state d_inner·N = 2·d·N (Based's count); the conv buffer (3·d_inner) is not counted, as there.
  stateBytes: (o, d) => {
    const { dInner, dState } = mambaShape(o, d);
    return BYTES * dInner * dState;
  },
  flops(o, d, N) {
    const { dInner: di, dState: n, dtRank: r } = mambaShape(o, d);
    const proj = matmul(N, d, 2 * di) + matmul(N, di, r + 2 * n) + matmul(N, r, di) + matmul(N, di, d);
    // conv width 4, then per channel and state: exp(Δa), Δ·B·x, h update, C·h (≈ 7 FLOPs)
    return proj + N * di * 2 * 4 + N * di * n * 7;
  },
  variants: [
    {
      id: 'mamba',
      name: 'Mamba (S6)',
      label: 'Mamba',
      source: 'Gu & Dao 2023; d_inner = 2d, state d_inner·d_state = 2·d·d_state (Based §3.1)',
      stateGrowsWithN: false,
      spec: () => ({ dState: 16 }),
      atCost: ({ dState }) => ({ dState }),
    },
  ],
  presets: [{ id: 'mamba' }, { id: 'jamba', layers: () => jambaPattern(4, 4), after: 'griffin' }],
  views: (trace, T) =>
    traceViews({
      gates: gateView('delta', trace.delta, T),
      states: stateView(trace.states, T, trace.channels, trace.stateSize, {
        what: 'selective SSM state h_t (channel × state dimension)',
        rowLabel: 'channel',
        colLabel: 'state dim n',
      }),
    }),
  stateSizeOption: 'dState',
});
