import { rgb } from 'd3';

import { NON_FINITE_COLOR } from '../shared/palette';
/** Colour and alpha of a masked (future) cell. */
export const MASKED_RGBA: readonly [number, number, number, number] = [196, 201, 212, 50];

/**
 * RGBA bytes of a rows × cols matrix for a WebGL texture: row 0 of the matrix at the top of the image (WebGL
 * textures start at the bottom row), colour from `color`, grey for non-finite values, and the masked cells
 * (when `masked` says so) nearly transparent.
 */
export function matrixTextureBytes(
  values: ArrayLike<number>,
  offset: number,
  rows: number,
  cols: number,
  color: (v: number) => string,
  masked?: (row: number, col: number) => boolean,
): Uint8Array {
  const bytes = new Uint8Array(rows * cols * 4);
  const bad = rgb(NON_FINITE_COLOR);
  for (let r = 0; r < rows; r++) {
    const texRow = rows - 1 - r;
    for (let c = 0; c < cols; c++) {
      const o = (texRow * cols + c) * 4;
      if (masked?.(r, c)) {
        bytes.set(MASKED_RGBA, o);
        continue;
      }
      const v = values[offset + r * cols + c];
      const col = Number.isFinite(v) ? rgb(color(v)) : bad;
      bytes[o] = col.r;
      bytes[o + 1] = col.g;
      bytes[o + 2] = col.b;
      bytes[o + 3] = 255;
    }
  }
  return bytes;
}

/** How many values of `values` are NaN or ±Infinity. */
export function countNonFinite(values: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) n++;
  return n;
}
