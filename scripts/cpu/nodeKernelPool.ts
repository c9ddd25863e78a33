/**
 * The Wasm kernel pool on Node worker threads: one shared WebAssembly memory, `threads − 1` workers plus the
 * calling thread, which runs the first slice of every call itself while the workers run theirs.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type KernelPool,
  type KernelTask,
  type KernelTaskReply,
  runKernelTask,
} from '../../simulations/wasm/kernelPool';
import { SHARED_MAX_PAGES, sharedWasmKernels } from '../../simulations/wasm/wasmModule';

export async function nodeKernelPool(threads = availableParallelism()): Promise<KernelPool> {
  const memory = new WebAssembly.Memory({ initial: 64, maximum: SHARED_MAX_PAGES, shared: true });
  const kernels = sharedWasmKernels(memory);
  const workers = Array.from(
    { length: Math.max(0, threads - 1) },
    () => new Worker(new URL('./kernelWorkerEntry.mjs', import.meta.url), { workerData: { memory } }),
  );
  let nextId = 0;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  for (const worker of workers) {
    worker.on('message', ({ id, error }: KernelTaskReply) => {
      const waiter = pending.get(id);
      pending.delete(id);
      if (error) waiter?.reject(new Error(`kernel worker: ${error}`));
      else waiter?.resolve();
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  }
  const post = (worker: Worker, task: KernelTask) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, task });
    });
  return {
    threads: workers.length + 1,
    kernels,
    async runAll(tasks) {
      const others = tasks.slice(1).map((task, j) => post(workers[j % workers.length], task));
      if (tasks.length > 0) runKernelTask(kernels, tasks[0]);
      await Promise.all(others);
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
