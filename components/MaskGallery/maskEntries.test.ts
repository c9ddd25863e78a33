import { describe, expect, it } from 'vitest';
import { buildMask } from '../../simulations/attention/masks/buildMask';
import { receptiveField } from '../../simulations/attention/masks/maskStats';
import { createRng } from '../../simulations/random/rng';
import { formatCount } from '../shared/format';
import { defaultMaskEntries, meanReachPerLayer, reachSets, summariseMask } from './maskEntries';

const T = 32;
const dim = 4;
const rng = createRng(1);
const sharedQK = Float32Array.from({ length: T * dim }, () => rng.nextNormal());

describe('defaultMaskEntries', () => {
  it('covers every static kind, and the data-dependent ones only with data', () => {
    const kinds = (withData: boolean) => defaultMaskEntries(T, withData).map((e) => e.spec.kind);
    expect(kinds(false)).toEqual([
      'full',
      'slidingWindow',
      'dilatedWindow',
      'strided',
      'fixed',
      'windowGlobal',
      'bigBird',
      'blockSparse',
    ]);
    expect(kinds(true).slice(-2)).toEqual(['lsh', 'kmeans']);
  });
  it.each([1, 2, 7, 32, 1024])('builds valid masks at T = %i', (n) => {
    const qk = Float32Array.from({ length: n * dim }, (_, i) => Math.sin(i));
    for (const e of defaultMaskEntries(n, true))
      expect(() => buildMask(e.spec, n, { sharedQK: qk, dim })).not.toThrow();
  });
});

describe('summariseMask', () => {
  it('full causal attention: density 1, FLOPs = full, mean reach (T+1)/2 after one layer', () => {
    const s = summariseMask({ name: 'full', spec: { kind: 'full' } }, T, {}, 16, 3);
    expect(s.stats.densityVsCausal).toBe(1);
    expect(s.stats.flopsVsFull).toBe(1);
    expect(s.meanReach[0]).toBe(1);
    expect(s.meanReach[1]).toBeCloseTo((T + 1) / 2);
  });
  it('a sliding window reaches w more tokens per layer', () => {
    const s = summariseMask({ name: 'w', spec: { kind: 'slidingWindow', window: 2 } }, T, {}, 16, 3);
    expect(s.stats.flopsVsFull).toBeLessThan(0.2);
    expect(s.meanReach[3]).toBeGreaterThan(s.meanReach[1]);
  });
});

describe('reachSets', () => {
  it.each(defaultMaskEntries(T, true).map((e) => [e.name, e] as const))(
    '%s: each layer’s reach of the last query has receptiveField’s size',
    (_, entry) => {
      const mask = buildMask(entry.spec, T, { sharedQK, dim });
      const sets = reachSets(mask, T - 1, 4);
      expect(sets).toHaveLength(5);
      sets.forEach((set, l) => {
        expect(set.reduce((a, b) => a + b, 0)).toBe(receptiveField(mask, l)[T - 1]);
      });
    },
  );
  it('a window of 1 reaches exactly one more token per layer', () => {
    const mask = buildMask({ kind: 'slidingWindow', window: 1 }, 8, {});
    expect(Array.from(reachSets(mask, 7, 2)[2])).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
  });
});

describe('meanReachPerLayer', () => {
  it.each(defaultMaskEntries(T, true).map((e) => [e.name, e] as const))(
    '%s: equals the mean of the engine’s receptiveField at every depth',
    (_, entry) => {
      const mask = buildMask(entry.spec, T, { sharedQK, dim });
      meanReachPerLayer(mask, 4).forEach((m, l) => {
        expect(m).toBeCloseTo(receptiveField(mask, l).reduce((a, b) => a + b, 0) / T, 12);
      });
    },
  );
});

describe('formatCount', () => {
  it('abbreviates', () => {
    expect(formatCount(950)).toBe('950');
    expect(formatCount(12_345)).toBe('12.3 k');
    expect(formatCount(4_200_000)).toBe('4.20 M');
  });
});
