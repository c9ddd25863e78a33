import { describe, expect, it } from 'vitest';
import { createRng } from '../../simulations/random/rng';
import { initS4DChannel, s4dConvolution, s4dRecurrent } from '../../simulations/ssm/s4d';
import { outputDifference, outputsAgree } from './kernelDifference';

describe('outputDifference', () => {
  it('finds the largest gap, where it is, and its size relative to the output', () => {
    const d = outputDifference([1, -4, 2], [1, -3.5, 2.25]);
    expect(d).toEqual({ max: 0.5, at: 1, relative: 0.125, nonFinite: 0, lengthMismatch: false });
    expect(outputsAgree(d, 0.2)).toBe(true);
    expect(outputsAgree(d, 0.1)).toBe(false);
  });
  it('reports NaN/∞ and length mismatches instead of a misleading number', () => {
    const d = outputDifference([1, Number.NaN, Number.POSITIVE_INFINITY], [1, 2, 3, 4]);
    expect(d.nonFinite).toBe(2);
    expect(d.max).toBeNaN();
    expect(d.lengthMismatch).toBe(true);
    expect(outputsAgree(d, 1)).toBe(false);
    expect(outputDifference([], [])).toMatchObject({ max: 0, at: -1, relative: 0 });
    expect(outputDifference([0, 0], [0, 1e-3]).relative).toBe(Number.POSITIVE_INFINITY);
  });
  it('sees S4D’s recurrence and FFT convolution agree to float64 rounding, and a perturbation does not', () => {
    const rng = createRng(3);
    const channel = initS4DChannel(8, 'lin', rng);
    const u = Float64Array.from({ length: 128 }, () => rng.nextNormal());
    const rec = s4dRecurrent(channel, u).y;
    const conv = s4dConvolution(channel, u);
    expect(outputsAgree(outputDifference(rec, conv), 1e-9)).toBe(true);
    conv[40] += 1e-3;
    expect(outputDifference(rec, conv).at).toBe(40);
    expect(outputsAgree(outputDifference(rec, conv), 1e-9)).toBe(false);
  });
});
