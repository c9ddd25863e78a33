/** Hyena on the GPU (simulations/model/mixers/hyenaMixer.ts). When tracing: filters and retention. */
import {
  HYENA_INNER,
  type HyenaOptions,
  hyenaCard,
  hyenaFilterDims,
} from '../../../simulations/model/mixers/hyenaMixer';
import { hyenaFilterParams, packHyenaFilter } from '../../hyenaFilter/hyenaFilter';
import { HYENA_FILTER_MAX_WIDTH, hyenaFilterWgsl } from '../../hyenaFilter/hyenaFilter.wgsl';
import type { GpuOps } from '../gpuOps';
import { gatedLongConv } from './gatedLongConv';
import { registerGpuMixer } from './gpuMixer';

/**
 * Hyena (order 2): the filter comes from the Sin FFN over positions (hyenaFilter kernel): its first T lags of the
 * filter built at maxSeqLen, as the CPU reference and Zoology (`PositionalEmbedding` built at l_max, truncated).
 */
function hyena(ops: GpuOps, u: GPUBuffer, pre: string, options: HyenaOptions): GPUBuffer {
  const { T, d } = ops;
  const width = options.filterWidth;
  const get = (name: string) => ops.model.params.get(`${pre}.mixer.${name}`) as Float32Array;
  const dims = hyenaFilterDims(options, d);
  const { packed, hidden } = packHyenaFilter({
    layers: dims.slice(0, -1).map((inDim, k) => ({
      W: get(`filter_W${k}`),
      b: k < dims.length - 2 ? get(`filter_b${k}`) : undefined,
      inDim,
      outDim: dims[k + 1],
    })),
    freqs: Array.from({ length: HYENA_INNER + 1 }, (_, k) => get(`filter_freq${k}`)),
  });
  const h = ops.out(d * T, 'hyena filter');
  ops.run(
    'hyenaFilter',
    hyenaFilterWgsl,
    [
      ops.uniform(hyenaFilterParams(T, width, d, hidden, ops.config.maxSeqLen), 'filter dims'),
      ops.constant(packed, `${pre} filter FFN`),
      h,
    ],
    T,
  );
  ops.trace('filters', h, d * T);
  ops.traceToeplitzRetention(h, d, T, T);
  return gatedLongConv(ops, u, pre, h, T);
}

registerGpuMixer(hyenaCard, {
  forward: hyena,
  limit: ({ filterWidth }) =>
    filterWidth > HYENA_FILTER_MAX_WIDTH ? `filter width above ${HYENA_FILTER_MAX_WIDTH}` : null,
});
