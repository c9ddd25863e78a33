/**
 * The Mamba-2 mixer (mamba2_simple.py; architectures.md §3.7), expansion 2 (d_inner = 2d), one group:
 *   [z, x, B, C, δ] = u·W_in                       (order as in the reference: d_inner, d_inner, N, N, heads)
 *   [x, B, C] = SiLU(conv₄([x ‖ B ‖ C]) + b)       (depthwise, causal, over the concatenation)
 *   Δ = softplus(δ + dt_bias),  A_h = −exp(A_log_h) (one scalar per head, init A ~ U[1, 16])
 *   y = SSD(x, Δ, A, B, C) + D·x  per head of headDim P
 *   out = RMSNorm(y ⊙ SiLU(z))·W_out                (norm_before_gate = False)
 * Options: dState N (default 16), headDim P (default min(64, d_inner)). Mixer runs the chunked SSD (chunk 16)
 * and returns each head's implicit attention matrix in the trace.
 */
import { BYTES, matmul } from '../../cost/flops';
import { silu, softplus } from '../../ops/activations';
import { rmsNorm } from '../../ops/norms';
import { ssdChunked, ssdImplicitAttention } from '../../ssm/ssd';
import { positiveInteger, readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { gateView, matrixView, traceViews } from '../traceViews';
import { dtBiasSpec } from './dtBias';

const CHUNK = 16;

export interface Mamba2Options {
  /** SSM state size N. */
  dState: number;
  /** Head dimension P (default min(64, d_inner)). */
  headDim?: number;
}

export interface Mamba2Trace extends MixerTrace {
  kind: 'mamba2';
  heads: number;
  /** Each head's implicit attention (SSD's M) [heads, T, T] (with a trace). */
  implicitAttention: Float32Array;
  /** Δ per head [heads, T]. */
  delta: Float32Array;
}

/** Mamba-2's shapes at width d: d_inner = 2d, N, head dim P, heads = d_inner / P, conv over x‖B‖C (width 4). */
export function mamba2Shape({ dState, headDim }: Mamba2Options, d: number) {
  const dInner = 2 * d;
  const P = headDim ?? Math.min(64, dInner);
  return { dInner, dState, headDim: P, heads: dInner / P, convDim: dInner + 2 * dState, conv: 4 };
}

export const mamba2Card = registerArchitecture<Mamba2Options, Mamba2Trace>({
  id: 'mamba2',
  name: 'Mamba-2 (SSD)',
  description: 'Mamba-2 (SSD): scalar-decay selective SSM per head, computed in chunks',
  options: (spec) => readOptions<Mamba2Options>(spec, { dState: 16, headDim: undefined }),
  problems(o, config) {
    const { dInner: di, dState: N, headDim: P } = mamba2Shape(o, config.dModel);
    const p: string[] = [...positiveInteger('dState', N)];
    if (!Number.isInteger(P) || P < 1 || di % P !== 0) p.push(`headDim must divide d_inner ${di} (got ${P})`);
    return p;
  },
  params(o, config) {
    const d = config.dModel;
    const { dInner: di, dState: N, heads, convDim, conv } = mamba2Shape(o, d);
    return {
      W_in: { shape: [d, 2 * di + 2 * N + heads], init: 'normal' },
      conv_weight: { shape: [convDim, conv], init: { uniform: [-0.5, 0.5] } },
      conv_bias: { shape: [convDim], init: 'zeros', noWeightDecay: true },
      dt_bias: dtBiasSpec(heads),
      A_log: {
        shape: [heads],
        init: { generate: (_, rng) => Math.log(1 + 15 * rng.nextFloat()) },
        noWeightDecay: true,
      },
      D: { shape: [heads], init: 'ones', noWeightDecay: true },
      norm_weight: { shape: [di], init: 'ones', noWeightDecay: true },
      W_out: { shape: [di, d], init: 'outProjection' },
    };
  },
  forward(params, u, T, o, config, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const d = config.dModel;
    const { dInner: di, dState: N, headDim: P, heads, convDim, conv } = mamba2Shape(o, d);
    const width = 2 * di + 2 * N + heads;
    const zxbcdt = cpu.linear(u, T, d, params.W_in, width);
    const xbcRaw = new Float32Array(T * convDim);
    for (let t = 0; t < T; t++)
      xbcRaw.set(zxbcdt.subarray(t * width + di, t * width + di + convDim), t * convDim);
    const xbc = cpu.causalConv(xbcRaw, T, convDim, params.conv_weight, conv, params.conv_bias).map(silu);
    const B = new Float32Array(T * N);
    const C = new Float32Array(T * N);
    for (let t = 0; t < T; t++) {
      B.set(xbc.subarray(t * convDim + di, t * convDim + di + N), t * N);
      C.set(xbc.subarray(t * convDim + di + N, t * convDim + convDim), t * N);
    }
    const y = new Float32Array(T * di);
    const implicitAttention = new Float32Array(run?.trace ? heads * T * T : 0);
    const deltas = new Float32Array(heads * T);
    for (let h = 0; h < heads; h++) {
      const x = new Float32Array(T * P);
      const delta = new Float32Array(T);
      for (let t = 0; t < T; t++) {
        x.set(xbc.subarray(t * convDim + h * P, t * convDim + (h + 1) * P), t * P);
        delta[t] = softplus(zxbcdt[t * width + 2 * di + 2 * N + h] + params.dt_bias[h]);
      }
      const head = {
        x,
        delta,
        A: -Math.exp(params.A_log[h]),
        B,
        C,
        D: params.D[h],
        seqLen: T,
        headDim: P,
        stateSize: N,
      };
      const yh = ssdChunked(head, CHUNK);
      for (let t = 0; t < T; t++) y.set(yh.subarray(t * P, (t + 1) * P), t * di + h * P);
      if (run?.trace) implicitAttention.set(ssdImplicitAttention(head), h * T * T);
      deltas.set(delta, h * T);
    }
    for (let t = 0; t < T; t++) for (let c = 0; c < di; c++) y[t * di + c] *= silu(zxbcdt[t * width + c]);
    const out = cpu.linear(rmsNorm(y, T, di, params.norm_weight, 1e-5), T, di, params.W_out, d);
    return { y: out, trace: { kind: 'mamba2', heads, implicitAttention, delta: deltas } };
  },
  // State per head P × N, heads·P = d_inner: d_inner·N = 2·d·N, as for Mamba.
  stateBytes(o, d) {
    const { dInner, dState } = mamba2Shape(o, d);
    return BYTES * dInner * dState;
  },
  // The in-projection counts d_inner/64 heads (P = 64), as the cost model always has.
  flops(o, d, N) {
    const { dInner: di, dState: n } = mamba2Shape(o, d);
    return matmul(N, d, 2 * di + 2 * n + di / 64) + matmul(N, di, d) + N * di * n * 6;
  },
  variants: [
    {
      id: 'mamba2',
      name: 'Mamba-2 (SSD)',
      label: 'Mamba-2',
      source: 'Dao & Gu 2024; scalar decay per head, state d_inner·d_state',
      stateGrowsWithN: false,
      spec: () => ({ dState: 16 }),
      atCost: ({ dState }) => ({ dState }),
    },
  ],
  presets: [{ id: 'mamba2' }],
  views: (trace, T) =>
    traceViews({
      matrices: matrixView('implicit attention', trace.implicitAttention, T),
      gates: gateView('delta', trace.delta, T, 'channel-major'),
    }),
  stateSizeOption: 'dState',
});
