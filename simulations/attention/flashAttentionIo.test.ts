import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { type AttentionInputs, causalSoftmaxAttention } from './causalSoftmaxAttention';
import {
  flashAttentionForward,
  flashAttentionIoClosedForm,
  flashAttentionSchedule,
  flashTiling,
  scheduleIo,
  standardAttentionIo,
  tileMasked,
} from './flashAttentionIo';

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

describe('flashTiling', () => {
  it('uses Algorithm 1 block sizes B_c = ⌈M/4d⌉, B_r = min(B_c, d)', () => {
    expect(flashTiling(1024, 64, 100_000)).toMatchObject({
      blockCols: 391,
      blockRows: 64,
      colBlocks: 3,
      rowBlocks: 16,
    });
    expect(flashTiling(16, 4, 64)).toMatchObject({ blockCols: 4, blockRows: 4, colBlocks: 4, rowBlocks: 4 });
    expect(flashTiling(10, 8, 1)).toMatchObject({ blockCols: 1, blockRows: 1, colBlocks: 10, rowBlocks: 10 });
  });
  it('rejects non-positive sizes', () => {
    expect(() => flashTiling(0, 4, 64)).toThrow(RangeError);
    expect(() => flashTiling(8, 4, 1.5)).toThrow(/sramFloats/);
  });
});

describe('IO counts', () => {
  it('standard attention moves 4N² + 4Nd floats', () => {
    const io = standardAttentionIo(1024, 64);
    expect(io.reads + io.writes).toBe(4 * 1024 ** 2 + 4 * 1024 * 64);
  });

  it.each([
    [16, 4, 64],
    [37, 5, 90],
    [128, 16, 2048],
    [9, 9, 7],
  ])('the dense schedule (N=%i, d=%i, M=%i) sums to the closed form', (N, d, M) => {
    const t = flashTiling(N, d, M);
    const steps = flashAttentionSchedule(t, false);
    expect(steps.filter((s) => s.kind === 'tile')).toHaveLength(t.rowBlocks * t.colBlocks);
    expect(scheduleIo(steps, t)).toEqual(flashAttentionIoClosedForm(t));
  });

  it('FlashAttention moves ~7× fewer floats at N = 4096, d = 64, M = 100k floats (hand-computed)', () => {
    const t = flashTiling(4096, 64, 100_000); // ~100k floats: a 400 kB SRAM, as on an A100 SM; T_c = 11
    expect(t.colBlocks).toBe(11);
    // reads 2Nd + T_c(2Nd + 2N) = 524,288 + 11 · 532,480; writes (Nd + 2N)(1 + T_c) = 270,336 · 12
    expect(flashAttentionIoClosedForm(t)).toEqual({ reads: 6_381_568, writes: 3_244_032 });
    const std = standardAttentionIo(4096, 64); // 4N² + 4Nd = 68,157,440
    expect(std.reads + std.writes).toBe(68_157_440);
  });

  it('FlashAttention traffic falls roughly as 1/M (Θ(N²d²/M)) while standard attention does not depend on M', () => {
    const total = (M: number) => {
      const io = flashAttentionIoClosedForm(flashTiling(8192, 64, M));
      return io.reads + io.writes;
    };
    const ratio = total(25_600) / total(102_400);
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(4.1);
  });

  it('causal skipping leaves out exactly the tiles above the diagonal', () => {
    const t = flashTiling(20, 4, 48); // B_c = 3, B_r = 3
    const steps = flashAttentionSchedule(t, true);
    const skipped = steps.filter((s) => s.kind === 'skip');
    expect(skipped.length).toBeGreaterThan(0);
    for (const s of skipped) expect(tileMasked(t, s.row, s.col)).toBe(true);
    const dense = scheduleIo(flashAttentionSchedule(t, false), t);
    const causal = scheduleIo(steps, t);
    expect(causal.reads).toBeLessThan(dense.reads);
    expect(causal.writes).toBeLessThan(dense.writes);
    const [last] = steps.slice(-1);
    expect(last.totalReads).toBe(steps.reduce((n, s) => n + s.reads, 0));
  });
});

describe('flashAttentionForward', () => {
  it.each([
    [1, 16, 4, 64],
    [2, 13, 4, 40],
    [3, 31, 8, 200],
    [1, 7, 2, 1],
    [1, 50, 6, 100_000],
  ])('equals causal softmax attention within 1e-5 (H=%i, N=%i, d=%i, M=%i)', (H, N, d, M) => {
    const inputs = randomInputs(H, N, d, N * 31 + M);
    const flash = flashAttentionForward(inputs, M);
    expect(maxAbsDiff(flash.output, causalSoftmaxAttention(inputs).output)).toBeLessThan(1e-5);
  });

  it('stays finite and exact with scores in the hundreds', () => {
    const inputs = randomInputs(1, 24, 8, 5, 12);
    const flash = flashAttentionForward(inputs, 96);
    expect(maxAbsDiff(flash.output, causalSoftmaxAttention(inputs).output)).toBeLessThan(1e-5);
  });
});
