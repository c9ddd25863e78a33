import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { applyFeatureMap, type FeatureMapKind, featureSize } from './featureMaps';
import {
  type LinearAttentionInputs,
  linearAttentionChunked,
  linearAttentionParallel,
  linearAttentionRecurrent,
} from './linearAttention';

const MAPS: FeatureMapKind[] = ['eluPlusOne', 'relu', 'identity', 'taylor'];

function inputs(
  featureMap: FeatureMapKind,
  heads: number,
  T: number,
  f: number,
  dv: number,
  seed: number,
): LinearAttentionInputs {
  const rng = createRng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.nextNormal());
  return {
    q: fill(heads * T * f),
    k: fill(heads * T * f),
    v: fill(heads * T * dv),
    heads,
    seqLen: T,
    keyDim: f,
    valueDim: dv,
    featureMap,
  };
}

const maxDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))), 0);

describe('linear attention', () => {
  it('Taylor map: φ(q)·φ(k) = 1 + q·k/√f + (q·k)²/(2f)', () => {
    const rng = createRng(1);
    const f = 6;
    const q = Array.from({ length: f }, () => rng.nextNormal());
    const k = Array.from({ length: f }, () => rng.nextNormal());
    const D = featureSize('taylor', f);
    const pq = new Float64Array(D);
    const pk = new Float64Array(D);
    applyFeatureMap('taylor', q, 0, f, pq, 0);
    applyFeatureMap('taylor', k, 0, f, pk, 0);
    const dot = q.reduce((s, x, i) => s + x * k[i], 0);
    expect(pq.reduce((s, x, i) => s + x * pk[i], 0)).toBeCloseTo(
      1 + dot / Math.sqrt(f) + dot ** 2 / (2 * f),
      12,
    );
  });

  it('recurrent = parallel = chunked for every feature map (property, fixed seed; rel. tol 1e-4 in f32)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MAPS.filter((m) => m !== 'identity' && m !== 'relu')),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(),
        (map, H, T, f, C, seed) => {
          const x = inputs(map, H, T, f, 3, seed);
          const rec = linearAttentionRecurrent(x).output;
          expect(maxDiff(linearAttentionParallel(x).output, rec)).toBeLessThan(1e-4);
          expect(maxDiff(linearAttentionChunked(x, C).output, rec)).toBeLessThan(1e-4);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  it('relu and identity maps agree across forms too (where the normaliser is well away from 0)', () => {
    for (const map of ['relu', 'identity'] as const) {
      // Positive q and k keep φ(q)·z positive, so the division is well conditioned.
      const x = inputs(map, 1, 16, 4, 3, 2);
      for (const arr of [x.q, x.k]) for (let i = 0; i < arr.length; i++) arr[i] = Math.abs(arr[i]) + 0.1;
      const rec = linearAttentionRecurrent(x).output;
      expect(maxDiff(linearAttentionParallel(x).output, rec)).toBeLessThan(1e-4);
      expect(maxDiff(linearAttentionChunked(x, 5).output, rec)).toBeLessThan(1e-4);
    }
  });

  it('is causal, and the implicit attention rows sum to ≈ 1 for positive maps', () => {
    const a = inputs('eluPlusOne', 1, 12, 4, 3, 5);
    const b = inputs('eluPlusOne', 1, 12, 4, 3, 6);
    for (const key of ['q', 'k', 'v'] as const) b[key].set(a[key].subarray(0, key === 'v' ? 6 * 3 : 6 * 4));
    const ya = linearAttentionRecurrent(a).output;
    const yb = linearAttentionRecurrent(b).output;
    expect([...yb.subarray(0, 6 * 3)]).toEqual([...ya.subarray(0, 6 * 3)]);
    const { weights } = linearAttentionParallel(a);
    for (let i = 0; i < 12; i++)
      expect(weights.subarray(i * 12, i * 12 + 12).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
  });

  it('the recurrent trace holds S_t and z_t at every step (z_t = Σ φ(k_s))', () => {
    const x = inputs('eluPlusOne', 1, 5, 2, 2, 9);
    const { trace } = linearAttentionRecurrent(x, { trace: true });
    if (!trace) throw new Error('missing trace');
    expect(trace.states.length).toBe(5 * 2 * 2);
    const phi = (v: number) => (v > 0 ? v + 1 : Math.exp(v));
    expect(trace.normalisers[4 * 2]).toBeCloseTo(
      [0, 1, 2, 3, 4].reduce((s, t) => s + phi(x.k[t * 2]), 0),
      5,
    );
  });
});
