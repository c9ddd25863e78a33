/**
 * The Wasm kernel pool in Chromium. The browser test server sends COOP/COEP headers (vitest.config.ts), so the
 * page is cross-origin isolated and the pool runs on Web Workers over a SharedArrayBuffer — as the built site
 * does where its host sends the same headers; without them the pool runs on one thread and says why.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { causalSoftmaxAttention } from '../../simulations/attention/causalSoftmaxAttention';
import { linear } from '../../simulations/ops/linear';
import { createRng } from '../../simulations/random/rng';
import { WASM_TOLERANCE } from '../../simulations/wasm/cpuKernels.suite';
import { parallelCausalAttention, parallelLinear } from '../../simulations/wasm/kernelPool';
import { allClose } from '../../testing/allClose';
import { type BrowserKernelPool, browserKernelPool } from './browserKernelPool';

const fill = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.nextNormal());
};

const pools: BrowserKernelPool[] = [];
afterAll(() => Promise.all(pools.map(({ pool }) => pool.close())));

describe('browser kernel pool', () => {
  it('runs on 2 Web Workers + this thread over shared memory, equal to the references', async () => {
    expect(globalThis.crossOriginIsolated).toBe(true);
    const made = await browserKernelPool(3);
    if (!made) throw new Error('WebAssembly SIMD kernels failed to load');
    pools.push(made);
    expect(made.singleThreadReason).toBeNull();
    expect(made.pool.threads).toBe(3);
    const [T, dIn, dOut] = [150, 64, 72];
    const x = fill(T * dIn, 1);
    const W = fill(dIn * dOut, 2);
    const b = fill(dOut, 3);
    const mm = allClose(
      await parallelLinear(made.pool, x, T, dIn, W, dOut, b),
      linear(x, T, dIn, W, dOut, b),
      WASM_TOLERANCE,
    );
    expect(mm.ok, mm.message).toBe(true);
    const [H, L, dh] = [2, 77, 8];
    const [q, k, v] = [fill(H * L * dh, 4), fill(H * L * dh, 5), fill(H * L * dh, 6)];
    const ours = await parallelCausalAttention(made.pool, q, k, v, H, L, dh);
    const ref = causalSoftmaxAttention({ q, k, v, heads: H, seqLen: L, headDim: dh });
    const att = allClose(ours.output, ref.output, WASM_TOLERANCE);
    expect(att.ok, att.message).toBe(true);
  });
});
