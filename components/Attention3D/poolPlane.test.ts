import { describe, expect, it } from 'vitest';
import { poolPlane } from './poolPlane';

describe('poolPlane', () => {
  it('leaves a small plane as it is (factor 1)', () => {
    const w = [1, 0, 0.4, 0.6];
    const pooled = poolPlane(w, 0, 2, true, 4);
    expect(pooled.factor).toBe(1);
    expect(pooled.side).toBe(2);
    expect(Array.from(pooled.values)).toEqual([
      1,
      Number.NEGATIVE_INFINITY,
      Math.fround(0.4),
      Math.fround(0.6),
    ]);
    expect(Array.from(pooled.masked)).toEqual([0, 1, 0, 0]);
  });

  it('keeps the largest unmasked weight of each block, so a one-hot peak survives pooling', () => {
    const T = 8;
    const w = new Float32Array(2 * T * T).fill(0.01);
    w[T * T + 7 * T + 5] = 1; // plane 1, query 7 attends to key 5
    const pooled = poolPlane(w, 1, T, true, 4);
    expect(pooled.factor).toBe(2);
    expect(pooled.side).toBe(4);
    expect(pooled.values[3 * 4 + 2]).toBe(1); // block rows 6–7, cols 4–5
    expect(pooled.values[3 * 4 + 1]).toBeCloseTo(0.01);
    // block (0, 1) = rows 0–1, cols 2–3 is all future: masked; the diagonal block (0, 0) is not
    expect(pooled.masked[1]).toBe(1);
    expect(pooled.masked[0]).toBe(0);
  });

  it('a non-finite cell makes its texel NaN; a T that the factor does not divide gets a partial last block', () => {
    const T = 5;
    const w = new Float32Array(T * T).fill(0.2);
    w[4 * T + 4] = Number.POSITIVE_INFINITY;
    const pooled = poolPlane(w, 0, T, false, 2);
    expect(pooled.factor).toBe(3);
    expect(pooled.side).toBe(2);
    expect(pooled.values[3]).toBeNaN();
    expect(pooled.values[0]).toBeCloseTo(0.2);
    expect(Array.from(pooled.masked)).toEqual([0, 0, 0, 0]);
  });

  it('pools T = 1024 to 256 × 256 quickly', () => {
    const T = 1024;
    const w = new Float32Array(T * T).fill(1 / T);
    const t0 = performance.now();
    const pooled = poolPlane(w, 0, T, true);
    expect(pooled.side).toBe(256);
    expect(pooled.factor).toBe(4);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
