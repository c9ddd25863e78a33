import { describe, expect, it } from 'vitest';
import { softplus } from '../ops/activations';
import { createRng } from '../random/rng';
import { executeScanNetwork } from '../scans/executeScan';
import { buildScanNetwork, SCAN_KINDS } from '../scans/scanNetworks';
import { initLambda, RG_LRU_C, rgLru, rgLruElements } from './rgLru';

function inputs(T: number, D: number, seed: number) {
  const rng = createRng(seed);
  const f = (n: number, g: () => number) => Float32Array.from({ length: n }, g);
  return {
    x: f(T * D, () => rng.nextNormal()),
    r: f(T * D, () => rng.nextFloat()),
    i: f(T * D, () => rng.nextFloat()),
    softplusLambda: f(D, () => softplus(initLambda(rng.nextFloat()))),
    seqLen: T,
    channels: D,
  };
}

describe('RG-LRU', () => {
  it('a_t = a^{c·r_t} and the state follows the hand-computed recurrence', () => {
    const x = inputs(3, 1, 1);
    const { h, a } = rgLru(x);
    const base = Math.exp(-x.softplusLambda[0]);
    for (let t = 0; t < 3; t++) expect(a[t]).toBeCloseTo(base ** (RG_LRU_C * x.r[t]), 6);
    const h0 = x.i[0] * x.x[0]; // multiplier 1 at the start
    const h1 = a[1] * h0 + Math.sqrt(1 - a[1] ** 2) * x.i[1] * x.x[1];
    expect(h[0]).toBeCloseTo(h0, 6);
    expect(h[1]).toBeCloseTo(h1, 6);
  });

  it('every scan network gives the same states as the recurrence', () => {
    const x = inputs(37, 3, 2);
    const { h } = rgLru(x);
    const { elements } = rgLruElements(x);
    for (const kind of SCAN_KINDS) {
      elements.forEach((channel, c) => {
        const { states } = executeScanNetwork(buildScanNetwork(kind, 37), channel);
        states.forEach((s, t) => {
          expect(s[0]).toBeCloseTo(h[t * 3 + c], 5);
        });
      });
    }
  });

  it('initialises a² in [0.9², 0.999²]', () => {
    for (const u of [0, 0.5, 1]) {
      const a = Math.exp(-softplus(initLambda(u)));
      expect(a * a).toBeGreaterThanOrEqual(0.81 - 1e-9);
      expect(a * a).toBeLessThanOrEqual(0.998001 + 1e-9);
    }
  });

  it('keeps the state bounded (the √(1 − a²) normalisation): |h| ≤ max |i·x|', () => {
    const x = inputs(500, 2, 3);
    const { h } = rgLru(x);
    const bound = Math.max(...x.x.map((v, k) => Math.abs(v * x.i[k])));
    expect(Math.max(...h.map(Math.abs))).toBeLessThanOrEqual(bound + 1e-5);
  });
});
