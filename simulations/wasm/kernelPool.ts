/**
 * Both cores for the Wasm kernels: one WebAssembly memory shared by the calling thread and N worker threads
 * (Node worker_threads: scripts/cpu/nodeKernelPool.ts; browser Web Workers over a SharedArrayBuffer where the
 * page is cross-origin isolated: app/workers/browserKernelPool.ts). The caller lays out operands once; each
 * worker runs the same kernel on its own slice of rows (matmul) or queries (attention); nothing is copied
 * between threads. Where threads are unavailable, `inlinePool` runs the slices on the calling thread.
 */
import { stageLinear } from './wasmCpuKernels';
import { WasmArena, type WasmKernels } from './wasmModule';

/** One kernel call on one worker: an export of cpuKernels and its arguments (byte offsets and sizes). */
export interface KernelTask {
  kernel: 'matmulPacked' | 'causalAttention';
  args: number[];
}

/** Messages: the pool sends { id, task } and the worker answers { id } (or { id, error }). */
export interface KernelTaskMessage {
  id: number;
  task: KernelTask;
}
export interface KernelTaskReply {
  id: number;
  error?: string;
}

/** Runs a task on the worker's instance of the shared kernels. */
export function runKernelTask(kernels: WasmKernels, task: KernelTask): void {
  const fn = kernels.exports[task.kernel] as (...args: number[]) => void;
  fn(...task.args);
}

export interface KernelPool {
  /** Worker threads (1 for the inline pool). */
  readonly threads: number;
  /** The calling thread's instance over the shared memory (for layout, packing and reading results). */
  readonly kernels: WasmKernels;
  /** Runs one task per entry, in parallel, and resolves when all are done. */
  runAll(tasks: KernelTask[]): Promise<void>;
  close(): Promise<void>;
}

/** A pool without threads: the same tasks, one after another on the calling thread. */
export function inlinePool(kernels: WasmKernels): KernelPool {
  return {
    threads: 1,
    kernels,
    async runAll(tasks) {
      for (const task of tasks) runKernelTask(kernels, task);
    },
    async close() {},
  };
}

/** A worker thread as the pool sees it, in either environment. */
export interface KernelWorkerPort {
  post(message: KernelTaskMessage): void;
  /** Registers the handler of the worker's replies (and of its crash, as an error). */
  listen(onReply: (reply: KernelTaskReply) => void, onCrash: (error: Error) => void): void;
  terminate(): Promise<unknown> | undefined;
}

/**
 * A pool over worker threads that share `kernels.memory`: task 0 of every call runs on the calling thread while
 * the others run on the workers (round robin).
 */
export function threadedPool(kernels: WasmKernels, workers: KernelWorkerPort[]): KernelPool {
  let nextId = 0;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  for (const worker of workers) {
    worker.listen(
      ({ id, error }) => {
        const waiter = pending.get(id);
        pending.delete(id);
        if (error) waiter?.reject(new Error(`kernel worker: ${error}`));
        else waiter?.resolve();
      },
      (error) => {
        for (const waiter of pending.values()) waiter.reject(error);
        pending.clear();
      },
    );
  }
  const post = (worker: KernelWorkerPort, task: KernelTask) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.post({ id, task });
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

/** [start, end) ranges of n items split into `parts` nearly equal pieces, multiples of `align` where possible. */
export function splitRange(n: number, parts: number, align = 1): [number, number][] {
  const ranges: [number, number][] = [];
  const per = Math.ceil(n / parts / align) * align;
  for (let start = 0; start < n; start += per) ranges.push([start, Math.min(n, start + per)]);
  return ranges;
}

/** y = x·W + b over the pool: W packed once by the caller, the rows of y split across the threads. */
export async function parallelLinear(
  pool: KernelPool,
  x: Float32Array,
  T: number,
  dIn: number,
  W: Float32Array,
  dOut: number,
  b?: Float32Array,
): Promise<Float32Array> {
  const { arena, ox, opacked, ob, oy } = stageLinear(pool.kernels, x, T, dIn, W, dOut, b);
  // Below ~2¹⁸ multiply-adds a message round trip costs more than the work: stay on the calling thread.
  const threads = T * dIn * dOut < 1 << 18 ? 1 : pool.threads;
  await pool.runAll(
    splitRange(T, threads, 4).map(([start, end]) => ({
      kernel: 'matmulPacked',
      args: [ox, opacked, ob, oy, dIn, dOut, b ? 1 : 0, start, end],
    })),
  );
  return arena.read(oy, T * dOut);
}

/** Causal attention over the pool, queries split across the threads (later queries cost more: balanced by area). */
export async function parallelCausalAttention(
  pool: KernelPool,
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  H: number,
  T: number,
  dh: number,
  window = 0,
): Promise<{ output: Float32Array; weights: Float32Array }> {
  const n = H * T * dh;
  const arena = new WasmArena(pool.kernels);
  const [oq, ok, ov, oout, ow] = arena.layout([n, n, n, n, H * T * T]);
  arena.write(oq, q);
  arena.write(ok, k);
  arena.write(ov, v);
  // Query i costs ∝ i + 1 (full causal): cut where the triangle's area splits evenly.
  const cuts = Array.from({ length: pool.threads + 1 }, (_, j) =>
    j === pool.threads ? T : Math.round(T * Math.sqrt(j / pool.threads)),
  );
  const tasks: KernelTask[] = [];
  for (let j = 0; j < pool.threads; j++)
    if (cuts[j + 1] > cuts[j])
      tasks.push({
        kernel: 'causalAttention',
        args: [oq, ok, ov, oout, ow, H, T, dh, window, cuts[j], cuts[j + 1]],
      });
  await pool.runAll(tasks);
  return { output: arena.read(oout, n), weights: arena.read(ow, H * T * T) };
}
