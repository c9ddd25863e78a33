/**
 * Monarch Mixer's sequence mixer (M2; Fu et al. 2023), causal: gated long convolutions like Hyena, but with
 * an explicit learned kernel per channel, and the convolution computed with Monarch matrices (the
 * four-step DFT, simulations/monarch) instead of an FFT:
 *   [x1, x2, v] = ShortConv₃(u·W_in + b_in);  v ← v ⊙ x1;  v ← k ∗ v + bias ⊙ v;  y = (v ⊙ x2)·W_out + b_out
 * Kernels k_c(ℓ) ~ 𝒩(0, 1)·e^{−α_c ℓ/L} with Hyena's per-channel decay rates, over maxSeqLen lags.
 * M2's other half, the block-diagonal (Monarch) MLP, is the layer option `mlp: 'monarch'` of the shell (its
 * card's variant and preset put it after the mixer).
 */

import { BYTES, matmul } from '../../cost/flops';
import { hyenaDecays } from '../../longConv/hyenaFilter';
import { monarchCausalConv } from '../../monarch/monarch';
import { REFERENCE_KERNELS } from '../kernelSet';
import { type MixerTrace, registerArchitecture } from '../mixerRegistry';
import { matrixView, traceViews } from '../traceViews';
import { meanAbsKernelByLag, toeplitzRetention } from './retention';

/** M2's mixer has no options. */
export type MonarchOptions = Record<string, never>;

export interface MonarchTrace extends MixerTrace {
  kind: 'monarch';
  retention?: Float32Array;
}

export const monarchCard = registerArchitecture<MonarchOptions, MonarchTrace>({
  id: 'monarch',
  name: 'Monarch Mixer (M2)',
  description:
    'Monarch Mixer (M2): gated long convolutions computed with Monarch (block-diagonal × permutation) DFTs',
  options: () => ({}),
  problems: () => [],
  params(_o, { dModel: d, maxSeqLen: L }) {
    const decays = hyenaDecays(d);
    return {
      W_in: { shape: [d, 3 * d], init: 'normal' },
      b_in: { shape: [3 * d], init: 'zeros', noWeightDecay: true },
      short_conv_weight: { shape: [3 * d, 3], init: { uniform: [-1 / Math.sqrt(3), 1 / Math.sqrt(3)] } },
      short_conv_bias: { shape: [3 * d], init: 'zeros', noWeightDecay: true },
      kernel: {
        shape: [d, L],
        init: {
          generate: (i, rng) => rng.nextNormal() * Math.exp((-decays[Math.floor(i / L)] * (i % L)) / L),
        },
      },
      bias: { shape: [d], init: { normal: 1 }, noWeightDecay: true },
      W_out: { shape: [d, d], init: 'outProjection' },
      b_out: { shape: [d], init: 'zeros', noWeightDecay: true },
    };
  },
  forward(params, u, T, _o, { dModel: d, maxSeqLen: L }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const proj = cpu.causalConv(
      cpu.linear(u, T, d, params.W_in, 3 * d, params.b_in),
      T,
      3 * d,
      params.short_conv_weight,
      3,
      params.short_conv_bias,
    );
    const v = new Float64Array(T);
    const gated = new Float32Array(T * d);
    for (let c = 0; c < d; c++) {
      for (let t = 0; t < T; t++) v[t] = proj[t * 3 * d + 2 * d + c] * proj[t * 3 * d + c];
      const conv = monarchCausalConv(v, params.kernel.subarray(c * L, c * L + T));
      for (let t = 0; t < T; t++)
        gated[t * d + c] = (conv[t] + params.bias[c] * v[t]) * proj[t * 3 * d + d + c];
    }
    const retention = run?.trace
      ? toeplitzRetention(
          meanAbsKernelByLag(d, T, (c, l) => params.kernel[c * L + l]),
          T,
        )
      : undefined;
    return {
      y: cpu.linear(gated, T, d, params.W_out, d, params.b_out),
      trace: { kind: 'monarch', retention },
    };
  },
  // A long convolution needs the whole input: d·N, like Hyena.
  stateBytes: (_o, d, N) => BYTES * d * N,
  // Monarch long convolution O(N^{3/2}) per channel, plus the projections.
  flops: (_o, d, N) => d * 2 * 2 * N * Math.sqrt(N) * 2 + matmul(N, d, 2 * d),
  variants: [
    {
      // "m2", as its preset, shipped models and the designer call it.
      id: 'm2',
      name: 'Monarch Mixer (M2)',
      label: 'M2',
      source: 'Fu et al. 2023; Monarch long convolution O(N^{3/2}) per channel, state as a long conv (d·N)',
      stateGrowsWithN: true,
      spec: () => ({}),
      mlp: 'monarch',
      atCost: () => ({}),
    },
  ],
  presets: [{ id: 'm2' }],
  views: (trace, T) => traceViews({ matrices: matrixView('retention', trace.retention, T) }),
});
