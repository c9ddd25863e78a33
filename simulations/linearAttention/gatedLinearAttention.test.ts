import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import {
  type GatedLinearAttentionInputs,
  glaChunked,
  glaParallel,
  glaRecurrent,
  glaStates,
  retnetGamma,
} from './gatedLinearAttention';

function inputs(
  T: number,
  dk: number,
  dv: number,
  seed: number,
  constantDecay?: number,
): GatedLinearAttentionInputs {
  const rng = createRng(seed);
  const f = (n: number, g: () => number) => Float32Array.from({ length: n }, g);
  return {
    q: f(T * dk, () => rng.nextNormal()),
    k: f(T * dk, () => rng.nextNormal()),
    v: f(T * dv, () => rng.nextNormal()),
    logDecay: f(T * dk, () =>
      constantDecay !== undefined
        ? Math.log(constantDecay)
        : -Math.log1p(Math.exp(-rng.nextNormal() - 2)) / 1,
    ),
    seqLen: T,
    keyDim: dk,
    valueDim: dv,
  };
}

const maxRel = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))), 0);

describe('decayed linear attention (RetNet, GLA)', () => {
  it('the states S_t read out by q_t/√dk give the recurrent outputs', () => {
    const [T, dk, dv] = [9, 4, 3];
    const x = inputs(T, dk, dv, 11);
    const S = glaStates(x);
    const o = new Float32Array(T * dv);
    for (let t = 0; t < T; t++)
      for (let c = 0; c < dv; c++)
        for (let a = 0; a < dk; a++)
          o[t * dv + c] += (x.q[t * dk + a] / Math.sqrt(dk)) * S[(t * dk + a) * dv + c];
    expect(maxRel(o, glaRecurrent(x))).toBeLessThan(1e-5);
  });

  it('recurrent = parallel = chunked, data-dependent decays (GLA; property, fixed seed, ≤ 1e-5)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(),
        (T, dk, dv, C, seed) => {
          const x = inputs(T, dk, dv, seed);
          const rec = glaRecurrent(x);
          expect(maxRel(glaParallel(x).output, rec)).toBeLessThan(1e-5);
          expect(maxRel(glaChunked(x, C), rec)).toBeLessThan(1e-5);
        },
      ),
      { seed: 1608, numRuns: 60 },
    );
  });

  it('RetNet: the parallel weights are (q·k/√d)·γ^{t−s}', () => {
    const gamma = retnetGamma(0);
    expect(gamma).toBe(1 - 1 / 32);
    const x = inputs(6, 2, 1, 4, gamma);
    const { weights } = glaParallel(x);
    const qk = (t: number, s: number) =>
      (x.q[t * 2] * x.k[s * 2] + x.q[t * 2 + 1] * x.k[s * 2 + 1]) / Math.SQRT2;
    expect(weights[5 * 6 + 1]).toBeCloseTo(qk(5, 1) * gamma ** 4, 5);
    expect(weights[2 * 6 + 4]).toBe(0);
  });
});
