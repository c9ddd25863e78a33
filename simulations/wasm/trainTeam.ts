/**
 * Threads for ONE training step: the calling thread and N workers share the training kernels' WebAssembly
 * memory, and each kernel call is split over a range (rows of a product, (sequence, head) pairs of attention,
 * channels of a scan). The hand-off is synchronous — the caller writes a task into a control block in shared
 * memory, wakes the workers with Atomics.notify, runs its own slice, then Atomics.waits until every worker is
 * done — so the tape's ops stay ordinary synchronous functions and nothing is copied between threads.
 * (Atomics.wait is allowed on Node's main thread and in Web Workers, where the trainer runs; not on a page's
 * main thread.) Split points never change what a kernel computes for an element, so results are the same for
 * any number of threads.
 */
import type { SplitOptions, TrainKernels } from '../training/trainKernels';

type KernelFn = (...args: number[]) => number | undefined;
export type KernelExports = Record<string, unknown>;

/** Int32 slots per worker in the control block. */
const SLOTS = 8;
const SEQ = 0;
const DONE = 1;
const KERNEL = 2;
const NARGS = 3;
const FAILED = 4;
/** Largest argument count of any kernel (the trailing start and end included). */
export const MAX_ARGS = 24;
/** Bytes of the control block for `workers` workers (int32 slots, then float64 arguments). */
export const controlBytes = (workers: number) => workers * (SLOTS * 4 + MAX_ARGS * 8);

/** Below this many multiply-adds a call stays on the calling thread. */
const DEFAULT_WORK = 1 << 16;

function kernelOf(exports: KernelExports, name: string): KernelFn {
  const fn = exports[name];
  if (typeof fn !== 'function') throw new Error(`The training kernels have no export “${name}”`);
  return fn as KernelFn;
}

/** [start, end) slices of [0, n) for `parts` threads, cut at multiples of `align`. */
export function splitPoints(n: number, parts: number, align = 1): [number, number][] {
  const per = Math.max(align, Math.ceil(n / parts / align) * align);
  const slices: [number, number][] = [];
  for (let start = 0; start < n; start += per) slices.push([start, Math.min(n, start + per)]);
  return slices;
}

export interface TeamOptions {
  exports: KernelExports;
  /** Scratch regions for split calls: returns the byte offset of a fresh zeroed region of n floats. */
  scratch: (n: number) => number;
  /** Byte offset of an array in the kernels' memory. */
  offset: (data: Float32Array | Float64Array) => number;
}

/** The team without workers: every call runs whole on the calling thread. */
export function inlineTeam({ exports, scratch, offset }: TeamOptions): TrainKernels & { close(): void } {
  return {
    threads: 1,
    run(kernel, args, n, options: SplitOptions = {}) {
      const full = [...args];
      if (options.scratchIndex !== undefined)
        full[options.scratchIndex] = scratch(options.scratchFloats ?? 0);
      if (n > 0) kernelOf(exports, kernel)(...full, 0, n);
    },
    call: (kernel, args) => kernelOf(exports, kernel)(...args) ?? 0,
    offset: (data) => offset(data),
    close() {},
  };
}

/**
 * The calling thread's side of a team over `memory`: `workers` workers run `runTeamWorker` on the same control
 * block (at byte `control`, `controlBytes(workers)` long, in the shared memory) and the same kernel names.
 */
export function sharedTeam(
  options: TeamOptions & { memory: WebAssembly.Memory; control: number; workers: number; names: string[] },
): TrainKernels & { close(): void } {
  const { exports, scratch, memory, control, workers, names } = options;
  const ids = new Map(names.map((name, i) => [name, i]));
  const ints = () => new Int32Array(memory.buffer, control, workers * SLOTS);
  const args = (w: number) =>
    new Float64Array(memory.buffer, control + workers * SLOTS * 4 + w * MAX_ARGS * 8, MAX_ARGS);
  let seq = 0;
  const inline = inlineTeam(options);
  return {
    threads: workers + 1,
    run(kernel, callArgs, n, split: SplitOptions = {}) {
      const work = split.work ?? Number.POSITIVE_INFINITY;
      if (workers === 0 || n < 2 || work < DEFAULT_WORK) return inline.run(kernel, callArgs, n, split);
      const id = ids.get(kernel);
      if (id === undefined) throw new Error(`“${kernel}” is not a team kernel`);
      const slices = splitPoints(n, workers + 1, split.align);
      const control = ints();
      seq++;
      // Workers take slices 1…; this thread takes slice 0 (so a short split leaves workers idle, not waiting).
      const posted: number[] = [];
      for (let s = 1; s < slices.length; s++) {
        const w = s - 1;
        const a = args(w);
        const full = [...callArgs];
        if (split.scratchIndex !== undefined) full[split.scratchIndex] = scratch(split.scratchFloats ?? 0);
        full.push(slices[s][0], slices[s][1]);
        if (full.length > MAX_ARGS) throw new RangeError(`${kernel}: more than ${MAX_ARGS} arguments`);
        a.set(full);
        const base = w * SLOTS;
        Atomics.store(control, base + KERNEL, id);
        Atomics.store(control, base + NARGS, full.length);
        Atomics.store(control, base + SEQ, seq);
        Atomics.notify(control, base + SEQ);
        posted.push(w);
      }
      const own = [...callArgs];
      if (split.scratchIndex !== undefined) own[split.scratchIndex] = scratch(split.scratchFloats ?? 0);
      kernelOf(exports, kernel)(...own, slices[0][0], slices[0][1]);
      for (const w of posted) {
        const base = w * SLOTS;
        for (let spin = 0; Atomics.load(control, base + DONE) !== seq; spin++)
          if (spin > 2000) Atomics.wait(control, base + DONE, Atomics.load(control, base + DONE), 50);
        if (Atomics.load(control, base + FAILED) !== 0) throw new Error(`${kernel} failed on worker ${w}`);
      }
    },
    call: inline.call,
    offset: inline.offset,
    close() {
      const control = ints();
      for (let w = 0; w < workers; w++) {
        Atomics.store(control, w * SLOTS + SEQ, -1);
        Atomics.notify(control, w * SLOTS + SEQ);
      }
    },
  };
}

/** A worker's loop: waits for tasks in its control slots, runs them on its own instance, reports done. */
export function runTeamWorker(
  exports: KernelExports,
  memory: WebAssembly.Memory,
  control: number,
  workers: number,
  index: number,
  names: string[],
): void {
  const fns = names.map((name) => kernelOf(exports, name));
  const ints = new Int32Array(memory.buffer, control, workers * SLOTS);
  const base = index * SLOTS;
  const argsAt = control + workers * SLOTS * 4 + index * MAX_ARGS * 8;
  let last = 0;
  for (;;) {
    for (let spin = 0; Atomics.load(ints, base + SEQ) === last; spin++)
      if (spin > 2000) Atomics.wait(ints, base + SEQ, last, 1000);
    const seq = Atomics.load(ints, base + SEQ);
    if (seq === -1) return;
    last = seq;
    const n = Atomics.load(ints, base + NARGS);
    // A fresh view each task: the shared memory may have grown since.
    const args = Array.from(new Float64Array(memory.buffer, argsAt, n));
    try {
      fns[Atomics.load(ints, base + KERNEL)](...args);
      Atomics.store(ints, base + FAILED, 0);
    } catch {
      Atomics.store(ints, base + FAILED, 1);
    }
    Atomics.store(ints, base + DONE, seq);
    Atomics.notify(ints, base + DONE);
  }
}
