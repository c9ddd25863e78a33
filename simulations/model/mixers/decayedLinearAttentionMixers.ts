/**
 * RetNet (multi-scale retention; Sun et al. 2023) and GLA (gated linear attention; Yang et al. 2024) as
 * mixers, over `gatedLinearAttention.ts` (architectures.md §3.11):
 *   RetNet: q, k, v = x·W_{q,k,v}; per head fixed γ_h = 1 − 2^{−5−h}; o = retention(q, k, v);
 *           out = (swish(x·W_g) ⊙ GroupNorm(o))·W_o   (GroupNorm = per-head RMS normalisation, no affine here)
 *   GLA:    q, k = x·W_{q,k} (expand_k ½ → d/2), v = x·W_v; log α_t = logsigmoid(x·W₁·W₂)/16 (low rank 16);
 *           out = (RMSNorm(o) ⊙ swish(x·W_g))·W_o
 * Both run the chunked form (chunk 16); the trace holds each head's implicit attention matrix and the decays.
 */

import {
  type GatedLinearAttentionInputs,
  glaChunked,
  glaParallel,
  glaStates,
  retnetGamma,
} from '../../linearAttention/gatedLinearAttention';
import { silu } from '../../ops/activations';
import type { MixerSpec } from '../config';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerDefinition, registerMixer } from '../mixerRegistry';
import { fromHeads, toHeads } from './heads';

const CHUNK = 16;
const headsOf = (spec: MixerSpec) => (spec.heads as number | undefined) ?? 2;
const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

/** Per-head RMS normalisation of o [T, H·w] (RetNet's GroupNorm without affine; GLA's output norm). */
function headNorm(o: Float32Array, T: number, heads: number, w: number): Float32Array {
  const out = new Float32Array(o.length);
  for (let t = 0; t < T; t++) {
    for (let h = 0; h < heads; h++) {
      let ms = 0;
      for (let c = 0; c < w; c++) ms += o[t * heads * w + h * w + c] ** 2;
      const inv = 1 / Math.sqrt(ms / w + 1e-5);
      for (let c = 0; c < w; c++) out[t * heads * w + h * w + c] = o[t * heads * w + h * w + c] * inv;
    }
  }
  return out;
}

function runHeads(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  logDecay: Float32Array,
  T: number,
  heads: number,
  dk: number,
  dv: number,
  trace: boolean,
) {
  const out = new Float32Array(heads * T * dv);
  const implicitAttention = new Float32Array(trace ? heads * T * T : 0);
  // With a trace, also every head's state S_t at every step, [heads, T, dk, dv].
  const states = new Float32Array(trace ? heads * T * dk * dv : 0);
  for (let h = 0; h < heads; h++) {
    const head: GatedLinearAttentionInputs = {
      q: q.subarray(h * T * dk, (h + 1) * T * dk),
      k: k.subarray(h * T * dk, (h + 1) * T * dk),
      v: v.subarray(h * T * dv, (h + 1) * T * dv),
      logDecay: logDecay.subarray(h * T * dk, (h + 1) * T * dk),
      seqLen: T,
      keyDim: dk,
      valueDim: dv,
    };
    out.set(glaChunked(head, CHUNK), h * T * dv);
    if (trace) implicitAttention.set(glaParallel(head).weights, h * T * T);
    if (trace) states.set(glaStates(head), h * T * dk * dv);
  }
  return { out, implicitAttention, states, stateShape: [heads, T, dk, dv] };
}

const headProblems = (spec: MixerSpec, d: number, keyWidth: number) => {
  const h = headsOf(spec);
  return Number.isInteger(h) && h >= 1 && d % h === 0 && keyWidth % h === 0
    ? []
    : [`heads must divide the widths ${d} and ${keyWidth} (got ${h})`];
};

export const retnetMixer: MixerDefinition = {
  kind: 'retnet',
  description: 'RetNet retention: linear attention with a fixed decay per head',
  problems: (spec, { dModel: d }) => headProblems(spec, d, d),
  params: (_spec, { dModel: d }) => ({
    W_q: { shape: [d, d], init: 'normal' },
    W_k: { shape: [d, d], init: 'normal' },
    W_v: { shape: [d, d], init: 'normal' },
    W_g: { shape: [d, d], init: 'normal' },
    W_o: { shape: [d, d], init: 'outProjection' },
  }),
  forward(params, x, T, spec, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const H = headsOf(spec);
    const w = d / H;
    const [q, k, v] = [params.W_q, params.W_k, params.W_v].map((W) =>
      toHeads(cpu.linear(x, T, d, W, d), T, d, 0, H, w),
    );
    const logDecay = new Float32Array(H * T * w);
    for (let h = 0; h < H; h++) logDecay.fill(Math.log(retnetGamma(h)), h * T * w, (h + 1) * T * w);
    const { out, implicitAttention, states, stateShape } = runHeads(
      q,
      k,
      v,
      logDecay,
      T,
      H,
      w,
      w,
      Boolean(run?.trace),
    );
    const normed = headNorm(fromHeads(out, T, H, w), T, H, w);
    const gate = cpu.linear(x, T, d, params.W_g, d).map(silu);
    for (let i = 0; i < normed.length; i++) normed[i] *= gate[i];
    const gammas = Array.from({ length: H }, (_, h) => retnetGamma(h));
    return {
      y: cpu.linear(normed, T, d, params.W_o, d),
      trace: { kind: 'retnet', heads: H, gammas, implicitAttention, states, stateShape },
    };
  },
  // Per head a (d/H) × (d/H) state.
  stateSizeBytes: (spec, { dModel: d }) => 4 * headsOf(spec) * (d / headsOf(spec)) ** 2,
};

export const glaMixer: MixerDefinition = {
  kind: 'gla',
  description: 'Gated linear attention: data-dependent per-channel decays',
  problems: (spec, { dModel: d }) => headProblems(spec, d, d / 2),
  params: (_spec, { dModel: d }) => ({
    W_q: { shape: [d, d / 2], init: 'normal' },
    W_k: { shape: [d, d / 2], init: 'normal' },
    W_v: { shape: [d, d], init: 'normal' },
    W_alpha1: { shape: [d, 16], init: 'normal' },
    W_alpha2: { shape: [16, d / 2], init: 'normal' },
    b_alpha: { shape: [d / 2], init: 'zeros', noWeightDecay: true },
    W_g: { shape: [d, d], init: 'normal' },
    W_o: { shape: [d, d], init: 'outProjection' },
  }),
  forward(params, x, T, spec, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const H = headsOf(spec);
    const dk = d / 2 / H;
    const dv = d / H;
    const q = toHeads(cpu.linear(x, T, d, params.W_q, d / 2), T, d / 2, 0, H, dk);
    const k = toHeads(cpu.linear(x, T, d, params.W_k, d / 2), T, d / 2, 0, H, dk);
    const v = toHeads(cpu.linear(x, T, d, params.W_v, d), T, d, 0, H, dv);
    const gateLogits = cpu.linear(
      cpu.linear(x, T, d, params.W_alpha1, 16),
      T,
      16,
      params.W_alpha2,
      d / 2,
      params.b_alpha,
    );
    const logDecay = toHeads(
      gateLogits.map((z) => logSigmoid(z) / 16),
      T,
      d / 2,
      0,
      H,
      dk,
    );
    const { out, implicitAttention, states, stateShape } = runHeads(
      q,
      k,
      v,
      logDecay,
      T,
      H,
      dk,
      dv,
      Boolean(run?.trace),
    );
    const normed = headNorm(fromHeads(out, T, H, dv), T, H, dv);
    const gate = cpu.linear(x, T, d, params.W_g, d).map(silu);
    for (let i = 0; i < normed.length; i++) normed[i] *= gate[i];
    return {
      y: cpu.linear(normed, T, d, params.W_o, d),
      trace: { kind: 'gla', heads: H, alpha: logDecay.map(Math.exp), implicitAttention, states, stateShape },
    };
  },
  // Per head a (d/2H) × (d/H) state.
  stateSizeBytes: (spec, { dModel: d }) => 4 * headsOf(spec) * (d / 2 / headsOf(spec)) * (d / headsOf(spec)),
};

registerMixer(retnetMixer);
registerMixer(glaMixer);
