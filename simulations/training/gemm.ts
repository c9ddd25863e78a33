import { wasmGemmABt } from '../wasm/wasmGemm';
import type { Floats } from './storage';

/**
 * The matrix product of training, C[m, n] (+)= Σ_k A[m, k]·Bᵗ[n, k], with both operands row-major along k so
 * the inner loop walks contiguous memory. Two implementations: WebAssembly SIMD (simulations/wasm, f64x2 lanes,
 * 4×2 register blocks) and plain TypeScript (4×4 register blocks: sixteen scalar accumulators, each k loads
 * 4 + 4 values for 16 multiply-adds, about 4× the naive triple loop in V8). Both sum in float64; the Wasm one
 * pairs even and odd k, so the two differ in the last bits.
 */

/** Multiply-add count of every gemmABt call (×2 = FLOPs), for the training benchmark's GFLOP/s. */
export const gemmCounter = { multiplyAdds: 0 };

/** Which implementation gemmABt uses: WebAssembly SIMD (default where available) or plain TypeScript. */
export type GemmBackend = 'wasm' | 'js';
let backend: GemmBackend = 'wasm';
export function setGemmBackend(next: GemmBackend): void {
  backend = next;
}

export function gemmABt(
  A: Floats,
  Bt: Floats,
  C: Floats,
  M: number,
  N: number,
  K: number,
  accumulate: boolean,
): void {
  gemmCounter.multiplyAdds += M * N * K;
  // Below ~4k multiply-adds the copies into Wasm memory cost more than they save.
  if (
    backend === 'wasm' &&
    M * N * K >= 4096 &&
    A instanceof Float64Array &&
    Bt instanceof Float64Array &&
    C instanceof Float64Array &&
    wasmGemmABt(A, Bt, C, M, N, K, accumulate)
  )
    return;
  gemmJs(A, Bt, C, M, N, K, accumulate);
}

/** The plain-TypeScript kernel (the reference for the Wasm one, and the fallback). */
export function gemmJs(
  A: Floats,
  Bt: Floats,
  C: Floats,
  M: number,
  N: number,
  K: number,
  accumulate: boolean,
): void {
  const M4 = M - (M % 4);
  const N4 = N - (N % 4);
  for (let m = 0; m < M4; m += 4) {
    const a0 = m * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    for (let n = 0; n < N4; n += 4) {
      const b0 = n * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k];
        const x1 = A[a1 + k];
        const x2 = A[a2 + k];
        const x3 = A[a3 + k];
        const y0 = Bt[b0 + k];
        const y1 = Bt[b1 + k];
        const y2 = Bt[b2 + k];
        const y3 = Bt[b3 + k];
        c00 += x0 * y0;
        c01 += x0 * y1;
        c02 += x0 * y2;
        c03 += x0 * y3;
        c10 += x1 * y0;
        c11 += x1 * y1;
        c12 += x1 * y2;
        c13 += x1 * y3;
        c20 += x2 * y0;
        c21 += x2 * y1;
        c22 += x2 * y2;
        c23 += x2 * y3;
        c30 += x3 * y0;
        c31 += x3 * y1;
        c32 += x3 * y2;
        c33 += x3 * y3;
      }
      const o0 = m * N + n;
      const o1 = o0 + N;
      const o2 = o1 + N;
      const o3 = o2 + N;
      if (accumulate) {
        C[o0] += c00;
        C[o0 + 1] += c01;
        C[o0 + 2] += c02;
        C[o0 + 3] += c03;
        C[o1] += c10;
        C[o1 + 1] += c11;
        C[o1 + 2] += c12;
        C[o1 + 3] += c13;
        C[o2] += c20;
        C[o2 + 1] += c21;
        C[o2 + 2] += c22;
        C[o2 + 3] += c23;
        C[o3] += c30;
        C[o3 + 1] += c31;
        C[o3 + 2] += c32;
        C[o3 + 3] += c33;
      } else {
        C[o0] = c00;
        C[o0 + 1] = c01;
        C[o0 + 2] = c02;
        C[o0 + 3] = c03;
        C[o1] = c10;
        C[o1 + 1] = c11;
        C[o1 + 2] = c12;
        C[o1 + 3] = c13;
        C[o2] = c20;
        C[o2 + 1] = c21;
        C[o2 + 2] = c22;
        C[o2 + 3] = c23;
        C[o3] = c30;
        C[o3 + 1] = c31;
        C[o3 + 2] = c32;
        C[o3 + 3] = c33;
      }
    }
  }
  // Edges: the rows and columns outside the 4×4 blocks, plain dot products.
  for (let m = 0; m < M; m++) {
    for (let n = m < M4 ? N4 : 0; n < N; n++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[m * K + k] * Bt[n * K + k];
      C[m * N + n] = accumulate ? C[m * N + n] + s : s;
    }
  }
}

/** Row-major [rows, cols] → [cols, rows]. */
export function transpose(x: Floats, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = x[r * cols + c];
  return t;
}
