/** Hyena's implicit filter on the GPU (hyenaFilter.wgsl.ts): packs the filter FFN, dispatches one lag per thread. */
import type { HyenaFilterParams } from '../../simulations/longConv/hyenaFilter';
import { DeviceLimitError } from '../runtime/gpuErrors';
import { runComputeKernel } from '../runtime/runComputeKernel';
import { HYENA_FILTER_MAX_WIDTH, hyenaFilterWgsl } from './hyenaFilter.wgsl';

/** The FFN in the kernel's packed order (W₀, b₀, φ₀, W₁, b₁, φ₁, …, W_out) and its width / hidden-layer count. */
export function packHyenaFilter(params: HyenaFilterParams): {
  packed: Float32Array;
  width: number;
  hidden: number;
} {
  const hidden = params.freqs.length;
  const width = params.layers[0].outDim;
  if (width > HYENA_FILTER_MAX_WIDTH)
    throw new DeviceLimitError(`Hyena filter width ${width} exceeds the kernel's ${HYENA_FILTER_MAX_WIDTH}`);
  if (params.layers[0].inDim !== 3 || params.layers.length !== hidden + 1)
    throw new RangeError(
      'Hyena filter: expected 3 positional features and one output layer after the Sin layers',
    );
  const parts: Float32Array[] = [];
  params.layers.forEach((layer, k) => {
    parts.push(layer.W);
    if (k < hidden) parts.push(layer.b ?? new Float32Array(layer.outDim), params.freqs[k]);
  });
  const packed = new Float32Array(parts.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const part of parts) {
    packed.set(part, at);
    at += part.length;
  }
  return { packed, width, hidden };
}

/** The kernel's uniforms: the first T lags of the filter built at length L ≥ T (a model's maxSeqLen). */
export function hyenaFilterParams(
  T: number,
  width: number,
  channels: number,
  hidden: number,
  L = T,
): ArrayBuffer {
  if (T > L) throw new RangeError(`Hyena filter: ${T} lags of a filter built at length ${L}`);
  return new Uint32Array([T, width, channels, hidden, L, 0, 0, 0]).buffer;
}

/** h [channels, T]: the first T lags of the filter built at length L (default T). */
export async function runHyenaFilter(
  device: GPUDevice,
  params: HyenaFilterParams,
  channels: number,
  T: number,
  code = hyenaFilterWgsl,
  L = T,
): Promise<Float32Array> {
  const { packed, width, hidden } = packHyenaFilter(params);
  const [h] = await runComputeKernel(device, {
    label: code === hyenaFilterWgsl ? 'hyenaFilter' : 'hyenaFilter (override)',
    code,
    uniforms: hyenaFilterParams(T, width, channels, hidden, L),
    inputs: [packed],
    outputLengths: [channels * T],
    workgroups: [Math.ceil(T / 64)],
  });
  return h;
}
