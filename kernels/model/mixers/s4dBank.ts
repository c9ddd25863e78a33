/**
 * The kernels of a bank of S4D channels on the GPU (S4D's Vandermonde sum, kernels/ssm/s4dKernel.wgsl.ts), from
 * the parameters simulations/model/mixers/s4dParams.ts names: shared by the S4D layer and H3's diagonal SSM.
 */
import { s4dKernelParams } from '../../ssm/s4dKernel';
import { S4D_KERNEL_WORKGROUP, s4dKernelWgsl } from '../../ssm/s4dKernel.wgsl';
import type { GpuOps } from '../gpuOps';

/** K [channels, T] of a bank of S4D channels whose parameters are named `${pre}.mixer.${prefix}…`. */
export function s4dKernels(ops: GpuOps, pre: string, prefix: string, channels: number, M: number): GPUBuffer {
  const K = ops.out(channels * ops.T, 's4d kernel');
  const w = (name: string) => ops.weight(`${pre}.mixer.${prefix}${name}`);
  ops.run(
    's4dKernel',
    s4dKernelWgsl,
    [
      ops.uniform(s4dKernelParams(channels, M, ops.T), 's4d dims'),
      w('log_dt'),
      w('log_A_real'),
      w('A_imag'),
      w('C'),
      K,
    ],
    channels * ops.T,
    1,
    S4D_KERNEL_WORKGROUP,
  );
  return K;
}
