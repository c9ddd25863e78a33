import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { applyRope } from './rope';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('RoPE', () => {
  it('preserves norms and rotates nothing at position 0', () => {
    const rng = createRng(1);
    const x = Float32Array.from({ length: 5 * 8 }, () => rng.nextNormal());
    const y = applyRope(Float32Array.from(x), 1, 5, 8);
    expect([...y.subarray(0, 8)]).toEqual([...x.subarray(0, 8)]);
    for (let t = 0; t < 5; t++)
      expect(dot(y.subarray(t * 8, t * 8 + 8), y.subarray(t * 8, t * 8 + 8))).toBeCloseTo(
        dot(x.subarray(t * 8, t * 8 + 8), x.subarray(t * 8, t * 8 + 8)),
        4,
      );
  });

  it('scores depend only on the offset i − j (property, fixed seed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        fc.nat(),
        (i, j, shift, seed) => {
          const rng = createRng(seed);
          const q = Float32Array.from({ length: 8 }, () => rng.nextNormal());
          const k = Float32Array.from({ length: 8 }, () => rng.nextNormal());
          const T = 60;
          const at = (v: Float32Array, t: number) => {
            const x = new Float32Array(T * 8);
            x.set(v, t * 8);
            return applyRope(x, 1, T, 8).subarray(t * 8, t * 8 + 8);
          };
          expect(dot(at(q, i + shift), at(k, j + shift))).toBeCloseTo(dot(at(q, i), at(k, j)), 3);
        },
      ),
      { seed: 77, numRuns: 60 },
    );
  });

  it('fraction 0.5 leaves the second half of each head untouched (recurrentgemma)', () => {
    const x = Float32Array.from({ length: 3 * 8 }, (_, i) => i + 1);
    const y = applyRope(Float32Array.from(x), 1, 3, 8, { fraction: 0.5 });
    for (let t = 0; t < 3; t++)
      expect([...y.subarray(t * 8 + 4, t * 8 + 8)]).toEqual([...x.subarray(t * 8 + 4, t * 8 + 8)]);
    expect(y[8]).not.toBe(x[8]);
  });
});
