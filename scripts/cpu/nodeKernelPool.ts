/**
 * The Wasm kernel pool on Node worker threads: one shared WebAssembly memory, `threads − 1` workers plus the
 * calling thread, which runs the first slice of every call itself while the workers run theirs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type KernelPool, type KernelWorkerPort, threadedPool } from '../../simulations/wasm/kernelPool';
import { SHARED_MAX_PAGES, sharedWasmKernels } from '../../simulations/wasm/wasmModule';

export async function nodeKernelPool(threads = availableParallelism()): Promise<KernelPool> {
  const memory = new WebAssembly.Memory({ initial: 64, maximum: SHARED_MAX_PAGES, shared: true });
  const workers = Array.from({ length: Math.max(0, threads - 1) }, (): KernelWorkerPort => {
    const worker = new Worker(new URL('./kernelWorkerEntry.mjs', import.meta.url), {
      workerData: { memory },
    });
    return {
      post: (message) => worker.postMessage(message),
      listen(onReply, onCrash) {
        worker.on('message', onReply);
        worker.on('error', onCrash);
      },
      terminate: () => worker.terminate(),
    };
  });
  return threadedPool(sharedWasmKernels(memory), workers);
}
