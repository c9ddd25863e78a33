/** Softmax attention under any mask on the GPU (maskedAttention.wgsl.ts), signature of `maskedSoftmaxAttention`. */
import {
  type AttentionInputs,
  type AttentionResult,
  validateAttentionInputs,
} from '../../simulations/attention/causalSoftmaxAttention';
import type { Mask } from '../../simulations/attention/masks/maskSpec';
import { runComputeKernel } from '../runtime/runComputeKernel';
import { MASKED_ATTENTION_WORKGROUP, maskedAttentionWgsl } from './maskedAttention.wgsl';

export function maskedAttentionParams(T: number, heads: number, dh: number): ArrayBuffer {
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 3).set([T, heads, dh]);
  new Float32Array(params, 12, 1)[0] = 1 / Math.sqrt(dh);
  return params;
}

export async function runMaskedAttention(
  device: GPUDevice,
  inputs: AttentionInputs,
  mask: Mask,
  code = maskedAttentionWgsl,
): Promise<AttentionResult> {
  validateAttentionInputs(inputs);
  const { heads, seqLen: T, headDim } = inputs;
  if (mask.seqLen !== T) throw new RangeError(`Mask is for length ${mask.seqLen}, inputs have length ${T}`);
  const [output, weights] = await runComputeKernel(device, {
    label: code === maskedAttentionWgsl ? 'maskedAttention' : 'maskedAttention (override)',
    code,
    uniforms: maskedAttentionParams(T, heads, headDim),
    inputs: [inputs.q, inputs.k, inputs.v, Float32Array.from(mask.allowed)],
    outputLengths: [heads * T * headDim, heads * T * T],
    workgroups: [Math.ceil(T / MASKED_ATTENTION_WORKGROUP), heads],
  });
  return { output, weights };
}
