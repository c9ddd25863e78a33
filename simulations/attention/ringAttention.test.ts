import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { type AttentionInputs, causalSoftmaxAttention } from './causalSoftmaxAttention';
import { ringAttention, ringSource, splitSequence } from './ringAttention';

function randomInputs(
  heads: number,
  seqLen: number,
  headDim: number,
  seed: number,
  spread = 1.5,
): AttentionInputs {
  const rng = createRng(seed);
  const fill = () => Float32Array.from({ length: heads * seqLen * headDim }, () => spread * rng.nextNormal());
  return { q: fill(), k: fill(), v: fill(), heads, seqLen, headDim };
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('splitSequence', () => {
  it('splits into contiguous blocks whose lengths differ by at most one', () => {
    expect(splitSequence(10, 4)).toEqual([
      { start: 0, length: 3 },
      { start: 3, length: 3 },
      { start: 6, length: 2 },
      { start: 8, length: 2 },
    ]);
    expect(splitSequence(5, 5).every((b) => b.length === 1)).toBe(true);
  });
  it('rejects more devices than tokens, and zero devices', () => {
    expect(() => splitSequence(3, 4)).toThrow(/1 … 3 devices/);
    expect(() => splitSequence(3, 0)).toThrow(RangeError);
  });
});

describe('ringAttention', () => {
  it.each([1, 2, 3, 4, 5, 7, 13])('equals causal softmax attention within 1e-5 on %i devices', (devices) => {
    const inputs = randomInputs(2, 13, 4, 100 + devices);
    const ring = ringAttention(inputs, devices);
    const full = causalSoftmaxAttention(inputs);
    expect(maxAbsDiff(ring.output, full.output)).toBeLessThan(1e-5);
  });

  it('stays exact with large scores (the online-softmax rescaling matters)', () => {
    const inputs = randomInputs(1, 16, 8, 7, 12); // scores in the hundreds: a naive exp overflows
    const ring = ringAttention(inputs, 4);
    expect(ring.output.every(Number.isFinite)).toBe(true);
    expect(maxAbsDiff(ring.output, causalSoftmaxAttention(inputs).output)).toBeLessThan(1e-5);
  });

  it('passes K/V blocks around the ring: device d holds block (d − s) mod N at step s', () => {
    const { steps } = ringAttention(randomInputs(1, 8, 2, 3), 4);
    expect(steps.map((s) => s.devices.map((d) => d.kvBlock))).toEqual([
      [0, 1, 2, 3],
      [3, 0, 1, 2],
      [2, 3, 0, 1],
      [1, 2, 3, 0],
    ]);
    expect(ringSource(0, 1, 4)).toBe(3);
  });

  it('skips blocks from later devices (causal) and counts exactly the T(T+1)/2 visible scores per head', () => {
    const T = 11;
    const heads = 2;
    const { steps } = ringAttention(randomInputs(heads, T, 3, 9), 3);
    for (const s of steps) {
      s.devices.forEach((d, device) => {
        expect(d.action).toBe(d.kvBlock > device ? 'masked' : 'attend');
        if (d.action === 'masked') expect(d.scores).toBe(0);
      });
    }
    const total = steps.flatMap((s) => s.devices).reduce((n, d) => n + d.scores, 0);
    expect(total).toBe((heads * T * (T + 1)) / 2);
    expect(steps.map((s) => s.floatsSent)).toEqual([2 * heads * T * 3, 2 * heads * T * 3, 0]);
  });

  it('reports running row maxima that only grow and end at the full row maximum', () => {
    const inputs = randomInputs(1, 6, 2, 11);
    const { steps } = ringAttention(inputs, 3);
    const final = steps.at(-1)?.devices.flatMap((d) => d.rowMax) ?? [];
    const scale = 1 / Math.sqrt(2);
    const { q, k } = inputs;
    for (let i = 0; i < 6; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let j = 0; j <= i; j++)
        max = Math.max(max, (q[2 * i] * k[2 * j] + q[2 * i + 1] * k[2 * j + 1]) * scale);
      expect(final[i]).toBeCloseTo(max, 5);
    }
    for (let s = 1; s < steps.length; s++) {
      steps[s].devices.forEach((d, device) => {
        d.rowMax.forEach((m, r) => {
          expect(m).toBeGreaterThanOrEqual(steps[s - 1].devices[device].rowMax[r]);
        });
      });
    }
  });
});
