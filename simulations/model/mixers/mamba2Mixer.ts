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
import { silu, softplus } from '../../ops/activations';
import { rmsNorm } from '../../ops/norms';
import { ssdChunked, ssdImplicitAttention } from '../../ssm/ssd';
import type { MixerSpec, ModelConfig } from '../config';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerDefinition, registerMixer } from '../mixerRegistry';
import { dtBiasSpec } from './dtBias';

const CONV = 4;
const CHUNK = 16;

function shape(spec: MixerSpec, { dModel: d }: ModelConfig) {
  const di = 2 * d;
  const N = (spec.dState as number | undefined) ?? 16;
  const P = (spec.headDim as number | undefined) ?? Math.min(64, di);
  return { di, N, P, heads: di / P, convDim: di + 2 * N };
}

export const mamba2Mixer: MixerDefinition = {
  kind: 'mamba2',
  description: 'Mamba-2 (SSD): scalar-decay selective SSM per head, computed in chunks',
  problems(spec, config) {
    const { di, N, P } = shape(spec, config);
    const p: string[] = [];
    if (!Number.isInteger(N) || N < 1) p.push(`dState must be a positive integer (got ${N})`);
    if (!Number.isInteger(P) || P < 1 || di % P !== 0) p.push(`headDim must divide d_inner ${di} (got ${P})`);
    return p;
  },
  params(spec, config) {
    const d = config.dModel;
    const { di, N, heads, convDim } = shape(spec, config);
    return {
      W_in: { shape: [d, 2 * di + 2 * N + heads], init: 'normal' },
      conv_weight: { shape: [convDim, CONV], init: { uniform: [-0.5, 0.5] } },
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
  forward(params, u, T, spec, config, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const d = config.dModel;
    const { di, N, P, heads, convDim } = shape(spec, config);
    const width = 2 * di + 2 * N + heads;
    const zxbcdt = cpu.linear(u, T, d, params.W_in, width);
    const xbcRaw = new Float32Array(T * convDim);
    for (let t = 0; t < T; t++)
      xbcRaw.set(zxbcdt.subarray(t * width + di, t * width + di + convDim), t * convDim);
    const xbc = cpu.causalConv(xbcRaw, T, convDim, params.conv_weight, CONV, params.conv_bias).map(silu);
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
  stateSizeBytes: (spec, config) => 4 * shape(spec, config).di * shape(spec, config).N,
};

registerMixer(mamba2Mixer);
