/**
 * Moving one head of one sequence between the token-major activations x [B·T, H·w] of the training ops and a
 * contiguous [T, w] block that the gemm can multiply.
 */
import type { Floats } from '../storage';

/** Copies head h of sequence b out of x into `into` [T, w]; returns `into`. */
export function readHead(
  x: Floats,
  b: number,
  h: number,
  T: number,
  H: number,
  w: number,
  into: Floats,
): Floats {
  for (let t = 0; t < T; t++) {
    const from = (b * T + t) * H * w + h * w;
    for (let c = 0; c < w; c++) into[t * w + c] = x[from + c];
  }
  return into;
}

/** Adds the block `from` [T, w] into head h of sequence b of x. */
export function addHead(
  x: Floats,
  b: number,
  h: number,
  T: number,
  H: number,
  w: number,
  from: Floats,
): void {
  for (let t = 0; t < T; t++) {
    const to = (b * T + t) * H * w + h * w;
    for (let c = 0; c < w; c++) x[to + c] += from[t * w + c];
  }
}
