/**
 * RoPE kernel vs `applyRope` (simulations/attention/rope.ts, float64 angles), full and half rotation (Griffin).
 * Tolerance atol 1e-5, rtol 1e-4: the cos/sin table is float64 on the host, the rotation one f32 multiply-add.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRope } from '../../simulations/attention/rope';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runRope } from './rope';
import { ropeWgsl } from './rope.wgsl';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

const data = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.nextNormal());
};

describe('RoPE kernel = CPU reference', () => {
  for (const [H, T, dh, fraction] of [
    [1, 1, 2, 1],
    [3, 45, 16, 1],
    [2, 33, 10, 0.5], // half rotation: 4 of 10 channels rotate
    [1, 1024, 32, 1],
  ] as const) {
    it(`heads=${H} T=${T} dh=${dh} fraction=${fraction}`, async () => {
      const x = data(H * T * dh, H * T + dh);
      const gpu = await runRope(device, x, H, T, dh, { fraction });
      const check = allClose(gpu, applyRope(Float32Array.from(x), H, T, dh, { fraction }), TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (rotation sign flipped)', async () => {
    const broken = ropeWgsl.replace('y[at] = a * c - b * s;', 'y[at] = a * c + b * s;');
    expect(broken).not.toBe(ropeWgsl);
    const x = data(2 * 9 * 8, 5);
    const gpu = await runRope(device, x, 2, 9, 8, {}, broken);
    expect(allClose(gpu, applyRope(Float32Array.from(x), 2, 9, 8), TOLERANCE).ok).toBe(false);
  });
});
