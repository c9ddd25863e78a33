import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { type AffineElement, combine, sequentialRecurrence } from './affineMonoid';
import { executeScanNetwork } from './executeScan';
import { heinsenScan } from './heinsenScan';
import { buildScanNetwork, SCAN_KINDS, type ScanKind } from './scanNetworks';

type StateKind = 'scalar' | 'vector' | 'matrix';

function randomElements(n: number, kind: StateKind, seed: number): AffineElement[] {
  const rng = createRng(seed);
  const size = kind === 'scalar' ? 1 : kind === 'vector' ? 5 : 12; // matrix: 3 × 4 state, scalar decay per head
  return Array.from({ length: n }, () => ({
    a: Float64Array.from({ length: kind === 'matrix' ? 1 : size }, () => 0.5 + 0.5 * rng.nextFloat()),
    b: Float64Array.from({ length: size }, () => rng.nextNormal()),
  }));
}

function maxRelError(actual: Float64Array[], expected: Float64Array[]): number {
  let worst = 0;
  for (const [t, e] of expected.entries()) {
    for (const [i, x] of e.entries())
      worst = Math.max(worst, Math.abs(actual[t][i] - x) / Math.max(1, Math.abs(x)));
  }
  return worst;
}

const log2 = Math.log2;

describe('every scan network equals the sequential recurrence', () => {
  const sizes = [...Array.from({ length: 70 }, (_, i) => i + 1), 128, 255];
  for (const kind of SCAN_KINDS) {
    it(`${kind}: n = 1 … 70, 128, 255, scalar / vector / matrix states, with h₀`, () => {
      for (const n of sizes) {
        for (const state of ['scalar', 'vector', 'matrix'] as const) {
          const elements = randomElements(n, state, 1000 * n + state.length);
          const h0 = Float64Array.from(elements[0].b, (_, i) => (i % 3) - 1);
          const expected = sequentialRecurrence(elements, h0);
          const { states } = executeScanNetwork(buildScanNetwork(kind, n), elements, h0);
          expect(maxRelError(states, expected), `${kind} n=${n} ${state}`).toBeLessThan(1e-12);
        }
      }
    });
  }

  it('property: random n, values and network (fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCAN_KINDS),
        fc.integer({ min: 1, max: 200 }),
        fc.nat(),
        (kind: ScanKind, n, seed) => {
          const elements = randomElements(n, 'vector', seed);
          const { states } = executeScanNetwork(buildScanNetwork(kind, n), elements);
          expect(maxRelError(states, sequentialRecurrence(elements))).toBeLessThan(1e-12);
        },
      ),
      { seed: 1990, numRuns: 100 },
    );
  });

  it('the operator is associative', () => {
    const [x, y, z] = randomElements(3, 'vector', 3);
    const left = combine(combine(x, y), z);
    const right = combine(x, combine(y, z));
    for (const [i, v] of left.b.entries()) expect(v).toBeCloseTo(right.b[i], 12);
    for (const [i, v] of left.a.entries()) expect(v).toBeCloseTo(right.a[i], 12);
  });
});

describe('depth and work', () => {
  for (const n of [2, 4, 8, 16, 64, 256]) {
    const L = log2(n);
    it(`match the textbook counts at n = ${n}`, () => {
      const hs = buildScanNetwork('hillisSteele', n);
      expect([hs.depth, hs.work]).toEqual([L, n * L - n + 1]);
      const sk = buildScanNetwork('sklansky', n);
      expect([sk.depth, sk.work]).toEqual([L, (n / 2) * L]);
      const bk = buildScanNetwork('brentKung', n);
      expect([bk.depth, bk.work]).toEqual([Math.max(1, 2 * L - 1), 2 * n - 2 - L]);
      const bl = buildScanNetwork('blelloch', n);
      // 2(n − 1) combines in the sweeps, plus n to turn the exclusive scan inclusive; n − 1 swaps + the root clear.
      expect(bl.work).toBe(2 * (n - 1) + n);
      expect(bl.moves).toBe(n - 1 + 1);
      expect(bl.depth).toBe(2 * L + 2);
      const sq = buildScanNetwork('sequential', n);
      expect([sq.depth, sq.work]).toEqual([n - 1, n - 1]);
    });
  }

  it('counts are honest for non-powers of two (Blelloch reports its padding)', () => {
    expect(buildScanNetwork('hillisSteele', 5).work).toBe(4 + 3 + 1);
    const bl = buildScanNetwork('blelloch', 5);
    expect(bl.paddedSize).toBe(8);
    expect(bl.work).toBe(2 * 7 + 8);
  });
});

describe('each level is truly parallel', () => {
  it('no two ops of a level write the same slot, and every index is in range', () => {
    for (const kind of SCAN_KINDS) {
      for (const n of [1, 2, 3, 7, 16, 33]) {
        const net = buildScanNetwork(kind, n);
        for (const level of net.levels) {
          const written = level.ops.map((op) => op.target);
          expect(new Set(written).size, `${kind} n=${n} ${level.phase}`).toBe(written.length);
          for (const op of level.ops) {
            const touched =
              op.type === 'combine'
                ? [op.left, op.right, op.target]
                : op.type === 'copy'
                  ? [op.source, op.target]
                  : [op.target];
            for (const i of touched) expect(i >= 0 && i < net.paddedSize).toBe(true);
          }
        }
      }
    }
  });

  it('the trace has one snapshot per level (for animation)', () => {
    const net = buildScanNetwork('sklansky', 8);
    const { trace } = executeScanNetwork(net, randomElements(8, 'scalar', 1));
    expect(trace.length).toBe(net.depth);
  });
});

describe('Heinsen log-space scan', () => {
  it('equals the sequential recurrence for positive inputs', () => {
    const rng = createRng(8);
    const a = Array.from({ length: 300 }, () => 0.8 + 0.2 * rng.nextFloat());
    const b = Array.from({ length: 300 }, () => 0.1 + rng.nextFloat());
    const h = heinsenScan(a, b, 2);
    const ref = sequentialRecurrence(
      a.map((x, t) => ({ a: Float64Array.of(x), b: Float64Array.of(b[t]) })),
      Float64Array.of(2),
    );
    for (const [t, x] of h.entries()) expect(Math.abs(x - ref[t][0]) / ref[t][0]).toBeLessThan(1e-12);
    expect(() => heinsenScan([1], [-1])).toThrow(/positive/);
  });
});
