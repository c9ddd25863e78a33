/** The kernel pool on Node worker threads: the same numbers as the single-thread kernels and the references. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causalSoftmaxAttention } from '../../simulations/attention/causalSoftmaxAttention';
import { linear } from '../../simulations/ops/linear';
import { createRng } from '../../simulations/random/rng';
import { WASM_TOLERANCE } from '../../simulations/wasm/cpuKernels.suite';
import {
  type KernelPool,
  parallelCausalAttention,
  parallelLinear,
  splitRange,
} from '../../simulations/wasm/kernelPool';
import { allClose } from '../../testing/allClose';
import { nodeKernelPool } from './nodeKernelPool';

let pool: KernelPool;
beforeAll(async () => {
  pool = await nodeKernelPool(3);
});
afterAll(() => pool.close());

const fill = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.nextNormal());
};

describe('kernel pool on worker threads', () => {
  it('splits ranges into aligned, covering, non-overlapping pieces', () => {
    expect(splitRange(10, 3, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(splitRange(1, 2)).toEqual([[0, 1]]);
  });

  it('runs a matmul split over 3 threads equal to the reference (rows not a multiple of the split)', async () => {
    expect(pool.threads).toBe(3);
    for (const [T, dIn, dOut] of [
      [203, 64, 70],
      [1, 300, 9],
    ]) {
      const x = fill(T * dIn, T);
      const W = fill(dIn * dOut, dOut);
      const b = fill(dOut, 1);
      const report = allClose(
        await parallelLinear(pool, x, T, dIn, W, dOut, b),
        linear(x, T, dIn, W, dOut, b),
        WASM_TOLERANCE,
      );
      expect(report.ok, report.message).toBe(true);
    }
  });

  it('runs causal attention with its queries split over the threads equal to the reference', async () => {
    const [H, T, dh] = [2, 97, 16];
    const [q, k, v] = [fill(H * T * dh, 1), fill(H * T * dh, 2), fill(H * T * dh, 3)];
    const ours = await parallelCausalAttention(pool, q, k, v, H, T, dh);
    const ref = causalSoftmaxAttention({ q, k, v, heads: H, seqLen: T, headDim: dh });
    for (const [a, b] of [
      [ours.output, ref.output],
      [ours.weights, ref.weights],
    ]) {
      const report = allClose(a, b, WASM_TOLERANCE);
      expect(report.ok, report.message).toBe(true);
    }
  });
});
