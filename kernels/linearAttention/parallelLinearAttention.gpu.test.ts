/**
 * Parallel causal linear attention vs `linearAttentionParallel` (float64 feature vectors): outputs and the
 * normalised implicit attention weights, for Based's Taylor map (closed-form kernel on the GPU) and the
 * elementwise maps. Tolerance atol 1e-4, rtol 1e-3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearAttentionParallel } from '../../simulations/linearAttention/linearAttention';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { linearAttentionInputs } from './linearAttentionTestInputs';
import { runParallelLinearAttention } from './parallelLinearAttention';
import { parallelLinearAttentionWgsl } from './parallelLinearAttention.wgsl';

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };
let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('parallel linear attention kernel = CPU reference', () => {
  for (const [H, T, f, dv, map] of [
    [1, 1, 16, 8, 'taylor'],
    [2, 45, 16, 8, 'taylor'],
    [1, 70, 8, 24, 'eluPlusOne'],
    [3, 20, 4, 4, 'relu'],
    [1, 1024, 16, 16, 'taylor'],
  ] as const) {
    it(`${map} H=${H} T=${T} f=${f} dv=${dv}`, async () => {
      const s = linearAttentionInputs(H, T, f, dv, map, H * T + f);
      const gpu = await runParallelLinearAttention(device, s);
      const cpu = linearAttentionParallel(s);
      const out = allClose(gpu.output, cpu.output, TOLERANCE);
      expect(out.ok, `output: ${out.message}`).toBe(true);
      const w = allClose(gpu.weights, cpu.weights, TOLERANCE);
      expect(w.ok, `weights: ${w.message}`).toBe(true);
    });
  }

  it('a broken kernel is caught (Taylor quadratic term halved)', async () => {
    const broken = parallelLinearAttentionWgsl.replace('s * s / (2.0 * ff)', 's * s / (4.0 * ff)');
    expect(broken).not.toBe(parallelLinearAttentionWgsl);
    const s = linearAttentionInputs(1, 12, 8, 4, 'taylor', 2);
    const gpu = await runParallelLinearAttention(device, s, broken);
    expect(allClose(gpu.output, linearAttentionParallel(s).output, TOLERANCE).ok).toBe(false);
  });
});
