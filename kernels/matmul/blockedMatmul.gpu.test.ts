/**
 * Register-blocked matmul vs `linear` (simulations/ops/linear.ts) at T = 1, T and widths off the 4 × 4 block
 * and the 32 × 32 workgroup tile, and T = 1024. Tolerance atol 1e-4, rtol 1e-3 (f32 sums of ≤ 256 products).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linear } from '../../simulations/ops/linear';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runBlockedMatmul } from './blockedMatmul';
import { blockedMatmulWgsl } from './blockedMatmul.wgsl';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

const normals = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.nextNormal());
};

describe('register-blocked matmul = CPU reference', () => {
  for (const [T, n, m] of [
    [1, 1, 1],
    [1, 16, 48],
    [45, 32, 99], // rows and columns off the 4 × 4 block and the 32 × 32 tile
    [33, 7, 3],
    [1024, 64, 96],
    [130, 256, 256],
  ]) {
    it(`T=${T} n=${n} m=${m}`, async () => {
      const [x, W, b] = [normals(T * n, T + n), normals(n * m, m), normals(m, 1)];
      const check = allClose(
        await runBlockedMatmul(device, x, W, b, T, n, m),
        linear(x, T, n, W, m, b),
        TOLERANCE,
      );
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (last partial column block dropped)', async () => {
    const broken = blockedMatmulWgsl.replace(
      'let cols = min(4u, m - col0);',
      'let cols = select(4u, 0u, m - col0 < 4u);',
    );
    expect(broken).not.toBe(blockedMatmulWgsl);
    const [x, W, b] = [normals(5 * 3, 1), normals(3 * 6, 2), normals(6, 3)];
    expect(
      allClose(await runBlockedMatmul(device, x, W, b, 5, 3, 6, broken), linear(x, 5, 3, W, 6, b), TOLERANCE)
        .ok,
    ).toBe(false);
  });
});
