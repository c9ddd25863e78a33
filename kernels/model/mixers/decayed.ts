/**
 * RetNet, GLA and Mamba-2 on the GPU (simulations/model/mixers/decayedLinearAttentionMixers.ts, mamba2Mixer.ts),
 * all three over one decayed-linear-attention kernel (kernels/decayedLinearAttention): the recurrent form, or
 * the chunked form when `ops.chunked` (long T, ./chunking.ts) — equal to the CPU's chunked forms up to float
 * rounding (tested).
 */
import { retnetGamma } from '../../../simulations/linearAttention/gatedLinearAttention';
import type { MixerSpec } from '../../../simulations/model/config';
import {
  recordChunkedDecayed,
  recordDecayedStates,
} from '../../decayedLinearAttention/chunkedDecayedLinearAttention';
import { recordDecayedImplicitAttention } from '../../decayedLinearAttention/decayedImplicitAttention';
import { assertDecayedKeyDim, decayedParams } from '../../decayedLinearAttention/decayedLinearAttention';
import { decayedLinearAttentionWgsl } from '../../decayedLinearAttention/decayedLinearAttention.wgsl';
import { ssdInputsWgsl } from '../../decayedLinearAttention/ssdInputs.wgsl';
import { type GpuOps, words } from '../gpuOps';
import { GPU_CHUNK } from './chunking';

/** o [H, T, dv] = decayed linear attention of head-major q, k, g [H, T, dk] and v [H, T, dv]. */
function decayed(
  ops: GpuOps,
  heads: number,
  dk: number,
  dv: number,
  scale: number,
  [q, k, v, g]: GPUBuffer[],
  skip: GPUBuffer,
  traceStates = true,
): GPUBuffer {
  if (ops.tracing) {
    // The implicit attention matrix [H, T, T] (glaParallel's weights; SSD's M).
    const W = recordDecayedImplicitAttention(ops.p, { heads, seqLen: ops.T, keyDim: dk, scale }, { q, k, g });
    ops.trace('implicitAttention', W, heads * ops.T * ops.T);
  }
  if (ops.tracing && traceStates) {
    // The state after every step, [H, T, dk, dv] (the CPU's `glaStates`).
    ops.trace(
      'states',
      recordDecayedStates(ops.p, { heads, seqLen: ops.T, keyDim: dk, valueDim: dv }, { k, v, g }),
      heads * ops.T * dk * dv,
    );
    ops.traceInfo({ heads, stateShape: [heads, ops.T, dk, dv] });
  }
  if (ops.chunked)
    return recordChunkedDecayed(
      ops.p,
      { heads, seqLen: ops.T, keyDim: dk, valueDim: dv, chunk: GPU_CHUNK, scale },
      { q, k, v, g, skip },
    );
  assertDecayedKeyDim(dk);
  const o = ops.out(heads * ops.T * dv, 'decayed linear attention');
  ops.run(
    'decayedLinearAttention',
    decayedLinearAttentionWgsl,
    [ops.uniform(decayedParams(ops.T, dk, dv, scale), 'decayed dims'), q, k, v, g, skip, o],
    heads * 64,
  );
  return o;
}

/** (headNorm(o) ⊙ swish(x·W_g))·W_o, the output stage RetNet and GLA share. */
function gatedOutput(ops: GpuOps, x: GPUBuffer, o: GPUBuffer, heads: number, pre: string): GPUBuffer {
  const { T, d } = ops;
  const normed = ops.rmsNorm(ops.mergeHeads(o, heads), T * heads, d / heads, null, 1e-5);
  const gate = ops.unary(ops.linear(x, d, d, `${pre}.mixer.W_g`, null, 'gate'), T * d, 'silu');
  return ops.linear(ops.mul(normed, gate, T * d), d, d, `${pre}.mixer.W_o`, null, `${pre} mixer out`);
}

export function retnetMixer(ops: GpuOps, x: GPUBuffer, pre: string, spec: MixerSpec): GPUBuffer {
  const { T, d } = ops;
  const H = (spec.heads as number | undefined) ?? 2;
  const w = d / H;
  const [q, k, v] = ['W_q', 'W_k', 'W_v'].map((W) =>
    ops.splitHeads(ops.linear(x, d, d, `${pre}.mixer.${W}`, null, W), d, 0, H, w),
  );
  // log γ_h per head, a constant of the architecture (γ_h = 1 − 2^{−5−h}).
  const logDecay = new Float32Array(H * T * w);
  for (let h = 0; h < H; h++) logDecay.fill(Math.log(retnetGamma(h)), h * T * w, (h + 1) * T * w);
  ops.traceInfo({ gammas: Array.from({ length: H }, (_, h) => retnetGamma(h)) });
  const o = decayed(
    ops,
    H,
    w,
    w,
    1 / Math.sqrt(w),
    [q, k, v, ops.constant(logDecay, 'log γ')],
    ops.constant(new Float32Array(H), 'no skip'),
  );
  return gatedOutput(ops, x, o, H, pre);
}

export function glaMixer(ops: GpuOps, x: GPUBuffer, pre: string, spec: MixerSpec): GPUBuffer {
  const { T, d } = ops;
  const H = (spec.heads as number | undefined) ?? 2;
  const dk = d / 2 / H;
  const dv = d / H;
  const q = ops.splitHeads(ops.linear(x, d, d / 2, `${pre}.mixer.W_q`, null, 'q'), d / 2, 0, H, dk);
  const k = ops.splitHeads(ops.linear(x, d, d / 2, `${pre}.mixer.W_k`, null, 'k'), d / 2, 0, H, dk);
  const v = ops.splitHeads(ops.linear(x, d, d, `${pre}.mixer.W_v`, null, 'v'), d, 0, H, dv);
  const low = ops.linear(x, d, 16, `${pre}.mixer.W_alpha1`, null, 'gate low rank');
  const gateLogits = ops.linear(
    low,
    16,
    d / 2,
    `${pre}.mixer.W_alpha2`,
    `${pre}.mixer.b_alpha`,
    'gate logits',
  );
  // log α_t = logsigmoid(z)/16.
  const g = ops.splitHeads(ops.unary(gateLogits, (T * d) / 2, 'scaledLogSigmoid', 1 / 16), d / 2, 0, H, dk);
  // α_t = e^{g_t}, [H, T, dk] as in the CPU trace (exponentiated on readback).
  ops.trace('alpha', g, (T * d) / 2, (x) => x.map(Math.exp));
  const o = decayed(
    ops,
    H,
    dk,
    dv,
    1 / Math.sqrt(dk),
    [q, k, v, g],
    ops.constant(new Float32Array(H), 'no skip'),
  );
  return gatedOutput(ops, x, o, H, pre);
}

/** Mamba-2: in-projection, conv₄ + SiLU over x‖B‖C, Δ = softplus(δ + dt_bias), SSD, SiLU(z) gate, RMSNorm, W_out. */
export function mamba2Mixer(ops: GpuOps, u: GPUBuffer, pre: string, spec: MixerSpec): GPUBuffer {
  const { T, d } = ops;
  const di = 2 * d;
  const N = (spec.dState as number | undefined) ?? 16;
  const P = (spec.headDim as number | undefined) ?? Math.min(64, di);
  const H = di / P;
  const convDim = di + 2 * N;
  const width = 2 * di + 2 * N + H;
  const zxbcdt = ops.linear(u, d, width, `${pre}.mixer.W_in`, null, 'zxbcdt');
  const xbc = ops.unary(
    ops.shortConv(
      ops.columns(zxbcdt, width, di, convDim),
      convDim,
      4,
      `${pre}.mixer.conv_weight`,
      `${pre}.mixer.conv_bias`,
    ),
    T * convDim,
    'silu',
  );
  const delta = ops.unary(
    ops.add(
      ops.columns(zxbcdt, width, 2 * di + 2 * N, H),
      ops.weight(`${pre}.mixer.dt_bias`),
      T * H,
      'δ + dt_bias',
      H,
    ),
    T * H,
    'softplus',
  );
  const A = ops.unary(ops.weight(`${pre}.mixer.A_log`), H, 'negExp');
  const [q, k, g, v] = ['C', 'ΔB', 'ΔA', 'x'].map((name, i) =>
    ops.out(H * T * (i === 3 ? P : N), `ssd ${name}`),
  );
  ops.run(
    'ssdInputs',
    ssdInputsWgsl,
    [ops.uniform(words(T, H, N, P), 'ssd dims'), xbc, delta, A, q, k, g, v],
    H * T,
  );
  // Trace: Δ per head, [H, T] as on the CPU (transposed from [T, H] on readback).
  ops.trace('delta', delta, T * H, (x) =>
    Float32Array.from({ length: H * T }, (_, j) => x[(j % T) * H + Math.floor(j / T)]),
  );
  ops.traceInfo({ heads: H });
  const y = ops.mergeHeads(
    decayed(ops, H, N, P, 1, [q, k, v, g], ops.weight(`${pre}.mixer.D`), false),
    H,
    di,
  );
  const gated = ops.mul(y, ops.unary(ops.columns(zxbcdt, width, 0, di), T * di, 'silu'), T * di);
  const normed = ops.rmsNorm(gated, T, di, `${pre}.mixer.norm_weight`, 1e-5);
  return ops.linear(normed, di, d, `${pre}.mixer.W_out`, null, `${pre} mixer out`);
}
