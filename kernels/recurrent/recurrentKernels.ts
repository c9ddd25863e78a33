/**
 * Dispatch for the recurrent kernels (RG-LRU, linear attention's recurrent form): same inputs and outputs as
 * their CPU references. Mamba's selective scan moved to kernels/ssm/selectiveScan.ts (as simulations/ssm/ on the
 * CPU); the re-export below remains only for bench/kernels.ts's import until that file follows.
 */
import type { LinearAttentionInputs } from '../../simulations/linearAttention/linearAttention';
import type { RgLruInputs } from '../../simulations/recurrent/rgLru';
import { DeviceLimitError } from '../runtime/gpuErrors';
import { runComputeKernel } from '../runtime/runComputeKernel';
import {
  FEATURE_MAP_CODES,
  LINEAR_ATTENTION_MAX_FEATURES,
  linearAttentionWgsl,
} from './linearAttention.wgsl';
import { RG_LRU_WORKGROUP, rgLruWgsl } from './rgLru.wgsl';

const u32s = (...values: number[]) => new Uint32Array([...values, 0, 0, 0].slice(0, 4)).buffer;

/** RG-LRU on the GPU → states h and decays a, both [T, D]. */
export async function runRgLru(
  device: GPUDevice,
  s: RgLruInputs,
): Promise<{ h: Float32Array; a: Float32Array }> {
  const [h, a] = await runComputeKernel(device, {
    label: 'rgLru',
    code: rgLruWgsl,
    uniforms: u32s(s.seqLen, s.channels),
    inputs: [s.x, s.r, s.i, s.softplusLambda],
    outputLengths: [s.seqLen * s.channels, s.seqLen * s.channels],
    workgroups: [Math.ceil(s.channels / RG_LRU_WORKGROUP)],
  });
  return { h, a };
}

/** Causal linear attention (recurrent form) on the GPU → output [H, T, dv]. */
export async function runLinearAttention(device: GPUDevice, s: LinearAttentionInputs): Promise<Float32Array> {
  if (s.featureMap === 'taylor')
    throw new DeviceLimitError('The Taylor feature map runs on the CPU reference only (for now)');
  if (s.keyDim > LINEAR_ATTENTION_MAX_FEATURES || s.valueDim > 64) {
    throw new DeviceLimitError(
      `linear attention kernel supports key dim ≤ ${LINEAR_ATTENTION_MAX_FEATURES} and value dim ≤ 64`,
    );
  }
  const [y] = await runComputeKernel(device, {
    label: 'linearAttention',
    code: linearAttentionWgsl,
    uniforms: u32s(s.seqLen, s.keyDim, s.valueDim, FEATURE_MAP_CODES[s.featureMap]),
    inputs: [s.q, s.k, s.v],
    outputLengths: [s.heads * s.seqLen * s.valueDim],
    workgroups: [s.heads],
  });
  return y;
}

export { runSelectiveScan } from '../ssm/selectiveScan';
