/**
 * RetNet (multi-scale retention; Sun et al. 2023) as a mixer, over `gatedLinearAttention.ts` (architectures.md
 * §3.11): q, k, v = x·W_{q,k,v}; per head a fixed decay γ_h = 1 − 2^{−5−h}; o = retention(q, k, v) in the
 * chunked form (chunk 16, decayedHeads.ts); out = (swish(x·W_g) ⊙ GroupNorm(o))·W_o (GroupNorm = per-head RMS
 * normalisation, no affine here). Option: heads (default 2). Its card: a (d/H)² state per head, the RetNet
 * preset, each head's implicit attention and state in the inspector.
 */
import { BYTES, matmul } from '../../cost/flops';
import { retnetGamma } from '../../linearAttention/gatedLinearAttention';
import { silu } from '../../ops/activations';
import { readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { headStateViews, matrixView, traceViews } from '../traceViews';
import { type DecayedHeadsOptions, headNorm, headProblems, runHeads } from './decayedHeads';
import { fromHeads, toHeads } from './heads';

export type RetNetOptions = DecayedHeadsOptions;

export interface RetNetTrace extends MixerTrace {
  kind: 'retnet';
  heads: number;
  /** γ_h per head. */
  gammas: number[];
  /** [heads, T, T] and [heads, T, d/H, d/H] with a trace (empty without). */
  implicitAttention: Float32Array;
  states: Float32Array;
  stateShape: number[];
}

/** RetNet's shapes at width d: H heads of width d/H (keys and values alike). */
export const retnetShape = ({ heads }: RetNetOptions, d: number) => ({ heads, headDim: d / heads });

export const retnetCard = registerArchitecture<RetNetOptions, RetNetTrace>({
  id: 'retnet',
  name: 'RetNet (retention)',
  description: 'RetNet retention: linear attention with a fixed decay per head',
  options: (spec) => readOptions(spec, { heads: 2 }),
  problems: ({ heads }, { dModel: d }) => headProblems(heads, d, d),
  params: (_o, { dModel: d }) => ({
    W_q: { shape: [d, d], init: 'normal' },
    W_k: { shape: [d, d], init: 'normal' },
    W_v: { shape: [d, d], init: 'normal' },
    W_g: { shape: [d, d], init: 'normal' },
    W_o: { shape: [d, d], init: 'outProjection' },
  }),
  forward(params, x, T, o, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const { heads: H, headDim: w } = retnetShape(o, d);
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
  stateBytes: ({ heads: h }, d) => BYTES * h * (d / h) ** 2,
  flops: ({ heads: h }, d, N) => matmul(N, d, 4 * d) + N * 4 * d * (d / h),
  variants: [
    {
      id: 'retnet',
      name: 'RetNet (retention)',
      label: 'RetNet',
      source: 'Sun et al. 2023; fixed decay per head, state (d/h)² per head',
      stateGrowsWithN: false,
      spec: () => ({ heads: 2 }),
      atCost: ({ heads }) => ({ heads }),
    },
  ],
  presets: [{ id: 'retnet' }],
  views: (trace, T) =>
    traceViews({
      matrices: matrixView('implicit attention', trace.implicitAttention, T),
      states: headStateViews(trace.states, trace.stateShape, T, {
        what: 'decayed memory S_t = Diag(γ) S_{t−1} + k_t v_tᵀ',
        rowLabel: 'key dim',
        colLabel: 'value dim',
      }),
    }),
});
