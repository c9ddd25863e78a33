import { describe, expect, it } from 'vitest';
import { directCausalConv, fftInPlace } from '../ops/fft';
import { createRng } from '../random/rng';
import { monarchCausalConv, monarchDft, monarchMultiply, transposePermutation } from './monarch';

describe('Monarch matrices', () => {
  it('the Monarch-factored DFT equals the FFT (b = 2, 4, 8)', () => {
    const rng = createRng(1);
    for (const b of [2, 4, 8]) {
      const n = b * b;
      const x = {
        re: Float64Array.from({ length: n }, () => rng.nextNormal()),
        im: Float64Array.from({ length: n }, () => rng.nextNormal()),
      };
      const y = monarchDft(x, b);
      const re = Float64Array.from(x.re);
      const im = Float64Array.from(x.im);
      fftInPlace(re, im);
      for (let i = 0; i < n; i++) {
        expect(y.re[i]).toBeCloseTo(re[i], 9);
        expect(y.im[i]).toBeCloseTo(im[i], 9);
      }
      const back = monarchDft(y, b, true);
      for (let i = 0; i < n; i++) expect(back.re[i]).toBeCloseTo(x.re[i], 9);
    }
  });

  it('a Monarch product with identity blocks is the identity; P is an involution', () => {
    const b = 3;
    const eye = { re: new Float64Array(b * b * b), im: new Float64Array(b * b * b) };
    for (let g = 0; g < b; g++) for (let r = 0; r < b; r++) eye.re[g * b * b + r * b + r] = 1;
    const x = { re: Float64Array.from({ length: 9 }, (_, i) => i), im: new Float64Array(9) };
    expect([...monarchMultiply(eye, eye, x, b).re]).toEqual([...x.re]);
    expect([...transposePermutation(transposePermutation(x, b), b).re]).toEqual([...x.re]);
  });

  it('long causal convolution through Monarch DFTs equals the direct convolution', () => {
    const rng = createRng(2);
    for (const L of [1, 5, 32, 50]) {
      const u = Array.from({ length: L }, () => rng.nextNormal());
      const k = Array.from({ length: L }, () => rng.nextNormal());
      const m = monarchCausalConv(u, k);
      const d = directCausalConv(u, k);
      for (let t = 0; t < L; t++) expect(m[t]).toBeCloseTo(d[t], 8);
    }
  });
});
