/**
 * The runtime that never loses the user's work, for any job that has a GPU and a CPU form (the model runner's
 * forward, the attention demo's heads). `createGpuRunner` picks WebGPU when it works and the CPU otherwise, and
 * every `run` answers from whichever backend could:
 *   - a job the GPU cannot run (`unsupported` names why) is answered by the CPU, the GPU stays on;
 *   - a lost device (`device.lost`, a destroyed device, or a job that fails while the device is lost) is
 *     rebuilt once — a fresh adapter and device, a fresh buffer pool — and the same job is repeated on it;
 *   - if the rebuild fails, or the GPU fails again, the runner switches to the CPU for good and says why.
 * A job in flight when the device goes away still resolves with a result. One status type, one set of
 * listeners: the app's badges read it (kernels/runtime/modelRunner.ts builds the model forward on this).
 */
import { BufferPool } from './bufferPool';
import { type GpuHandle, requestGpuDevice } from './requestGpuDevice';

export type RunnerStatus =
  | { backend: 'starting' }
  | { backend: 'webgpu'; adapter: string; rebuilds: number }
  | { backend: 'cpu'; reason: string };

/** Where a job ran, and what it cost. */
export interface RunInfo {
  backend: 'webgpu' | 'cpu';
  /** Why the CPU answered this job when the runner is on WebGPU (unsupported job, device lost, …). */
  fallbackReason?: string;
  /** Time of the attempt that answered (upload, dispatch and readback on the GPU). */
  milliseconds: number;
}

export interface GpuJob<T> {
  /** The job on the live device. */
  gpu(device: GPUDevice, pool: BufferPool): Promise<T>;
  /** The same job on the CPU: without a device, for a job the GPU cannot run, and after a GPU failure. */
  cpu(): T | Promise<T>;
  /** Why this job cannot run on the GPU (the runner stays on WebGPU), or undefined when `error` is a failure. */
  unsupported?(error: unknown): string | undefined;
}

export interface GpuRunner {
  /** Resolves once the first device request has settled. */
  ready: Promise<RunnerStatus>;
  status(): RunnerStatus;
  /** Status changes (started, device lost and rebuilt, switched to the CPU). Returns an unsubscribe. */
  onStatusChange(listener: (status: RunnerStatus) => void): () => void;
  run<T>(job: GpuJob<T>): Promise<{ value: T } & RunInfo>;
  /** The live device (null on the CPU); exposed for diagnostics and device-loss tests. */
  device(): GPUDevice | null;
  /** The buffer pool of the live device (null on the CPU). */
  pool(): BufferPool | null;
  /** Releases the device and its buffers. */
  dispose(): void;
}

export interface GpuRunnerOptions {
  /** Device factory; defaults to `requestGpuDevice(gpu, label)`. Tests inject failures here. */
  requestDevice?: () => Promise<GpuHandle>;
  /** Use the CPU even when WebGPU exists (a user setting, or `?backend=cpu`). */
  forceCpu?: boolean;
  /** The device's label. */
  label?: string;
  /** Settled before the first device request (e.g. the CPU path's kernels loading). */
  before?: Promise<unknown>;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; milliseconds: number }> {
  const start = now();
  const value = await work();
  return { value, milliseconds: now() - start };
}

export function createGpuRunner(gpu: GPU | undefined, options: GpuRunnerOptions = {}): GpuRunner {
  const request = options.requestDevice ?? (() => requestGpuDevice(gpu, options.label ?? 'beyond-attention'));
  let status: RunnerStatus = { backend: 'starting' };
  let live: { handle: GpuHandle; pool: BufferPool; lost: boolean } | null = null;
  let rebuilds = 0;
  const listeners = new Set<(s: RunnerStatus) => void>();
  const setStatus = (next: RunnerStatus) => {
    status = next;
    for (const l of listeners) l(next);
  };

  const attach = (handle: GpuHandle) => {
    const entry = { handle, pool: new BufferPool(handle.device), lost: false };
    live = entry;
    void handle.device.lost.then(() => {
      entry.lost = true;
    });
    setStatus({ backend: 'webgpu', adapter: handle.adapterDescription, rebuilds });
  };

  const start = async (): Promise<RunnerStatus> => {
    await options.before;
    if (options.forceCpu) {
      setStatus({ backend: 'cpu', reason: 'The CPU backend was chosen.' });
      return status;
    }
    try {
      attach(await request());
    } catch (e) {
      setStatus({ backend: 'cpu', reason: message(e) });
    }
    return status;
  };

  /** Drops the lost device and requests a new one; on failure the runner stays on the CPU. */
  const rebuild = async (why: string): Promise<boolean> => {
    live?.pool.dispose();
    live = null;
    rebuilds++;
    try {
      attach(await request());
      return true;
    } catch (e) {
      setStatus({ backend: 'cpu', reason: `${why}; a new GPU device could not be created: ${message(e)}` });
      return false;
    }
  };

  const ready = start();

  async function run<T>(job: GpuJob<T>): Promise<{ value: T } & RunInfo> {
    const onCpu = async (fallbackReason?: string) => ({
      ...(await timed(() => job.cpu())),
      backend: 'cpu' as const,
      fallbackReason,
    });
    const onGpu = async () => {
      const entry = live as NonNullable<typeof live>;
      return { ...(await timed(() => job.gpu(entry.handle.device, entry.pool))), backend: 'webgpu' as const };
    };
    await ready;
    if (!live) return onCpu();
    if (live.lost && !(await rebuild('The GPU device was lost')))
      return onCpu(status.backend === 'cpu' ? status.reason : undefined);
    try {
      return await onGpu();
    } catch (e) {
      const unsupported = job.unsupported?.(e);
      if (unsupported !== undefined) return onCpu(unsupported);
      // Give `device.lost` a turn to resolve: a destroyed device rejects work before the promise settles.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const lost = live?.lost ?? true;
      const why = lost ? 'The GPU device was lost during a forward' : `The GPU failed: ${message(e)}`;
      if (lost && (await rebuild(why))) {
        try {
          return await onGpu();
        } catch (again) {
          setStatus({ backend: 'cpu', reason: `${why}, and again after a rebuild: ${message(again)}` });
        }
      } else if (!lost) {
        setStatus({ backend: 'cpu', reason: why });
      }
      live?.pool.dispose();
      live?.handle.device.destroy();
      live = null;
      return onCpu(status.backend === 'cpu' ? status.reason : why);
    }
  }

  return {
    ready,
    status: () => status,
    device: () => live?.handle.device ?? null,
    pool: () => live?.pool ?? null,
    onStatusChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    run,
    dispose() {
      live?.pool.dispose();
      live?.handle.device.destroy();
      live = null;
    },
  };
}
