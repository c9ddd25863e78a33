/**
 * BaseConv (Arora et al. 2024, Zoology `mixers/base_conv.py`): a short causal depthwise convolution gated by a
 * linear projection, with a residual, y = Conv_k(u) ⊙ (W u + b) + u. Option: kernelSize k (default 3).
 * Its card keeps the last k − 1 inputs as state; it has no preset of its own (Based's pattern uses it).
 */
import { BYTES, matmul } from '../../cost/flops';
import { positiveInteger, readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { matrixView, traceViews } from '../traceViews';
import { meanAbsKernelByLag, toeplitzRetention } from './retention';

export interface BaseConvOptions {
  kernelSize: number;
}

export interface BaseConvTrace extends MixerTrace {
  kind: 'baseConv';
  kernelSize: number;
  /** W u + b [T, d]. */
  gate: Float32Array;
  /** [T, T] (with a trace). */
  retention?: Float32Array;
}

export const baseConvCard = registerArchitecture<BaseConvOptions, BaseConvTrace>({
  id: 'baseConv',
  name: 'BaseConv (gated short convolution)',
  description: 'BaseConv: short causal depthwise convolution gated by a linear projection',
  options: (spec) => readOptions(spec, { kernelSize: 3 }),
  problems: ({ kernelSize }) => positiveInteger('kernelSize', kernelSize),
  params({ kernelSize }, { dModel: d }) {
    return {
      conv_weight: { shape: [d, kernelSize], init: 'normal' },
      conv_bias: { shape: [d], init: 'zeros', noWeightDecay: true },
      W: { shape: [d, d], init: 'normal' },
      b: { shape: [d], init: 'zeros', noWeightDecay: true },
    };
  },
  forward(params, x, T, { kernelSize: k }, { dModel: d }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const conv = cpu.causalConv(x, T, d, params.conv_weight, k, params.conv_bias);
    const gate = cpu.linear(x, T, d, params.W, d, params.b);
    const y = new Float32Array(T * d);
    for (let i = 0; i < y.length; i++) y[i] = conv[i] * gate[i] + x[i];
    // Retention: token j reaches i only through the conv window — the |kernel tap| of lag i − j (tap
    // k − 1 − (i − j)), averaged over channels.
    const retention = run?.trace
      ? toeplitzRetention(
          meanAbsKernelByLag(d, T, (c, lag) => (lag < k ? params.conv_weight[c * k + k - 1 - lag] : 0)),
          T,
        )
      : undefined;
    return { y, trace: { kind: 'baseConv', kernelSize: k, gate, retention } };
  },
  // The last k − 1 inputs.
  stateBytes: ({ kernelSize: k }, d, N) => BYTES * d * Math.min(N, k - 1),
  flops: ({ kernelSize: k }, d, N) => matmul(N, d, d) + N * d * (2 * k + 2),
  variants: [
    {
      id: 'baseConv',
      name: 'BaseConv (gated short convolution)',
      label: 'BaseConv',
      source: 'Arora et al. 2024 (Zoology); keeps the last k − 1 inputs',
      stateGrowsWithN: false,
      spec: () => ({ kernelSize: 3 }),
      atCost: ({ kernelSize }) => ({ kernelSize }),
    },
  ],
  presets: [],
  views: (trace, T) => traceViews({ matrices: matrixView('retention', trace.retention, T) }),
});
