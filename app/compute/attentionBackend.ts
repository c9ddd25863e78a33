/**
 * Runs attention on WebGPU when the browser has it and on the CPU reference otherwise. A lost device or a
 * failed GPU run never loses the user's result: the run is repeated on the CPU and the notice says why; after a
 * device loss the backend tries once to get a fresh device.
 */
import { runCausalAttention } from '../../kernels/attention/causalAttention';
import { type GpuHandle, requestGpuDevice } from '../../kernels/runtime/requestGpuDevice';
import {
  type AttentionInputs,
  type AttentionResult,
  causalSoftmaxAttention,
} from '../../simulations/attention/causalSoftmaxAttention';

export type BackendStatus =
  | { kind: 'starting' }
  | { kind: 'webgpu'; adapter: string }
  | { kind: 'cpu'; reason: string };

export interface TimedResult extends AttentionResult {
  backend: 'webgpu' | 'cpu';
  milliseconds: number;
  /** Set when the GPU failed during this run and the CPU answered instead. */
  fallbackReason?: string;
}

export interface AttentionBackend {
  /** Resolves once the backend knows whether WebGPU is usable. */
  ready: Promise<BackendStatus>;
  status(): BackendStatus;
  run(inputs: AttentionInputs): Promise<TimedResult>;
  /** Subscribe to status changes (device lost, recovered). Returns an unsubscribe function. */
  onStatusChange(listener: (status: BackendStatus) => void): () => void;
}

const now = () => performance.now();

function runOnCpu(inputs: AttentionInputs, fallbackReason?: string): TimedResult {
  const start = now();
  const result = causalSoftmaxAttention(inputs);
  return { ...result, backend: 'cpu', milliseconds: now() - start, fallbackReason };
}

export function createAttentionBackend(gpu: GPU | undefined): AttentionBackend {
  let status: BackendStatus = { kind: 'starting' };
  let handle: GpuHandle | null = null;
  const listeners = new Set<(s: BackendStatus) => void>();
  const setStatus = (next: BackendStatus) => {
    status = next;
    for (const l of listeners) l(next);
  };

  const acquire = async (isRetry: boolean): Promise<BackendStatus> => {
    try {
      const h = await requestGpuDevice(gpu, 'beyond-attention app');
      handle = h;
      h.device.lost.then((info) => {
        if (handle !== h) return;
        handle = null;
        if (info.reason === 'destroyed') return;
        setStatus({ kind: 'cpu', reason: `The GPU device was lost (${info.message || 'no reason given'}).` });
        if (!isRetry) void acquire(true);
      });
      setStatus({ kind: 'webgpu', adapter: h.adapterDescription });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setStatus({
        kind: 'cpu',
        reason: isRetry ? `The GPU device was lost and could not be recreated: ${reason}` : reason,
      });
    }
    return status;
  };

  const ready = acquire(false);

  return {
    ready,
    status: () => status,
    onStatusChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async run(inputs) {
      await ready;
      const h = handle;
      if (!h) return runOnCpu(inputs);
      const start = now();
      try {
        const result = await runCausalAttention(h.device, inputs);
        return { ...result, backend: 'webgpu', milliseconds: now() - start };
      } catch (error) {
        return runOnCpu(
          inputs,
          `WebGPU failed (${error instanceof Error ? error.message : String(error)}); computed on the CPU.`,
        );
      }
    },
  };
}
