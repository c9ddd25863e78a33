/**
 * Linear attention as a mixer (Zoology `mixers/based.py` LinearAttention): q, k projected to a feature
 * dimension f per head, v to d/H per head, φ applied to q and k, causal linear attention, output projection.
 * Options: featureMap ('taylor' default, as Based), featureDim f (16), heads (1). The mixer runs the parallel
 * form, whose normalised A is the implicit attention matrix shown next to softmax attention; the recurrent
 * form (states S_t, z_t) is `linearAttentionRecurrent` with `trace`.
 */

import { taylorFeatureSize } from '../../cost/costModels';
import { type FeatureMapKind, featureSize } from '../../linearAttention/featureMaps';
import { linearAttentionParallel, linearAttentionRecurrent } from '../../linearAttention/linearAttention';
import type { MixerSpec } from '../config';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerDefinition, registerMixer } from '../mixerRegistry';
import { fromHeads, toHeads } from './heads';

const MAPS: FeatureMapKind[] = ['eluPlusOne', 'relu', 'identity', 'taylor'];

function options(spec: MixerSpec) {
  return {
    featureMap: (spec.featureMap as FeatureMapKind | undefined) ?? 'taylor',
    featureDim: (spec.featureDim as number | undefined) ?? 16,
    heads: (spec.heads as number | undefined) ?? 1,
  };
}

export const linearAttentionMixer: MixerDefinition = {
  kind: 'linearAttention',
  description: 'Causal linear attention with a feature map (elu+1, ReLU, identity, Based Taylor)',
  problems(spec, { dModel }) {
    const { featureMap, featureDim, heads } = options(spec);
    const p: string[] = [];
    if (!MAPS.includes(featureMap)) p.push(`featureMap must be one of ${MAPS.join(', ')}`);
    if (!Number.isInteger(featureDim) || featureDim < 1)
      p.push(`featureDim must be a positive integer (got ${featureDim})`);
    if (!Number.isInteger(heads) || heads < 1 || dModel % heads !== 0)
      p.push(`heads must divide dModel ${dModel} (got ${heads})`);
    return p;
  },
  params(spec, { dModel: d }) {
    const { featureDim: f, heads: h } = options(spec);
    return {
      W_q: { shape: [d, h * f], init: 'normal' },
      W_k: { shape: [d, h * f], init: 'normal' },
      W_v: { shape: [d, d], init: 'normal' },
      W_o: { shape: [d, d], init: 'outProjection' },
    };
  },
  forward(params, x, T, spec, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const { featureMap, featureDim: f, heads: h } = options(spec);
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
  stateSizeBytes(spec, { dModel: d }) {
    const { featureMap, featureDim: f, heads: h } = options(spec);
    // S ∈ ℝ^{D × d/H} and z ∈ ℝ^D per head. For the Taylor map the x⊗x block is symmetric, so (as the Based
    // paper counts it) only 1 + f + f(f+1)/2 features need storing.
    const D = featureMap === 'taylor' ? taylorFeatureSize(f) : featureSize(featureMap, f);
    return 4 * (h * D * (d / h) + h * D);
  },
};

registerMixer(linearAttentionMixer);
