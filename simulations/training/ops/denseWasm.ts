/**
 * The float32 path's dense products: C (+)= op(A)·op(B) through the Wasm `gemm` kernel (simulations/wasm/
 * assembly/train/gemm.ts), rows of C split across the team's threads, each thread packing into its own scratch.
 * A and B are passed as stored: `transA` means A is stored [K, M] (we multiply by its transpose), `transB` that
 * B is stored [N, K].
 */
import type { Floats } from '../storage';
import type { TrainKernels } from '../trainKernels';

export function gemmWasm(
  kernels: TrainKernels,
  A: Floats,
  B: Floats,
  C: Floats,
  M: number,
  N: number,
  K: number,
  { transA = false, transB = false, accumulate = false } = {},
): void {
  const scratchFloats = kernels.call('gemmScratchFloats', [M, N, K]);
  kernels.run(
    'gemm',
    [
      kernels.offset(A),
      kernels.offset(B),
      kernels.offset(C),
      M,
      N,
      K,
      transA ? 1 : 0,
      transB ? 1 : 0,
      accumulate ? 1 : 0,
      0,
    ],
    M,
    { align: 4, work: M * N * K, scratchIndex: 9, scratchFloats },
  );
}

/** y[r, :] += b for every row r of y [R, N]. */
export function addBiasWasm(kernels: TrainKernels, y: Floats, b: Floats, R: number, N: number): void {
  kernels.run('addRowVector', [kernels.offset(y), kernels.offset(b), R, N], R, { work: R * N });
}

/** db[n] += Σ_r dy[r, n]. */
export function columnSumsWasm(kernels: TrainKernels, dy: Floats, db: Floats, R: number, N: number): void {
  kernels.run('columnSums', [kernels.offset(dy), kernels.offset(db), R, N, 1], N, { work: R * N });
}
