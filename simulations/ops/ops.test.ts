import { describe, expect, it } from 'vitest';
import { erf, gelu, sigmoid, silu, softplus } from './activations';
import { causalDepthwiseConv1d } from './causalConv1d';
import { embed, linear } from './linear';
import { layerNorm, rmsNorm } from './norms';

const f32 = (a: number[]) => Float32Array.from(a);

describe('ops', () => {
  it('linear: x·W + b by hand', () => {
    // x = [[1, 2]], W = [[1, 0, 2], [0, 1, 3]] → [1, 2, 8] + b
    expect([...linear(f32([1, 2]), 1, 2, f32([1, 0, 2, 0, 1, 3]), 3, f32([0.5, 0, -1]))]).toEqual([
      1.5, 2, 7,
    ]);
    expect(() => linear(f32([1]), 1, 2, f32([1, 2]), 1)).toThrow(/x has 1 values/);
  });

  it('embedding gathers rows and names a bad token', () => {
    expect([...embed([2, 0], f32([0, 1, 2, 3, 4, 5]), 3, 2)]).toEqual([4, 5, 0, 1]);
    expect(() => embed([3], f32([0, 1, 2, 3, 4, 5]), 3, 2)).toThrow(/Token 3 at position 0/);
  });

  it('layerNorm and rmsNorm by hand', () => {
    const ln = layerNorm(f32([1, 3]), 1, 2, f32([1, 1]), f32([0, 0]), 0);
    expect([...ln]).toEqual([-1, 1]);
    const rms = rmsNorm(f32([3, 4]), 1, 2, f32([1, 2]), 0);
    const r = Math.sqrt(12.5);
    expect(rms[0]).toBeCloseTo(3 / r, 6);
    expect(rms[1]).toBeCloseTo(8 / r, 6);
  });

  it('activations match known values', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-800)).toBe(0);
    expect(silu(1)).toBeCloseTo(0.7310586, 6);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 12);
    expect(softplus(1000)).toBe(1000);
    expect(erf(1)).toBeCloseTo(0.8427008, 6);
    expect(gelu(1)).toBeCloseTo(0.8413447, 6);
    expect(gelu(-3)).toBeCloseTo(-0.0040497, 6);
  });

  it('causal depthwise conv: the last tap multiplies the current token, nothing looks ahead', () => {
    // One channel, kernel [a, b, c] = [1, 10, 100]: y_t = 100·x_t + 10·x_{t−1} + 1·x_{t−2}
    const y = causalDepthwiseConv1d(f32([1, 2, 3]), 3, 1, f32([1, 10, 100]), 3);
    expect([...y]).toEqual([100, 210, 321]);
    // Two channels with a bias.
    const y2 = causalDepthwiseConv1d(f32([1, 2, 3, 4]), 2, 2, f32([0, 1, 1, 0]), 2, f32([0.5, 0]));
    expect([...y2]).toEqual([1.5, 0, 3.5, 2]);
  });
});
