import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { routerLogits, topKRouting } from './topKRouting';

describe('topKRouting', () => {
  it('picks the k largest probabilities per token and renormalises their gates', () => {
    const logits = [2, 0, 1, -1, /* token 1 */ 0, 3, 3, 1];
    const r = topKRouting(logits, 2, 4, { k: 2 });
    expect(r.assignments.map((a) => [a.token, a.expert, a.rank])).toEqual([
      [0, 0, 0],
      [0, 2, 1],
      [1, 1, 0], // tie between experts 1 and 2: the lower index ranks first
      [1, 2, 1],
    ]);
    const g0 = r.assignments.filter((a) => a.token === 0).map((a) => a.gate);
    expect(g0[0] + g0[1]).toBeCloseTo(1, 12);
    expect(g0[0] / g0[1]).toBeCloseTo(Math.E, 12); // e^{2−1}: the gate ratio is the probability ratio
    expect(r.load).toEqual([1, 1, 2, 0]);
  });

  it('softmax probabilities sum to 1 per token, and loads sum to T·k without capacity', () => {
    const rng = createRng(3);
    const T = 40;
    const E = 8;
    const logits = Float64Array.from({ length: T * E }, () => 3 * rng.nextNormal());
    const r = topKRouting(logits, T, E, { k: 2 });
    for (let t = 0; t < T; t++) {
      expect(r.probs.subarray(t * E, (t + 1) * E).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(r.load.reduce((a, b) => a + b, 0)).toBe(T * 2);
    expect(r.dropped).toBe(0);
    expect(r.capacity).toBe(Number.POSITIVE_INFINITY);
  });

  it('drops assignments beyond capacity ⌈cf·T·k/E⌉ in token order', () => {
    const logits = Array.from({ length: 6 }, () => [5, 0, 0]).flat(); // every token prefers expert 0
    const r = topKRouting(logits, 6, 3, { k: 1, capacityFactor: 1 });
    expect(r.capacity).toBe(2);
    expect(r.load).toEqual([2, 0, 0]);
    expect(r.demand).toEqual([6, 0, 0]);
    expect(r.dropped).toBe(4);
    expect(r.assignments.map((a) => a.kept)).toEqual([true, true, false, false, false, false]);
  });

  it('balance loss is 1 for a uniform router and E for total collapse onto one expert', () => {
    expect(topKRouting(new Array(12).fill(0), 3, 4, { k: 1 }).balanceLoss).toBeCloseTo(1, 12);
    const collapsed = topKRouting(Array.from({ length: 5 }, () => [60, 0, 0, 0]).flat(), 5, 4, { k: 1 });
    expect(collapsed.balanceLoss).toBeCloseTo(4, 6);
  });

  it('rejects bad k, shapes, capacity and non-finite logits with a message', () => {
    expect(() => topKRouting([0, 0], 1, 2, { k: 3 })).toThrow(/k must be in 1 … 2/);
    expect(() => topKRouting([0, 0, 0], 1, 2, { k: 1 })).toThrow(/1 × 2 values, got 3/);
    expect(() => topKRouting([0, Number.NaN], 1, 2, { k: 1 })).toThrow(/is NaN/);
    expect(() => topKRouting([0, 0], 1, 2, { k: 1, capacityFactor: 0 })).toThrow(/Capacity/);
  });

  it('handles zero tokens', () => {
    const r = topKRouting([], 0, 4, { k: 2 });
    expect(r.assignments).toEqual([]);
    expect(r.balanceLoss).toBe(0);
  });
});

describe('routerLogits', () => {
  it('is x W_r', () => {
    const x = Float32Array.from([1, 2, 3, 4]); // [2 tokens, d 2]
    const w = Float32Array.from([1, 0, -1, 0, 1, 2]); // [d 2, E 3]
    expect(Array.from(routerLogits(x, w, 2, 2, 3))).toEqual([1, 2, 3, 3, 4, 5]);
    expect(() => routerLogits(x, w, 2, 2, 2)).toThrow(/Router shapes/);
  });
});
