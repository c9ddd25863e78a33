/**
 * Short causal depthwise convolution (BaseConv, Mamba, Hyena, M2, Griffin) vs `causalDepthwiseConv1d`.
 * Tolerance atol 1e-5, rtol 1e-4 (≤ 4 f32 products per output).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { causalDepthwiseConv1d } from '../../simulations/ops/causalConv1d';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { depthwiseConvWgsl } from '../model/shellKernels.wgsl';
import { runShortConv } from './shortConv';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function data(T: number, d: number, K: number, seed: number) {
  const rng = createRng(seed);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng.nextNormal());
  return { x: fill(T * d), w: fill(d * K), b: fill(d) };
}

describe('short depthwise conv kernel = CPU reference', () => {
  for (const [T, d, K] of [
    [1, 3, 3],
    [37, 20, 4], // T·d not a multiple of 64
    [1024, 48, 3],
    [9, 7, 1],
  ]) {
    it(`T=${T} d=${d} K=${K}`, async () => {
      const { x, w, b } = data(T, d, K, T * d + K);
      const check = allClose(
        await runShortConv(device, x, T, d, w, K, b),
        causalDepthwiseConv1d(x, T, d, w, K, b),
        TOLERANCE,
      );
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (taps reversed)', async () => {
    const broken = depthwiseConvWgsl.replace('let back = K - 1u - k;', 'let back = k;');
    expect(broken).not.toBe(depthwiseConvWgsl);
    const { x, w, b } = data(12, 4, 3, 2);
    const gpu = await runShortConv(device, x, 12, 4, w, 3, b, broken);
    expect(allClose(gpu, causalDepthwiseConv1d(x, 12, 4, w, 3, b), TOLERANCE).ok).toBe(false);
  });
});
