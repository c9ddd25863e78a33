/**
 * Block-diagonal (Monarch factor) multiply vs simulations/monarch: `blockDiagonalMultiply` for one factor, and
 * R then L with the transpose permutation P between them — Pᵀ·L·P·R·x up to the final Pᵀ — against
 * `monarchMultiply` (real blocks). Also M2's MLP shape (4 blocks, d/4 → e/4, permuted second layer) against
 * a direct evaluation. Tolerance atol 1e-5, rtol 1e-4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockDiagonalMultiply,
  monarchMultiply,
  transposePermutation,
} from '../../simulations/monarch/monarch';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runBlockDiagonal } from './blockDiagonal';
import { blockDiagonalWgsl } from './blockDiagonal.wgsl';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

const real = (re: Float64Array | Float32Array) => ({
  re: Float64Array.from(re),
  im: new Float64Array(re.length),
});

/** Our W layout [b·n, m] from the reference's per-block row-major [b][row][col] (row = output). */
function toOurLayout(blocks: Float64Array, b: number): Float32Array {
  const W = new Float32Array(b * b * b);
  for (let g = 0; g < b; g++)
    for (let r = 0; r < b; r++)
      for (let c = 0; c < b; c++) W[(g * b + c) * b + r] = blocks[g * b * b + r * b + c];
  return W;
}

describe('Monarch block-diagonal kernel = CPU reference', () => {
  for (const [T, b] of [
    [1, 2],
    [5, 8],
    [3, 32], // n = 1024 per row
  ]) {
    it(`T=${T} rows of n=${b * b}: R, then L after P (Monarch multiply)`, async () => {
      const rng = createRng(T * b);
      const fill = (n: number) => Float64Array.from({ length: n }, () => rng.nextNormal());
      const R = fill(b * b * b);
      const L = fill(b * b * b);
      const x = Float32Array.from(fill(T * b * b));
      const zero = new Float32Array(b * b);
      const step1 = await runBlockDiagonal(device, {
        x,
        W: toOurLayout(R, b),
        bias: zero,
        seqLen: T,
        blocks: b,
        inPer: b,
        outPer: b,
        permute: false,
      });
      const step2 = await runBlockDiagonal(device, {
        x: step1,
        W: toOurLayout(L, b),
        bias: zero,
        seqLen: T,
        blocks: b,
        inPer: b,
        outPer: b,
        permute: true,
      });
      for (let t = 0; t < T; t++) {
        const row = real(x.subarray(t * b * b, (t + 1) * b * b));
        const one = allClose(
          step1.subarray(t * b * b, (t + 1) * b * b),
          blockDiagonalMultiply(real(R), row, b).re,
          TOLERANCE,
        );
        expect(one.ok, `R·x row ${t}: ${one.message}`).toBe(true);
        // monarchMultiply = Pᵀ·L·P·R·x; undo the final Pᵀ (P is its own inverse).
        const full = transposePermutation(monarchMultiply(real(L), real(R), row, b), b).re;
        const two = allClose(step2.subarray(t * b * b, (t + 1) * b * b), full, { atol: 1e-4, rtol: 1e-4 });
        expect(two.ok, `L·P·R·x row ${t}: ${two.message}`).toBe(true);
      }
    });
  }

  it("M2's MLP shape: 4 blocks of 4 → 16 with bias", async () => {
    const rng = createRng(4);
    const fill = (n: number) => Float32Array.from({ length: n }, () => rng.nextNormal());
    const [T, B, n, m] = [37, 4, 4, 16];
    const x = fill(T * B * n);
    const W = fill(B * n * m);
    const bias = fill(B * m);
    const expected = new Float32Array(T * B * m);
    for (let t = 0; t < T; t++)
      for (let g = 0; g < B; g++)
        for (let o = 0; o < m; o++) {
          let s = bias[g * m + o];
          for (let i = 0; i < n; i++) s += x[t * B * n + g * n + i] * W[(g * n + i) * m + o];
          expected[t * B * m + g * m + o] = s;
        }
    const gpu = await runBlockDiagonal(device, {
      x,
      W,
      bias,
      seqLen: T,
      blocks: B,
      inPer: n,
      outPer: m,
      permute: false,
    });
    expect(allClose(gpu, expected, TOLERANCE).ok).toBe(true);
  });

  it('a broken kernel is caught (permutation ignored)', async () => {
    const broken = blockDiagonalWgsl.replace('params.permute == 1u', 'false');
    expect(broken).not.toBe(blockDiagonalWgsl);
    const b = 4;
    const rng = createRng(1);
    const L = Float64Array.from({ length: b * b * b }, () => rng.nextNormal());
    const x = Float32Array.from({ length: b * b }, () => rng.nextNormal());
    const gpu = await runBlockDiagonal(
      device,
      {
        x,
        W: toOurLayout(L, b),
        bias: new Float32Array(b * b),
        seqLen: 1,
        blocks: b,
        inPer: b,
        outPer: b,
        permute: true,
      },
      broken,
    );
    const expected = blockDiagonalMultiply(real(L), transposePermutation(real(x), b), b).re;
    expect(allClose(gpu, expected, TOLERANCE).ok).toBe(false);
  });
});
