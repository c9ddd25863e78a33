/** Causal linear attention, parallel form, on the GPU (parallelLinearAttention.wgsl.ts). */
import type { LinearAttentionInputs } from '../../simulations/linearAttention/linearAttention';
import { runComputeKernel } from '../runtime/runComputeKernel';
import {
  PARALLEL_FEATURE_MAP_CODES,
  PARALLEL_LA_WORKGROUP,
  parallelLinearAttentionWgsl,
} from './parallelLinearAttention.wgsl';

export const parallelLinearAttentionParams = (
  s: Pick<LinearAttentionInputs, 'seqLen' | 'keyDim' | 'valueDim' | 'featureMap' | 'heads'>,
) =>
  new Uint32Array([
    s.seqLen,
    s.keyDim,
    s.valueDim,
    PARALLEL_FEATURE_MAP_CODES[s.featureMap],
    s.heads,
    0,
    0,
    0,
  ]).buffer;

/** output [H, T, dv] and the normalised implicit attention weights [H, T, T]. */
export async function runParallelLinearAttention(
  device: GPUDevice,
  s: LinearAttentionInputs,
  code = parallelLinearAttentionWgsl,
): Promise<{ output: Float32Array; weights: Float32Array }> {
  const [output, weights] = await runComputeKernel(device, {
    label:
      code === parallelLinearAttentionWgsl ? 'parallelLinearAttention' : 'parallelLinearAttention (override)',
    code,
    uniforms: parallelLinearAttentionParams(s),
    inputs: [s.q, s.k, s.v],
    outputLengths: [s.heads * s.seqLen * s.valueDim, s.heads * s.seqLen * s.seqLen],
    workgroups: [Math.ceil(s.seqLen / PARALLEL_LA_WORKGROUP), s.heads],
  });
  return { output, weights };
}
