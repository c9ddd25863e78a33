import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directCausalConv, fftCausalConv } from '../ops/fft';
import { createRng } from '../random/rng';
import { initS4DChannel, s4dConvolution, s4dKernel, s4dRecurrent } from './s4d';

describe('FFT convolution', () => {
  it('equals the direct causal convolution', () => {
    const rng = createRng(1);
    for (const L of [1, 2, 7, 64, 100]) {
      const u = Array.from({ length: L }, () => rng.nextNormal());
      const k = Array.from({ length: L }, () => rng.nextNormal());
      const fft = fftCausalConv(u, k);
      const direct = directCausalConv(u, k);
      for (const [i, x] of direct.entries()) expect(Math.abs(fft[i] - x)).toBeLessThan(1e-10);
    }
  });
});

describe('S4D', () => {
  it('recurrent form = convolution form (property, fixed seed, float64: ≤ 1e-9)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 80 }),
        fc.constantFrom('lin' as const, 'inv' as const),
        fc.nat(),
        (M, L, init, seed) => {
          const rng = createRng(seed);
          const channel = initS4DChannel(M, init, rng);
          const u = Array.from({ length: L }, () => rng.nextNormal());
          const rec = s4dRecurrent(channel, u).y;
          const conv = s4dConvolution(channel, u);
          for (const [t, x] of rec.entries())
            expect(Math.abs(conv[t] - x)).toBeLessThan(1e-9 * Math.max(1, Math.abs(x)));
        },
      ),
      { seed: 4, numRuns: 60 },
    );
  });

  it('the kernel is the impulse response, and decays (Re A < 0)', () => {
    const channel = initS4DChannel(4, 'lin', createRng(2));
    const L = 50;
    const impulse = Array.from({ length: L }, (_, t) => (t === 0 ? 1 : 0));
    const y = s4dRecurrent({ ...channel, d: 0 }, impulse).y;
    const K = s4dKernel(channel, L);
    for (const [t, x] of y.entries()) expect(x).toBeCloseTo(K[t], 10);
    const far = s4dKernel({ ...channel, logDt: Math.log(0.5) }, 400);
    expect(Math.abs(far[399])).toBeLessThan(1e-6 * Math.max(...far.map(Math.abs)));
  });

  it('is causal', () => {
    const channel = initS4DChannel(3, 'inv', createRng(3));
    const u = [1, -2, 0.5, 3, 1, 1];
    const v = [1, -2, 0.5, 9, 9, 9];
    const a = s4dConvolution(channel, u);
    const b = s4dConvolution(channel, v);
    for (let t = 0; t < 3; t++) expect(b[t]).toBeCloseTo(a[t], 12);
  });
});
