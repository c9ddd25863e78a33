import { describe, expect, it } from 'vitest';
import { weightColorScale } from '../AttentionMatrix/colorScale';
import { countNonFinite, MASKED_RGBA, matrixTextureBytes } from './planeTexture';

describe('matrixTextureBytes', () => {
  const color = weightColorScale('linear');
  it('puts matrix row 0 in the top texture row, colours by the scale, greys non-finite values', () => {
    // 2 × 2 at offset 1: [[0, 1], [NaN, 0.5]]
    const bytes = matrixTextureBytes([9, 0, 1, Number.NaN, 0.5], 1, 2, 2, color);
    const px = (texRow: number, col: number) =>
      Array.from(bytes.slice((texRow * 2 + col) * 4, (texRow * 2 + col) * 4 + 4));
    expect(px(1, 0)).toEqual([68, 1, 84, 255]); // viridis(0) = #440154, matrix row 0 → texture row 1
    expect(px(1, 1)).toEqual([253, 231, 37, 255]); // viridis(1) = #fde725
    expect(px(0, 0)).toEqual([122, 122, 122, 255]); // NaN → #7a7a7a, the library's one non-finite grey
  });
  it('draws masked cells nearly transparent', () => {
    const bytes = matrixTextureBytes([0.2, 0.3, 0.4, 0.5], 0, 2, 2, color, (r, c) => c > r);
    expect(Array.from(bytes.slice(12, 16))).toEqual([...MASKED_RGBA]); // row 0, col 1 → texture row 1, col 1
    expect(bytes[3]).toBe(255);
  });
  it('counts NaN and infinities', () => {
    expect(countNonFinite([1, Number.NaN, Number.POSITIVE_INFINITY, -Infinity, 0])).toBe(3);
  });
});
