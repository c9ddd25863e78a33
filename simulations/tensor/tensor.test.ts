import { describe, expect, it } from 'vitest';
import { assertShape, sizeOf, stridesOf, tensor, zeros } from './tensor';

describe('tensor', () => {
  it('checks data length against the shape', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], [2, 3]).shape).toEqual([2, 3]);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow(/needs 4/);
    expect(() => zeros([2, -1])).toThrow(/Invalid dimension/);
  });
  it('computes sizes and row-major strides', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 3, 4])).toBe(24);
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1]);
  });
  it('assertShape names the tensor and accepts −1 wildcards', () => {
    const t = zeros([3, 5]);
    expect(() => assertShape(t, [3, -1], 'x')).not.toThrow();
    expect(() => assertShape(t, [5, 3], 'W_q')).toThrow(/W_q has shape \[3, 5\], expected \[5, 3\]/);
  });
});
