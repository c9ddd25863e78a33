/** Frobenius norm and max |x| of slice t of a [steps, rows, cols] tensor (NaN when it holds a non-finite value). */
export function sliceNorms(
  states: ArrayLike<number>,
  t: number,
  size: number,
): { frobenius: number; maxAbs: number } {
  let sq = 0;
  let max = 0;
  for (let i = t * size; i < (t + 1) * size; i++) {
    const v = states[i];
    if (!Number.isFinite(v)) return { frobenius: Number.NaN, maxAbs: Number.NaN };
    sq += v * v;
    max = Math.max(max, Math.abs(v));
  }
  return { frobenius: Math.sqrt(sq), maxAbs: max };
}
