/**
 * Hyena, order 2 (zoology/mixers/hyena.py; architectures.md §3.9):
 *   [x1, x2, v] = ShortConv₃(u·W_in + b_in)          (depthwise causal, kernel 3)
 *   v ← v ⊙ x1
 *   v ← h ∗ v + bias ⊙ v                              (long causal convolution by FFT, h from hyenaFilter.ts)
 *   y = (v ⊙ x2)·W_out + b_out
 * The filter h is built at the model's maximum length and a length-T input uses its first T lags, as Zoology's
 * `PositionalEmbedding` (built at l_max, `forward(L)` returns `z[:, :L], t[:, :L]`): the filter must not depend
 * on the input's length, or early tokens' outputs would change with how many tokens follow (hyenaFilter.ts).
 * Filter FFN: width 64 (option filterWidth), 2 inner layers (Zoology's num_inner_mlps = 2), Sin activations
 * with learnable frequencies initialised to 1. Its card: state d·L (a long convolution keeps its input), the
 * Hyena and StripedHyena presets.
 */

import { BYTES, fftConv, matmul } from '../../cost/flops';
import { type HyenaFilterParams, hyenaFilters } from '../../longConv/hyenaFilter';
import { fftCausalConv } from '../../ops/fft';
import { positiveInteger, readOptions } from '../architectureCard';
import { REFERENCE_KERNELS } from '../kernelSet';
import { stripedHyenaPattern } from '../layerPatterns';
import { type MixerTrace, type ParamSpec, registerArchitecture } from '../mixerRegistry';
import { matrixView, traceViews } from '../traceViews';
import { meanAbsKernelByLag, toeplitzRetention } from './retention';

export interface HyenaOptions {
  /** Width of the filter FFN's hidden layers. */
  filterWidth: number;
}

export interface HyenaTrace extends MixerTrace {
  kind: 'hyena';
  /** h [d, T]: the first T lags of each channel's filter. */
  filters: Float32Array;
  retention?: Float32Array;
}

/** Inner Sin layers of the filter FFN (Zoology's num_inner_mlps = 2). */
export const HYENA_INNER = 2;

/** The filter FFN's layer widths: 3 positional features → width (HYENA_INNER + 1 Sin layers) → d channels. */
export function hyenaFilterDims({ filterWidth }: HyenaOptions, d: number): number[] {
  return [3, ...Array(HYENA_INNER + 1).fill(filterWidth), d];
}

function filterParams(
  params: Readonly<Record<string, Float32Array>>,
  o: HyenaOptions,
  d: number,
): HyenaFilterParams {
  const dims = hyenaFilterDims(o, d);
  const layers = dims.slice(0, -1).map((inDim, k) => ({
    W: params[`filter_W${k}`],
    b: k < dims.length - 2 ? params[`filter_b${k}`] : undefined,
    inDim,
    outDim: dims[k + 1],
  }));
  const freqs = Array.from({ length: HYENA_INNER + 1 }, (_, k) => params[`filter_freq${k}`]);
  return { layers, freqs };
}

export const hyenaCard = registerArchitecture<HyenaOptions, HyenaTrace>({
  id: 'hyena',
  name: 'Hyena (order 2)',
  description: 'Hyena (order 2): gated implicit long convolutions computed with the FFT',
  options: (spec) => readOptions(spec, { filterWidth: 64 }),
  problems: ({ filterWidth }) => positiveInteger('filterWidth', filterWidth),
  params(o, { dModel: d }) {
    const dims = hyenaFilterDims(o, d);
    const filter: Record<string, ParamSpec> = {};
    for (let k = 0; k < dims.length - 1; k++) {
      // PyTorch's Linear default, U(±1/√fan_in), keeps the sin features varied.
      const bound = 1 / Math.sqrt(dims[k]);
      filter[`filter_W${k}`] = { shape: [dims[k], dims[k + 1]], init: { uniform: [-bound, bound] } };
      if (k < dims.length - 2) {
        filter[`filter_b${k}`] = {
          shape: [dims[k + 1]],
          init: { uniform: [-bound, bound] },
          noWeightDecay: true,
        };
        filter[`filter_freq${k}`] = { shape: [dims[k + 1]], init: 'ones', noWeightDecay: true };
      }
    }
    return {
      W_in: { shape: [d, 3 * d], init: 'normal' },
      b_in: { shape: [3 * d], init: 'zeros', noWeightDecay: true },
      short_conv_weight: { shape: [3 * d, 3], init: { uniform: [-1 / Math.sqrt(3), 1 / Math.sqrt(3)] } },
      short_conv_bias: { shape: [3 * d], init: 'zeros', noWeightDecay: true },
      ...filter,
      bias: { shape: [d], init: { normal: 1 }, noWeightDecay: true },
      W_out: { shape: [d, d], init: 'outProjection' },
      b_out: { shape: [d], init: 'zeros', noWeightDecay: true },
    };
  },
  forward(params, u, T, o, { dModel: d, maxSeqLen }, run) {
    const cpu = run?.kernels ?? REFERENCE_KERNELS;
    const proj = cpu.causalConv(
      cpu.linear(u, T, d, params.W_in, 3 * d, params.b_in),
      T,
      3 * d,
      params.short_conv_weight,
      3,
      params.short_conv_bias,
    );
    // Built at maxSeqLen, first T lags (Zoology), never rebuilt at the input's length T.
    const filters = hyenaFilters(filterParams(params, o, d), d, T, maxSeqLen);
    const v = new Float64Array(T);
    const gated = new Float32Array(T * d);
    for (let c = 0; c < d; c++) {
      for (let t = 0; t < T; t++) v[t] = proj[t * 3 * d + 2 * d + c] * proj[t * 3 * d + c];
      const conv = fftCausalConv(v, filters.subarray(c * T, (c + 1) * T));
      for (let t = 0; t < T; t++)
        gated[t * d + c] = (conv[t] + params.bias[c] * v[t]) * proj[t * 3 * d + d + c];
    }
    const y = cpu.linear(gated, T, d, params.W_out, d, params.b_out);
    // Retention of token j at i: mean over channels of |h_c(i − j)| (the gates are data-dependent and omitted).
    const retention = run?.trace
      ? toeplitzRetention(
          meanAbsKernelByLag(d, T, (c, l) => filters[c * T + l]),
          T,
        )
      : undefined;
    return { y, trace: { kind: 'hyena', filters: Float32Array.from(filters), retention } };
  },
  // A long convolution needs the whole input (Based counts Hyena's state as d·L).
  stateBytes: (_o, d, N) => BYTES * d * N,
  flops: (_o, d, N) => matmul(N, d, 4 * d) + d * 2 * fftConv(N) + N * d * 3 * 2,
  variants: [
    {
      id: 'hyena',
      name: 'Hyena (order 2)',
      label: 'Hyena',
      source: 'Poli et al. 2023; long convolutions need the whole input: d·L (Based §3.1)',
      stateGrowsWithN: true,
      spec: () => ({}),
      atCost: () => ({ filterWidth: 64 }),
    },
  ],
  presets: [{ id: 'hyena' }, { id: 'striped-hyena', layers: () => stripedHyenaPattern(2, 2) }],
  views: (trace, T) => traceViews({ matrices: matrixView('retention', trace.retention, T) }),
});
