/**
 * Linear attention as a mixer (Zoology `mixers/based.py` LinearAttention): q, k projected to a feature
 * dimension f per head, v to d/H per head, φ applied to q and k, causal linear attention, output projection.
 * Options: featureMap ('taylor' default, as Based), featureDim f (16), heads (1). The mixer runs the parallel
 * form, whose normalised A is the implicit attention matrix shown next to softmax attention; the recurrent
 * form (states S_t, z_t) is `linearAttentionRecurrent` with `trace`.
 * Its card has two variants, as the cost model and the hybrid designer list them: plain linear attention
 * (elu+1) and Based's Taylor linear attention; the presets linear-attention, based and based-window.
 */

import { BYTES, matmul, taylorFeatureSize } from '../../cost/flops';
import { type FeatureMapKind, featureSize } from '../../linearAttention/featureMaps';
import { linearAttentionParallel, linearAttentionRecurrent } from '../../linearAttention/linearAttention';
import { positiveInteger, readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { basedPattern } from '../layerPatterns';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { headStateViews, matrixView, traceViews } from '../traceViews';
import { fromHeads, toHeads } from './heads';

const MAPS: FeatureMapKind[] = ['eluPlusOne', 'relu', 'identity', 'taylor'];

export interface LinearAttentionOptions {
  featureMap: FeatureMapKind;
  /** Feature dimension f of q and k per head. */
  featureDim: number;
  heads: number;
}

export interface LinearAttentionTrace extends MixerTrace {
  kind: 'linearAttention';
  heads: number;
  featureMap: FeatureMapKind;
  /** Normalised implicit attention [heads, T, T] (with a trace). */
  implicitAttention?: Float32Array;
  /** The same matrix: a linear-attention state never forgets. */
  retention?: Float32Array;
  /** S_t per head and step, [heads, T, D, d/heads] (D: the feature map's width). */
  states?: Float32Array;
  stateShape?: number[];
}

export const linearAttentionCard = registerArchitecture<LinearAttentionOptions, LinearAttentionTrace>({
  id: 'linearAttention',
  name: 'Linear attention',
  description: 'Causal linear attention with a feature map (elu+1, ReLU, identity, Based Taylor)',
  options: (spec) =>
    readOptions<LinearAttentionOptions>(spec, { featureMap: 'taylor', featureDim: 16, heads: 1 }),
  problems({ featureMap, featureDim, heads }, { dModel }) {
    const p: string[] = [];
    if (!MAPS.includes(featureMap)) p.push(`featureMap must be one of ${MAPS.join(', ')}`);
    p.push(...positiveInteger('featureDim', featureDim));
    if (!Number.isInteger(heads) || heads < 1 || dModel % heads !== 0)
      p.push(`heads must divide dModel ${dModel} (got ${heads})`);
    return p;
  },
  params({ featureDim: f, heads: h }, { dModel: d }) {
    return {
      W_q: { shape: [d, h * f], init: 'normal' },
      W_k: { shape: [d, h * f], init: 'normal' },
      W_v: { shape: [d, d], init: 'normal' },
      W_o: { shape: [d, d], init: 'outProjection' },
    };
  },
  forward(params, x, T, { featureMap, featureDim: f, heads: h }, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const q = toHeads(cpu.linear(x, T, d, params.W_q, h * f), T, h * f, 0, h, f);
    const k = toHeads(cpu.linear(x, T, d, params.W_k, h * f), T, h * f, 0, h, f);
    const v = toHeads(cpu.linear(x, T, d, params.W_v, d), T, d, 0, h, d / h);
    const inputs = { q, k, v, heads: h, seqLen: T, keyDim: f, valueDim: d / h, featureMap };
    if (run && !run.trace) {
      // No trace wanted: the recurrent form (O(T) memory, on the kernel set), equal to the parallel one (tested).
      const { output } = cpu.linearAttention(inputs);
      const y = cpu.linear(fromHeads(output, T, h, d / h), T, d, params.W_o, d);
      return { y, trace: { kind: 'linearAttention', heads: h, featureMap } };
    }
    const { output, weights } = linearAttentionParallel(inputs);
    // The recurrent form's states S_t per head and step, [h, T, D, d/h] (D: the feature map's width).
    const recurrent = linearAttentionRecurrent(inputs, { trace: true }).trace;
    const y = cpu.linear(fromHeads(output, T, h, d / h), T, d, params.W_o, d);
    // Retention: a linear-attention state never forgets, so token j's share of query i's output is the
    // normalised implicit attention weight itself.
    return {
      y,
      trace: {
        kind: 'linearAttention',
        heads: h,
        featureMap,
        implicitAttention: weights,
        retention: weights,
        states: recurrent?.states,
        stateShape: recurrent && [h, T, recurrent.featureDim, d / h],
      },
    };
  },
  // S ∈ ℝ^{D × d/H} and z ∈ ℝ^D per head. For the Taylor map the x⊗x block is symmetric, so (as the Based
  // paper counts it) only D = 1 + f + f(f+1)/2 features need storing; the other maps have D = f.
  stateBytes({ featureMap, featureDim: f, heads: h }, d) {
    if (featureMap !== 'taylor') return BYTES * (featureSize(featureMap, f) * d + h * f);
    const D = taylorFeatureSize(f);
    return BYTES * (h * (d / h) * D + h * D);
  },
  // Based: h·f-wide q and k; plain linear attention is counted with one f-wide q and k, as the cost model has.
  flops({ featureMap, featureDim: f, heads: h }, d, N) {
    if (featureMap !== 'taylor') return matmul(N, d, 2 * f) + matmul(N, d, 2 * d) + N * 4 * f * d;
    const D = taylorFeatureSize(f);
    return matmul(N, d, 2 * f * h) + matmul(N, d, 2 * d) + N * 4 * D * d;
  },
  variants: [
    {
      id: 'linearAttention',
      name: 'Linear attention (feature dim f)',
      label: 'linear attention',
      source: 'Katharopoulos et al. 2020; state S ∈ ℝ^{f×d} and z ∈ ℝ^f per head',
      stateGrowsWithN: false,
      spec: () => ({ featureMap: 'eluPlusOne', featureDim: 16 }),
      atCost: ({ featureDim, heads }) => ({ featureMap: 'eluPlusOne', featureDim, heads }),
      matches: (o) => o.featureMap !== 'taylor',
    },
    {
      id: 'based',
      name: 'Based (Taylor linear attention)',
      label: 'Based',
      source: 'Arora et al. 2024: h·head_dim·D + h·D, D = 1 + f + f(f+1)/2',
      stateGrowsWithN: false,
      spec: () => ({ featureMap: 'taylor', featureDim: 16 }),
      atCost: ({ featureDim, heads }) => ({ featureMap: 'taylor', featureDim, heads }),
      matches: (o) => o.featureMap === 'taylor',
    },
  ],
  presets: [
    { id: 'linear-attention' },
    { id: 'based', layers: () => basedPattern(2, 16) },
    { id: 'based-window', layers: ({ window }) => basedPattern(3, 16, window) },
  ],
  views: (trace, T) =>
    traceViews({
      // Its retention IS its implicit attention: shown once.
      matrices: matrixView('implicit attention', trace.implicitAttention, T),
      states: headStateViews(trace.states, trace.stateShape, T, {
        what: 'associative memory S_t = Σ φ(k_s) v_sᵀ',
        rowLabel: 'key feature φ(k)',
        colLabel: 'value dim',
      }),
    }),
});
