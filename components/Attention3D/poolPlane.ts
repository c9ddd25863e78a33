/** Largest texture side of one attention plane in the 3D view; a larger T is pooled down to it. */
export const MAX_PLANE_TEXELS = 256;

/** A T × T attention plane reduced for drawing: `side` × `side` texels, each a `factor` × `factor` block. */
export interface PooledPlane {
  /** Texel values, row-major (NaN where the block holds a non-finite weight). */
  values: Float32Array;
  /** Whether every cell of the texel's block is masked (the future), row-major. */
  masked: Uint8Array;
  side: number;
  /** Cells per texel along each axis (1: no pooling). */
  factor: number;
}

/**
 * Max-pools plane `p` of `weights` ([planes, T, T]) to at most `maxSide` texels a side. The rule: a texel
 * stands for a factor × factor block of cells (factor = ⌈T / maxSide⌉) and shows the block's LARGEST weight
 * over its unmasked cells — a sharp attention peak stays visible instead of being averaged away — NaN when any
 * cell of the block is NaN or ±Infinity (so a bad value is never hidden), and masked when every cell is masked.
 */
export function poolPlane(
  weights: ArrayLike<number>,
  p: number,
  T: number,
  causal: boolean,
  maxSide = MAX_PLANE_TEXELS,
): PooledPlane {
  const factor = Math.max(1, Math.ceil(T / maxSide));
  const side = Math.ceil(T / factor);
  const values = new Float32Array(side * side).fill(Number.NEGATIVE_INFINITY);
  const masked = new Uint8Array(side * side).fill(1);
  const base = p * T * T;
  for (let r = 0; r < T; r++) {
    const out = Math.floor(r / factor) * side;
    const row = base + r * T;
    const last = causal ? r : T - 1; // the last key this query may see
    for (let C = 0; C * factor <= last; C++) {
      const o = out + C;
      masked[o] = 0;
      let m = values[o];
      if (Number.isNaN(m)) continue;
      const end = Math.min(last + 1, (C + 1) * factor);
      for (let c = C * factor; c < end; c++) {
        const v = weights[row + c];
        if (v > m) m = v;
        else if (Number.isNaN(v) || v === Number.NEGATIVE_INFINITY) {
          m = Number.NaN;
          break;
        }
      }
      values[o] = m === Number.POSITIVE_INFINITY ? Number.NaN : m;
    }
  }
  return { values, masked, side, factor };
}
