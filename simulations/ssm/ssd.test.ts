import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { type SsdHeadInputs, ssdChunked, ssdImplicitAttention, ssdQuadratic, ssdRecurrent } from './ssd';

function inputs(T: number, P: number, N: number, seed: number): SsdHeadInputs {
  const rng = createRng(seed);
  const f = (n: number, g: () => number) => Float32Array.from({ length: n }, g);
  return {
    x: f(T * P, () => rng.nextNormal()),
    delta: f(T, () => Math.log1p(Math.exp(rng.nextNormal()))),
    A: -(1 + 15 * rng.nextFloat()),
    B: f(T * N, () => rng.nextNormal()),
    C: f(T * N, () => rng.nextNormal()),
    D: rng.nextNormal(),
    seqLen: T,
    headDim: P,
    stateSize: N,
  };
}

const maxRel = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))), 0);

describe('Mamba-2 SSD', () => {
  it('recurrent = quadratic = chunked (property, fixed seed; f32 outputs ≤ 1e-5)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        (T, P, N, Q, seed) => {
          const x = inputs(T, P, N, seed);
          const rec = ssdRecurrent(x);
          expect(maxRel(ssdQuadratic(x), rec)).toBeLessThan(1e-5);
          expect(maxRel(ssdChunked(x, Q), rec)).toBeLessThan(1e-5);
        },
      ),
      { seed: 2405, numRuns: 80 },
    );
  });

  it('the implicit attention matrix is causal and decays with distance', () => {
    const x = inputs(12, 1, 2, 3);
    x.B.fill(1);
    x.C.fill(1);
    const M = ssdImplicitAttention(x);
    for (let t = 0; t < 12; t++) for (let s = t + 1; s < 12; s++) expect(M[t * 12 + s]).toBe(0);
    // With B = C = 1 the weight of s at t is 2·e^{A(Λ_t − Λ_s)}·Δ_s: smaller the further back, per unit Δ.
    for (let s = 0; s < 11; s++)
      expect(M[11 * 12 + s] / x.delta[s]).toBeLessThan(M[11 * 12 + s + 1] / x.delta[s + 1]);
  });
});
