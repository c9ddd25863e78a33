/** M2's sequence mixer on the GPU (simulations/model/mixers/monarchMixer.ts). When tracing: retention. */
import { monarchCard } from '../../../simulations/model/mixers/monarchMixer';
import type { GpuOps } from '../gpuOps';
import { gatedLongConv } from './gatedLongConv';
import { registerGpuMixer } from './gpuMixer';

/** M2's sequence mixer: the explicit kernel [d, maxSeqLen], its first T lags. */
function monarch(ops: GpuOps, u: GPUBuffer, pre: string): GPUBuffer {
  const kernel = ops.weight(`${pre}.mixer.kernel`);
  ops.traceToeplitzRetention(kernel, ops.d, ops.config.maxSeqLen, ops.T);
  return gatedLongConv(ops, u, pre, kernel, ops.config.maxSeqLen);
}

registerGpuMixer(monarchCard, { forward: monarch });
