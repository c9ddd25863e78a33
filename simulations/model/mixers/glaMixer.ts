/**
 * GLA (gated linear attention; Yang et al. 2024) as a mixer, over `gatedLinearAttention.ts` (architectures.md
 * §3.11): q, k = x·W_{q,k} (expand_k ½ → d/2), v = x·W_v; log α_t = logsigmoid(x·W₁·W₂ + b)/16 (low rank 16);
 * o = decayed linear attention in the chunked form (chunk 16, decayedHeads.ts); out = (RMSNorm(o) ⊙
 * swish(x·W_g))·W_o. Option: heads (default 2). Its card: a (d/2H) × (d/H) state per head, the GLA preset,
 * each head's implicit attention and state in the inspector.
 */
import { BYTES, matmul } from '../../cost/flops';
import { silu } from '../../ops/activations';
import { readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { headStateViews, matrixView, traceViews } from '../traceViews';
import { type DecayedHeadsOptions, headNorm, headProblems, runHeads } from './decayedHeads';
import { fromHeads, toHeads } from './heads';

export type GlaOptions = DecayedHeadsOptions;

export interface GlaTrace extends MixerTrace {
  kind: 'gla';
  heads: number;
  /** α_t [H, T, d/2H]. */
  alpha: Float32Array;
  /** [heads, T, T] and [heads, T, d/2H, d/H] with a trace (empty without). */
  implicitAttention: Float32Array;
  states: Float32Array;
  stateShape: number[];
}

const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

/** GLA's shapes at width d: H heads, keys d/2H wide (expand_k ½), values d/H, the decay's low rank 16. */
export const glaShape = ({ heads }: GlaOptions, d: number) => ({
  heads,
  keyDim: d / 2 / heads,
  valueDim: d / heads,
  lowRank: 16,
});

export const glaCard = registerArchitecture<GlaOptions, GlaTrace>({
  id: 'gla',
  name: 'Gated linear attention',
  description: 'Gated linear attention: data-dependent per-channel decays',
  options: (spec) => readOptions(spec, { heads: 2 }),
  problems: ({ heads }, { dModel: d }) => headProblems(heads, d, d / 2),
  params: (_o, { dModel: d }) => ({
    W_q: { shape: [d, d / 2], init: 'normal' },
    W_k: { shape: [d, d / 2], init: 'normal' },
    W_v: { shape: [d, d], init: 'normal' },
    W_alpha1: { shape: [d, 16], init: 'normal' },
    W_alpha2: { shape: [16, d / 2], init: 'normal' },
    b_alpha: { shape: [d / 2], init: 'zeros', noWeightDecay: true },
    W_g: { shape: [d, d], init: 'normal' },
    W_o: { shape: [d, d], init: 'outProjection' },
  }),
  forward(params, x, T, o, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const { heads: H, keyDim: dk, valueDim: dv, lowRank } = glaShape(o, d);
    const q = toHeads(cpu.linear(x, T, d, params.W_q, d / 2), T, d / 2, 0, H, dk);
    const k = toHeads(cpu.linear(x, T, d, params.W_k, d / 2), T, d / 2, 0, H, dk);
    const v = toHeads(cpu.linear(x, T, d, params.W_v, d), T, d, 0, H, dv);
    const gateLogits = cpu.linear(
      cpu.linear(x, T, d, params.W_alpha1, lowRank),
      T,
      lowRank,
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
  stateBytes: ({ heads: h }, d) => BYTES * h * (d / 2 / h) * (d / h),
  flops: ({ heads: h }, d, N) => matmul(N, d, 3 * d) + N * 5 * (d / 2) * (d / h),
  variants: [
    {
      id: 'gla',
      name: 'Gated linear attention',
      label: 'GLA',
      source: 'Yang et al. 2024; expand_k 0.5: state (d/2h)·(d/h) per head',
      stateGrowsWithN: false,
      spec: () => ({ heads: 2 }),
      atCost: ({ heads }) => ({ heads }),
    },
  ],
  presets: [{ id: 'gla' }],
  views: (trace, T) =>
    traceViews({
      matrices: matrixView('implicit attention', trace.implicitAttention, T),
      states: headStateViews(trace.states, trace.stateShape, T, {
        what: 'decayed memory S_t = Diag(α_t) S_{t−1} + k_t v_tᵀ',
        rowLabel: 'key dim',
        colLabel: 'value dim',
      }),
    }),
});
