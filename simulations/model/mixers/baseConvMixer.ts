import type { MixerSpec } from '../config';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerDefinition, registerMixer } from '../mixerRegistry';
import { meanAbsKernelByLag, toeplitzRetention } from './retention';

const kernelSizeOf = (spec: MixerSpec) => (spec.kernelSize as number | undefined) ?? 3;

export const baseConvMixer: MixerDefinition = {
  kind: 'baseConv',
  description: 'BaseConv: short causal depthwise convolution gated by a linear projection',
  problems(spec) {
    const k = kernelSizeOf(spec);
    return Number.isInteger(k) && k >= 1 ? [] : [`kernelSize must be a positive integer (got ${k})`];
  },
  params(spec, { dModel: d }) {
    return {
      conv_weight: { shape: [d, kernelSizeOf(spec)], init: 'normal' },
      conv_bias: { shape: [d], init: 'zeros', noWeightDecay: true },
      W: { shape: [d, d], init: 'normal' },
      b: { shape: [d], init: 'zeros', noWeightDecay: true },
    };
  },
  forward(params, x, T, spec, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const k = kernelSizeOf(spec);
    const conv = cpu.causalConv(x, T, d, params.conv_weight, k, params.conv_bias);
    const gate = cpu.linear(x, T, d, params.W, d, params.b);
    const y = new Float32Array(T * d);
    for (let i = 0; i < y.length; i++) y[i] = conv[i] * gate[i] + x[i];
    // Retention: token j reaches i only through the conv window — the |kernel tap| of lag i − j, averaged over channels.
    // Token j reaches i only through the conv window: tap k − 1 − (i − j).
    const retention = run?.trace
      ? toeplitzRetention(
          meanAbsKernelByLag(d, T, (c, lag) => (lag < k ? params.conv_weight[c * k + k - 1 - lag] : 0)),
          T,
        )
      : undefined;
    return { y, trace: { kind: 'baseConv', kernelSize: k, gate, retention } };
  },
  // The last k − 1 inputs.
  stateSizeBytes: (spec, { dModel: d }, seqLen) => 4 * d * Math.min(seqLen, kernelSizeOf(spec) - 1),
};

registerMixer(baseConvMixer);
