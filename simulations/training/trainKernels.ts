/**
 * What an op of the float32 training path sees of the WebAssembly kernels: calls by export name whose last two
 * arguments are a (start, end) range that the team of threads splits, and the byte offsets of the arrays the
 * tape placed in the kernels' memory. Implemented by simulations/wasm/trainEngine.ts; the float64 reference
 * has none (Tape.kernels is undefined) and runs the TypeScript loops.
 */
import type { Floats } from './storage';

export interface SplitOptions {
  /** Split points are multiples of this (e.g. 4 rows for a 4-row micro-kernel); default 1. */
  align?: number;
  /** Below this many multiply-adds the call stays on the calling thread (a hand-off costs ~10 µs). */
  work?: number;
  /** Index in `args` that receives each thread's own scratch region of `scratchFloats` floats. */
  scratchIndex?: number;
  scratchFloats?: number;
}

export interface TrainKernels {
  /** Threads of the team (the calling thread included). */
  readonly threads: number;
  /** Runs export `kernel` over [0, n), split across the threads; `args` excludes the trailing (start, end). */
  run(kernel: string, args: number[], n: number, options?: SplitOptions): void;
  /** Calls export `kernel` once on the calling thread (a function that returns a size, or unsplit work). */
  call(kernel: string, args: number[]): number;
  /** Byte offset of an array that lives in the kernels' memory (the tape's float32 storage). */
  offset(data: Floats): number;
}
