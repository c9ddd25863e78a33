import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { type AttentionInputs, causalSoftmaxAttention } from './causalSoftmaxAttention';

function randomInputs(heads: number, seqLen: number, headDim: number, seed: number): AttentionInputs {
  const rng = createRng(seed);
  const n = heads * seqLen * headDim;
  const fill = () => Float32Array.from({ length: n }, () => rng.nextNormal());
  return { q: fill(), k: fill(), v: fill(), heads, seqLen, headDim };
}

/** Zoology's formulation: full score matrix with −1e4 added above the diagonal, then a plain softmax. */
function zoologyStyleAttention({ q, k, v, heads, seqLen: T, headDim: dh }: AttentionInputs) {
  const out = new Float64Array(heads * T * dh);
  const w = new Float64Array(heads * T * T);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < T; i++) {
      const s = Array.from({ length: T }, (_, j) => {
        let dot = 0;
        for (let c = 0; c < dh; c++) dot += q[(h * T + i) * dh + c] * k[(h * T + j) * dh + c];
        return dot / Math.sqrt(dh) + (j > i ? -1e4 : 0);
      });
      const m = Math.max(...s);
      const e = s.map((x) => Math.exp(x - m));
      const z = e.reduce((a, b) => a + b, 0);
      for (let j = 0; j < T; j++) {
        w[(h * T + i) * T + j] = e[j] / z;
        for (let c = 0; c < dh; c++) out[(h * T + i) * dh + c] += (e[j] / z) * v[(h * T + j) * dh + c];
      }
    }
  }
  return { out, w };
}

const shapes = fc.record({
  heads: fc.integer({ min: 1, max: 3 }),
  seqLen: fc.integer({ min: 1, max: 24 }),
  headDim: fc.integer({ min: 1, max: 9 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});
const property = { seed: 20261128, numRuns: 60 };

describe('causalSoftmaxAttention', () => {
  it('every attention row sums to 1 and is zero above the diagonal', () => {
    fc.assert(
      fc.property(shapes, ({ heads, seqLen, headDim, seed }) => {
        const { weights } = causalSoftmaxAttention(randomInputs(heads, seqLen, headDim, seed));
        for (let h = 0; h < heads; h++) {
          for (let i = 0; i < seqLen; i++) {
            let sum = 0;
            for (let j = 0; j < seqLen; j++) {
              const a = weights[(h * seqLen + i) * seqLen + j];
              if (j > i) expect(a).toBe(0);
              else expect(a).toBeGreaterThanOrEqual(0);
              sum += a;
            }
            expect(sum).toBeCloseTo(1, 5);
          }
        }
      }),
      property,
    );
  });

  it('is causal: outputs at t do not change when inputs after t do', () => {
    fc.assert(
      fc.property(shapes, fc.nat(), ({ heads, seqLen, headDim, seed }, cut) => {
        const t = cut % seqLen;
        const a = randomInputs(heads, seqLen, headDim, seed);
        const b = randomInputs(heads, seqLen, headDim, seed + 1);
        // b shares a's prefix 0..t in every head and differs afterwards.
        for (let h = 0; h < heads; h++) {
          const end = (h * seqLen + t + 1) * headDim;
          const start = h * seqLen * headDim;
          for (const key of ['q', 'k', 'v'] as const) b[key].set(a[key].subarray(start, end), start);
        }
        const ya = causalSoftmaxAttention(a);
        const yb = causalSoftmaxAttention(b);
        for (let h = 0; h < heads; h++) {
          for (let i = 0; i <= t; i++) {
            for (let c = 0; c < headDim; c++) {
              const at = (h * seqLen + i) * headDim + c;
              expect(yb.output[at]).toBe(ya.output[at]);
            }
          }
        }
      }),
      property,
    );
  });

  it("equals Zoology's −1e4-masked formulation", () => {
    fc.assert(
      fc.property(shapes, ({ heads, seqLen, headDim, seed }) => {
        const inputs = randomInputs(heads, seqLen, headDim, seed);
        const ours = causalSoftmaxAttention(inputs);
        const ref = zoologyStyleAttention(inputs);
        const maxDiff = (a: Float32Array, b: Float64Array) =>
          a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
        expect(maxDiff(ours.output, ref.out)).toBeLessThan(1e-5);
        expect(maxDiff(ours.weights, ref.w)).toBeLessThan(1e-6);
      }),
      property,
    );
  });

  it('matches a hand-computed 1-head, T=2, d=1 case', () => {
    // Scores row 1: [q1·k0, q1·k1] = [0, ln 3] → softmax [1/4, 3/4].
    const { output, weights } = causalSoftmaxAttention({
      q: new Float32Array([5, Math.log(3)]),
      k: new Float32Array([0, 1]),
      v: new Float32Array([2, 6]),
      heads: 1,
      seqLen: 2,
      headDim: 1,
    });
    expect(Array.from(weights)).toEqual([1, 0, expect.closeTo(0.25, 6), expect.closeTo(0.75, 6)]);
    expect(output[0]).toBe(2); // the first token can only attend to itself
    expect(output[1]).toBeCloseTo(0.25 * 2 + 0.75 * 6, 5);
  });

  it('rejects inputs whose length does not match the shape', () => {
    const good = randomInputs(2, 4, 3, 1);
    expect(() => causalSoftmaxAttention({ ...good, k: good.k.subarray(1) })).toThrow(/k has 23 values/);
    expect(() => causalSoftmaxAttention({ ...good, heads: 0 })).toThrow(/heads/);
  });
});
