/**
 * Argmax readout of logits [T, V]: the subgroup variant (argmaxSubgroups.wgsl.ts) where the device has the
 * `subgroups` feature, else the portable top-k kernel with k = 1 — both give `predictTokens`' answer exactly.
 */

import { hasFeature, requireFeature } from '../runtime/features';
import { DeviceLimitError } from '../runtime/gpuErrors';
import { runComputeKernel } from '../runtime/runComputeKernel';
import { argmaxSubgroupsWgsl } from './argmaxSubgroups.wgsl';
import { runTopK } from './topK';

export type ArgmaxVariant = 'subgroups' | 'portable';

/** The variant this device can run: subgroups only when the device was created with the feature. */
export const argmaxVariantFor = (device: GPUDevice): ArgmaxVariant =>
  hasFeature(device, 'subgroups') ? 'subgroups' : 'portable';

/** Per position: the id and value of the largest logit (ties to the lower id). */
export async function runArgmax(
  device: GPUDevice,
  logits: Float32Array,
  vocab: number,
  variant: ArgmaxVariant = argmaxVariantFor(device),
  code = argmaxSubgroupsWgsl,
): Promise<{ ids: Int32Array; values: Float32Array; variant: ArgmaxVariant }> {
  if (variant === 'portable') return { ...(await runTopK(device, logits, vocab, 1)), variant };
  requireFeature(device, 'subgroups', 'argmaxSubgroups');
  const T = logits.length / vocab;
  if (T > device.limits.maxComputeWorkgroupsPerDimension)
    throw new DeviceLimitError(
      `argmax runs one workgroup per position: at most ${device.limits.maxComputeWorkgroupsPerDimension}, got ${T}`,
    );
  const [ids, values] = await runComputeKernel(device, {
    label: code === argmaxSubgroupsWgsl ? 'argmaxSubgroups' : 'argmaxSubgroups (override)',
    code,
    uniforms: new Uint32Array([T, vocab, 0, 0]).buffer,
    inputs: [logits],
    outputLengths: [T, T],
    workgroups: [T],
  });
  return { ids: Int32Array.from(ids), values, variant };
}
