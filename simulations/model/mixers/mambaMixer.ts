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
 */
import { silu, softplus } from '../../ops/activations';
import type { MixerSpec } from '../config';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerDefinition, registerMixer } from '../mixerRegistry';
import { dtBiasSpec } from './dtBias';

const dStateOf = (spec: MixerSpec) => (spec.dState as number | undefined) ?? 16;
const dtRank = (d: number) => Math.ceil(d / 16);
const CONV = 4;

export const mambaMixer: MixerDefinition = {
  kind: 'mamba',
  description: 'Mamba (S6): selective state-space model with input-dependent Δ, B, C and a SiLU gate',
  problems(spec) {
    const N = dStateOf(spec);
    return Number.isInteger(N) && N >= 1 ? [] : [`dState must be a positive integer (got ${N})`];
  },
  params(spec, { dModel: d }) {
    const N = dStateOf(spec);
    const di = 2 * d;
    const R = dtRank(d);
    return {
      W_in: { shape: [d, 2 * di], init: 'normal' },
      conv_weight: { shape: [di, CONV], init: { uniform: [-0.5, 0.5] } },
      conv_bias: { shape: [di], init: 'zeros', noWeightDecay: true },
      W_x: { shape: [di, R + 2 * N], init: 'normal' },
      W_dt: { shape: [R, di], init: { uniform: [-(R ** -0.5), R ** -0.5] } },
      b_dt: dtBiasSpec(di),
      A_log: { shape: [di, N], init: { generate: (i) => Math.log(1 + (i % N)) }, noWeightDecay: true },
      D: { shape: [di], init: 'ones', noWeightDecay: true },
      W_out: { shape: [di, d], init: 'outProjection' },
    };
  },
  forward(params, u, T, spec, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const N = dStateOf(spec);
    const di = 2 * d;
    const R = dtRank(d);
    const xz = cpu.linear(u, T, d, params.W_in, 2 * di);
    const xIn = new Float32Array(T * di);
    const z = new Float32Array(T * di);
    for (let t = 0; t < T; t++) {
      xIn.set(xz.subarray(t * 2 * di, t * 2 * di + di), t * di);
      z.set(xz.subarray(t * 2 * di + di, (t + 1) * 2 * di), t * di);
    }
    const x = cpu.causalConv(xIn, T, di, params.conv_weight, CONV, params.conv_bias).map(silu);
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
  stateSizeBytes: (spec, { dModel: d }) => 4 * 2 * d * dStateOf(spec),
};

registerMixer(mambaMixer);
