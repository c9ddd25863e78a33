/**
 * The attention demo's heads on the runner core the model runner is built on (kernels/runtime/gpuRunner.ts):
 * WebGPU when the browser has it, the CPU reference otherwise, and a lost device or a failed GPU run never
 * loses the user's result — the same fallback, the same status type, the same badge as the playground's models.
 */
import { runCausalAttention } from '../../kernels/attention/causalAttention';
import {
  createGpuRunner,
  type GpuRunnerOptions,
  type RunInfo,
  type RunnerStatus,
} from '../../kernels/runtime/gpuRunner';
import {
  type AttentionInputs,
  type AttentionResult,
  causalSoftmaxAttention,
} from '../../simulations/attention/causalSoftmaxAttention';

export interface TimedResult extends AttentionResult, RunInfo {
  /** On the CPU: the TypeScript reference. */
  cpuKernels?: string;
}

export interface AttentionBackend {
  /** Resolves once the backend knows whether WebGPU is usable. */
  ready: Promise<RunnerStatus>;
  status(): RunnerStatus;
  run(inputs: AttentionInputs): Promise<TimedResult>;
  /** Subscribe to status changes (device lost, rebuilt, switched to the CPU). Returns an unsubscribe function. */
  onStatusChange(listener: (status: RunnerStatus) => void): () => void;
}

export function createAttentionBackend(
  gpu: GPU | undefined,
  options: Omit<GpuRunnerOptions, 'label'> = {},
): AttentionBackend {
  const runner = createGpuRunner(gpu, { ...options, label: 'beyond-attention app' });
  return {
    ready: runner.ready,
    status: runner.status,
    onStatusChange: runner.onStatusChange,
    async run(inputs) {
      const { value, ...info } = await runner.run({
        gpu: (device) => runCausalAttention(device, inputs),
        cpu: () => causalSoftmaxAttention(inputs),
      });
      return { ...value, ...info, ...(info.backend === 'cpu' ? { cpuKernels: 'reference' } : {}) };
    },
  };
}
