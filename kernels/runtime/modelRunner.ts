/**
 * One model API, two backends, and a runtime that never loses the user's work. `createModelRunner` picks
 * WebGPU when it works and the CPU reference otherwise; every `forward` returns logits (and the attention
 * weights) from whichever backend answered:
 *   - a model the GPU path cannot run (UnsupportedOnGpuError) is answered by the CPU, the GPU stays on;
 *   - a lost device (`device.lost`, a destroyed device, or a forward that fails while the device is lost) is
 *     rebuilt once — a fresh adapter and device, a fresh buffer pool — and the same forward is repeated on it;
 *   - if the rebuild fails, or the GPU fails again, the runner switches to the CPU for good and says why.
 * The tokens are copied when `forward` is called, so nothing the caller holds is touched, and a forward in
 * flight when the device goes away still resolves with a result. Buffers come from a pool (bufferPool.ts):
 * one command buffer and one readback per forward, no growth in live buffers across thousands of forwards.
 */
import { forward as cpuForward, type Model } from '../../simulations/model/forward';
import { type KernelSet, REFERENCE_KERNELS } from '../../simulations/model/kernelSet';
import type { MixerTrace } from '../../simulations/model/mixerRegistry';
import { wasmKernelSet } from '../../simulations/wasm/wasmKernelSet';
import { loadWasmKernels } from '../../simulations/wasm/wasmModule';
import { forwardOnGpu, UnsupportedOnGpuError } from '../model/gpuForward';
import { BufferPool } from './bufferPool';
import { type GpuHandle, requestGpuDevice } from './requestGpuDevice';

export type RunnerStatus =
  | { backend: 'starting' }
  | { backend: 'webgpu'; adapter: string; rebuilds: number }
  | { backend: 'cpu'; reason: string };

export interface RunnerResult {
  /** [T, vocabSize] */
  logits: Float32Array;
  /** Softmax-attention weights per attention layer ([heads, T, T]); the CPU path fills them from its trace. */
  attention: Float32Array[];
  backend: 'webgpu' | 'cpu';
  /** On the CPU: which kernels ran ('wasm-simd', or 'reference' where WebAssembly SIMD is missing). */
  cpuKernels?: string;
  /** Why the CPU answered this forward when the runner is on WebGPU (unsupported model, device lost, …). */
  fallbackReason?: string;
  /**
   * With `{ trace: true }`: each layer's mixer trace. On WebGPU every field of the CPU trace, same names and
   * layouts (gpuForward.ts `layers`: gates, steps, states, retention, kernels — computed on the GPU, configuration
   * filled in on the host); on the CPU the full CPU trace.
   */
  layers?: MixerTrace[];
  milliseconds: number;
}

export interface RunnerForwardOptions {
  /** Return each layer's mixer trace (`RunnerResult.layers`), read back with the logits. */
  trace?: boolean;
}

export interface ModelRunner {
  /** Resolves once the first device request has settled. */
  ready: Promise<RunnerStatus>;
  status(): RunnerStatus;
  forward(model: Model, tokens: ArrayLike<number>, options?: RunnerForwardOptions): Promise<RunnerResult>;
  /** Status changes (started, device lost and rebuilt, switched to the CPU). Returns an unsubscribe. */
  onStatusChange(listener: (status: RunnerStatus) => void): () => void;
  /** The live device (null on the CPU); exposed for diagnostics and device-loss tests. */
  device(): GPUDevice | null;
  /** The buffer pool of the live device (null on the CPU). */
  pool(): BufferPool | null;
  /** Releases the device and its buffers. */
  dispose(): void;
}

export interface ModelRunnerOptions {
  /** Device factory; defaults to `requestGpuDevice(gpu)`. Tests inject failures here. */
  requestDevice?: () => Promise<GpuHandle>;
  /** Use the CPU even when WebGPU exists (a user setting, or `?backend=cpu`). */
  forceCpu?: boolean;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The CPU path's kernels: WebAssembly SIMD (simulations/wasm) once loaded, the TypeScript reference until then
 * or where WebAssembly SIMD is missing. Both give the same logits within float32 tolerance (tested).
 */
let cpuKernels: KernelSet = REFERENCE_KERNELS;
const cpuKernelsReady = loadWasmKernels().then((wasm) => {
  if (wasm) cpuKernels = wasmKernelSet(wasm);
  return cpuKernels;
});

function cpuResult(
  model: Model,
  tokens: number[],
  fallbackReason?: string,
  { trace: wantTrace = false }: RunnerForwardOptions = {},
): RunnerResult {
  const start = now();
  const { logits, trace } = cpuForward(model, tokens, { trace: true, kernels: cpuKernels });
  const attention = (trace?.layers ?? [])
    .filter((l) => l.mixer.kind === 'attention')
    .map((l) => l.mixer.weights as Float32Array);
  return {
    logits,
    attention,
    backend: 'cpu',
    cpuKernels: cpuKernels.name,
    fallbackReason,
    ...(wantTrace ? { layers: (trace?.layers ?? []).map((l) => l.mixer) } : {}),
    milliseconds: now() - start,
  };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createModelRunner(gpu: GPU | undefined, options: ModelRunnerOptions = {}): ModelRunner {
  const request = options.requestDevice ?? (() => requestGpuDevice(gpu, 'beyond-attention model'));
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
    await cpuKernelsReady;
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

  const runOnGpu = async (
    model: Model,
    tokens: number[],
    { trace = false }: RunnerForwardOptions = {},
  ): Promise<RunnerResult> => {
    const entry = live as NonNullable<typeof live>;
    const t0 = now();
    const { logits, attention, layers } = await forwardOnGpu(entry.handle.device, model, tokens, {
      pool: entry.pool,
      trace,
    });
    return { logits, attention, backend: 'webgpu', ...(layers ? { layers } : {}), milliseconds: now() - t0 };
  };

  return {
    ready,
    status: () => status,
    device: () => live?.handle.device ?? null,
    pool: () => live?.pool ?? null,
    onStatusChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async forward(model, input, options = {}) {
      const tokens = Array.from(input);
      await ready;
      if (!live) return cpuResult(model, tokens, undefined, options);
      if (live.lost && !(await rebuild('The GPU device was lost')))
        return cpuResult(model, tokens, status.backend === 'cpu' ? status.reason : undefined, options);
      try {
        return await runOnGpu(model, tokens, options);
      } catch (e) {
        if (e instanceof UnsupportedOnGpuError) return cpuResult(model, tokens, e.message, options);
        // Give `device.lost` a turn to resolve: a destroyed device rejects work before the promise settles.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const lost = live?.lost ?? true;
        const why = lost ? 'The GPU device was lost during a forward' : `The GPU failed: ${message(e)}`;
        if (lost && (await rebuild(why))) {
          try {
            return await runOnGpu(model, tokens, options);
          } catch (again) {
            setStatus({ backend: 'cpu', reason: `${why}, and again after a rebuild: ${message(again)}` });
          }
        } else if (!lost) {
          setStatus({ backend: 'cpu', reason: why });
        }
        live?.pool.dispose();
        live?.handle.device.destroy();
        live = null;
        return cpuResult(model, tokens, status.backend === 'cpu' ? status.reason : why, options);
      }
    },
    dispose() {
      live?.pool.dispose();
      live?.handle.device.destroy();
      live = null;
    },
  };
}
