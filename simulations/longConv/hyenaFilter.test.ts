import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { hyenaDecays, hyenaFilters, hyenaPositions } from './hyenaFilter';

function randomFilter(d: number, width: number, seed: number) {
  const rng = createRng(seed);
  const dims = [3, width, width, width, d];
  const layers = dims.slice(0, -1).map((inDim, k) => ({
    W: Float32Array.from({ length: inDim * dims[k + 1] }, () => rng.nextNormal() / Math.sqrt(inDim)),
    b: k < dims.length - 2 ? Float32Array.from({ length: dims[k + 1] }, () => rng.nextNormal()) : undefined,
    inDim,
    outDim: dims[k + 1],
  }));
  const freqs = [0, 1, 2].map(() => new Float32Array(width).fill(1));
  return { layers, freqs };
}

describe('Hyena implicit filter', () => {
  it('positions run from t = 0 to 1 with the (cos, −sin) features', () => {
    const z = hyenaPositions(5);
    expect([z[0], z[1], z[2]]).toEqual([0, 1, -0]);
    expect(z[4 * 3]).toBe(1);
  });

  it('decay rates are spread between the slow and fast settings', () => {
    const a = hyenaDecays(4);
    expect(a[0]).toBeCloseTo(Math.log(100) / 1.5, 10);
    expect(a[3]).toBeCloseTo(Math.log(100) / 0.3, 10);
  });

  it('every channel is enveloped by exp(−|α_c|·t): late lags are tiny in fast channels', () => {
    const d = 6;
    const L = 64;
    const h = hyenaFilters(randomFilter(d, 16, 1), d, L);
    const decays = hyenaDecays(d);
    // The FFN output of the last (linear) layer is bounded by Σ|W| since |sin| ≤ 1.
    for (let c = 0; c < d; c++) {
      for (let l = 0; l < L; l++) {
        const t = l / (L - 1);
        expect(Math.abs(h[c * L + l])).toBeLessThanOrEqual(16 * 2 * Math.exp(-decays[c] * t));
      }
    }
    expect(Math.abs(h[(d - 1) * L + L - 1])).toBeLessThan(1e-4);
  });

  it('T lags of a filter built at L are the first T lags of the whole length-L filter (Zoology: built at l_max, truncated)', () => {
    const d = 5;
    const L = 32;
    const params = randomFilter(d, 16, 2);
    const whole = hyenaFilters(params, d, L);
    for (const T of [1, 2, 9, 31, 32]) {
      const head = hyenaFilters(params, d, T, L);
      expect(head.length).toBe(d * T);
      for (let c = 0; c < d; c++) for (let l = 0; l < T; l++) expect(head[c * T + l]).toBe(whole[c * L + l]);
      expect([...hyenaPositions(T, L)]).toEqual([...hyenaPositions(L)].slice(0, 3 * T));
    }
    // Rebuilding at the input's length instead stretches the filter: lag 1 moves from t = 1/31 to t = 1/8.
    expect(hyenaFilters(params, d, 9)[1]).not.toBeCloseTo(whole[1], 6);
    expect(() => hyenaFilters(params, d, L + 1, L)).toThrow(RangeError);
  });
});
