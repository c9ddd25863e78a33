/**
 * The Wasm kernel pool in the browser: where the page is cross-origin isolated (SharedArrayBuffer allowed),
 * one shared WebAssembly memory and `threads − 1` Web Workers plus the calling thread; elsewhere the same
 * kernels on the calling thread alone, with the reason (shown by the backend badge).
 */
import {
  inlinePool,
  type KernelPool,
  type KernelTaskReply,
  type KernelWorkerPort,
  threadedPool,
} from '../../simulations/wasm/kernelPool';
import {
  compileSharedWasmKernels,
  loadWasmKernels,
  SHARED_MAX_PAGES,
  sharedWasmKernels,
} from '../../simulations/wasm/wasmModule';

export interface BrowserKernelPool {
  pool: KernelPool;
  /** Why the pool runs on one thread (null when it uses workers). */
  singleThreadReason: string | null;
}

export async function browserKernelPool(
  threads = Math.max(1, navigator.hardwareConcurrency || 1),
): Promise<BrowserKernelPool | null> {
  if (!globalThis.crossOriginIsolated || threads < 2) {
    const kernels = await loadWasmKernels();
    if (!kernels) return null;
    const singleThreadReason = !globalThis.crossOriginIsolated
      ? 'the page is not cross-origin isolated (no SharedArrayBuffer): one thread'
      : 'one core';
    return { pool: inlinePool(kernels), singleThreadReason };
  }
  const memory = new WebAssembly.Memory({ initial: 64, maximum: SHARED_MAX_PAGES, shared: true });
  // The calling thread may be the main thread, where synchronous compiles over 4 KB are refused: compile first.
  if (!(await compileSharedWasmKernels())) return null;
  const workers = await Promise.all(
    Array.from({ length: threads - 1 }, async (): Promise<KernelWorkerPort> => {
      const worker = new Worker(new URL('./kernelPoolWorker.ts', import.meta.url), { type: 'module' });
      await new Promise<void>((resolve, reject) => {
        worker.onmessage = () => resolve();
        worker.onerror = (event) => reject(new Error(`kernel worker failed to start: ${event.message}`));
        worker.postMessage({ memory });
      });
      return {
        post: (message) => worker.postMessage(message),
        listen(onReply, onCrash) {
          worker.onmessage = ({ data }: MessageEvent<KernelTaskReply>) => onReply(data);
          worker.onerror = (event) => onCrash(new Error(`kernel worker: ${event.message}`));
        },
        terminate: async () => worker.terminate(),
      };
    }),
  );
  return { pool: threadedPool(sharedWasmKernels(memory), workers), singleThreadReason: null };
}
