import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { SCAN_KINDS } from '../scans/scanNetworks';
import {
  type SelectiveScanInputs,
  selectiveRetention,
  selectiveScan,
  selectiveScanWithNetwork,
} from './selectiveScan';

function randomInputs(T: number, D: number, N: number, seed: number): SelectiveScanInputs {
  const rng = createRng(seed);
  const f = (n: number, g: () => number) => Float32Array.from({ length: n }, g);
  return {
    x: f(T * D, () => rng.nextNormal()),
    delta: f(T * D, () => Math.log1p(Math.exp(rng.nextNormal() - 1))),
    A: f(D * N, () => -Math.exp(rng.nextNormal())),
    B: f(T * N, () => rng.nextNormal()),
    C: f(T * N, () => rng.nextNormal()),
    Dskip: f(D, () => rng.nextNormal()),
    seqLen: T,
    channels: D,
    stateSize: N,
  };
}

const maxRel = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))), 0);

describe('selective scan (Mamba S6)', () => {
  it('every parallel-scan network equals the sequential scan (property, fixed seed; f32 output, ≤ 1e-6)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCAN_KINDS),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.nat(),
        (kind, T, D, N, seed) => {
          const inputs = randomInputs(T, D, N, seed);
          expect(maxRel(selectiveScanWithNetwork(inputs, kind), selectiveScan(inputs).y)).toBeLessThan(1e-6);
        },
      ),
      { seed: 2312, numRuns: 80 },
    );
  });

  it('matches a hand-computed step: h₁ = Δ₁B₁x₁, h₂ = e^{Δ₂A}h₁ + Δ₂B₂x₂', () => {
    const inputs: SelectiveScanInputs = {
      x: Float32Array.of(1, 2),
      delta: Float32Array.of(0.5, 0.25),
      A: Float32Array.of(-2),
      B: Float32Array.of(3, 4),
      C: Float32Array.of(1, 0.5),
      Dskip: Float32Array.of(0.1),
      seqLen: 2,
      channels: 1,
      stateSize: 1,
    };
    const h1 = 0.5 * 3 * 1;
    const h2 = Math.exp(-0.5) * h1 + 0.25 * 4 * 2;
    const { y, states } = selectiveScan(inputs, { trace: true });
    expect(y[0]).toBeCloseTo(h1 + 0.1, 6);
    expect(y[1]).toBeCloseTo(0.5 * h2 + 0.2, 6);
    expect(states?.[1]).toBeCloseTo(h2, 6);
  });

  it('is causal, and retention decays from 1 with larger Δ forgetting faster', () => {
    const a = randomInputs(10, 2, 3, 1);
    const b = randomInputs(10, 2, 3, 2);
    for (const [key, width] of [
      ['x', 2],
      ['delta', 2],
      ['B', 3],
      ['C', 3],
    ] as const)
      b[key].set(a[key].subarray(0, 5 * width));
    b.A.set(a.A);
    b.Dskip.set(a.Dskip);
    expect([...selectiveScan(b).y.subarray(0, 10)]).toEqual([...selectiveScan(a).y.subarray(0, 10)]);
    const r = selectiveRetention(a.delta, a.A, 10, 2, 3, 3);
    expect(r[2]).toBe(0);
    expect(r[3]).toBeCloseTo(1, 12);
    for (let t = 4; t < 10; t++) expect(r[t]).toBeLessThan(r[t - 1]);
    const fast = selectiveRetention(
      a.delta.map((x) => 4 * x),
      a.A,
      10,
      2,
      3,
      3,
    );
    expect(fast[9]).toBeLessThan(r[9]);
  });
});
