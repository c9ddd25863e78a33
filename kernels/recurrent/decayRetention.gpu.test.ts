/** The RG-LRU retention kernel vs `decayRetention` (float64 products). Tolerance atol 1e-5, rtol 1e-4. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decayRetention } from '../../simulations/model/mixers/retention';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runComputeKernel } from '../runtime/runComputeKernel';
import { decayRetentionWgsl } from './decayRetention.wgsl';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

async function run(a: Float32Array, T: number, D: number, code = decayRetentionWgsl) {
  const [R] = await runComputeKernel(device, {
    label: code === decayRetentionWgsl ? 'decayRetention' : 'decayRetention (override)',
    code,
    uniforms: new Uint32Array([T, D, 0, 0]).buffer,
    inputs: [a],
    outputLengths: [T * T],
    workgroups: [Math.ceil(T / 64)],
  });
  return R;
}

const decays = (T: number, D: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: T * D }, () => 0.5 + 0.5 * rng.nextFloat());
};

describe('decay retention kernel = decayRetention', () => {
  for (const [T, D] of [
    [1, 4],
    [45, 16],
    [130, 200],
    [1024, 8],
  ]) {
    it(`T=${T} D=${D}`, async () => {
      const a = decays(T, D, T + D);
      const check = allClose(await run(a, T, D), decayRetention(a, T, D), TOLERANCE);
      expect(check.ok, check.message).toBe(true);
    });
  }

  it('a broken kernel is caught (the decay of step j itself included)', async () => {
    const broken = decayRetentionWgsl.replace('if (t > j) {', 'if (t >= j) {');
    expect(broken).not.toBe(decayRetentionWgsl);
    const a = decays(20, 4, 1);
    expect(allClose(await run(a, 20, 4, broken), decayRetention(a, 20, 4), TOLERANCE).ok).toBe(false);
  });
});
