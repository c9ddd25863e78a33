import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decayRetention } from '../../simulations/model/mixers/retention';
import { retentionCurve, retentionDrop } from './retentionCurve';

/** The definition, term by term: the mean over channels of a direct product of decays. */
function directProduct(a: ArrayLike<number>, C: number, s: number, t: number): number {
  let sum = 0;
  for (let c = 0; c < C; c++) {
    let p = 1;
    for (let u = s + 1; u <= t; u++) p *= a[u * C + c];
    sum += p;
  }
  return sum / C;
}

describe('retentionCurve', () => {
  it('equals the direct product of decays from s to t, for random decays', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 48, maxLength: 48 }),
        (T, C, sRaw, pool) => {
          const a = Float64Array.from({ length: T * C }, (_, i) => pool[i % pool.length]);
          const s = sRaw % T;
          const curve = retentionCurve(a, T, C, s);
          for (let t = 0; t < T; t++) {
            if (t < s) expect(curve[t]).toBeNaN();
            else expect(curve[t]).toBeCloseTo(directProduct(a, C, s, t), 12);
          }
        },
      ),
    );
  });
  it('is 1 at the token itself and matches the engine’s retention matrix row', () => {
    const T = 6;
    const C = 3;
    const a = Float32Array.from({ length: T * C }, (_, i) => 0.5 + 0.49 * Math.sin(i));
    const engine = decayRetention(a, T, C); // R[t, s]
    for (let s = 0; s < T; s++) {
      const curve = retentionCurve(a, T, C, s);
      expect(curve[s]).toBe(1);
      for (let t = s; t < T; t++) expect(curve[t]).toBeCloseTo(engine[t * T + s], 5);
    }
  });
  it('gives all-NaN for an out-of-range token and finds where retention halves', () => {
    expect([...retentionCurve([0.5], 1, 1, 3)].every(Number.isNaN)).toBe(true);
    const curve = retentionCurve([1, 0.9, 0.8, 0.5, 0.5], 5, 1, 0); // 1, .9, .72, .36, .18
    expect(retentionDrop(curve, 0, 0.5)).toBe(3);
    expect(retentionDrop(curve, 0, 0.1)).toBeNull();
  });
});
