/** Moving between token-major [T, …] activations and head-major [H, T, width] blocks. */

/** Columns [offset, offset + H·width) of x [T, rowWidth] → head-major [H, T, width]. */
export function toHeads(
  x: Float32Array,
  T: number,
  rowWidth: number,
  offset: number,
  heads: number,
  width: number,
): Float32Array {
  const out = new Float32Array(heads * T * width);
  for (let t = 0; t < T; t++) {
    for (let h = 0; h < heads; h++) {
      const from = t * rowWidth + offset + h * width;
      out.set(x.subarray(from, from + width), (h * T + t) * width);
    }
  }
  return out;
}

/** Head-major [H, T, width] → token-major [T, H·width]. */
export function fromHeads(x: Float32Array, T: number, heads: number, width: number): Float32Array {
  const out = new Float32Array(T * heads * width);
  for (let h = 0; h < heads; h++)
    for (let t = 0; t < T; t++)
      out.set(x.subarray((h * T + t) * width, (h * T + t + 1) * width), (t * heads + h) * width);
  return out;
}
