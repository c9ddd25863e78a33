/**
 * Recurrent kernels (RG-LRU, linear attention) against their CPU references, in Node (Dawn + SwiftShader) and in
 * Chromium (Mamba's selective scan: kernels/ssm/selectiveScan.gpu.test.ts).
 * Tolerance: rel. 1e-4 (f32 on the GPU vs float64-accumulated references over up to 100 steps).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearAttentionRecurrent } from '../../simulations/linearAttention/linearAttention';
import { createRng } from '../../simulations/random/rng';
import { rgLru } from '../../simulations/recurrent/rgLru';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { runLinearAttention, runRgLru } from './recurrentKernels';

const TOLERANCE = { atol: 1e-5, rtol: 1e-4 };

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

function fill(rng: ReturnType<typeof createRng>, n: number, g: () => number = () => rng.nextNormal()) {
  return Float32Array.from({ length: n }, g);
}

describe('RG-LRU kernel = CPU reference', () => {
  for (const [T, D] of [
    [1, 3],
    [50, 70],
    [1024, 16],
  ]) {
    it(`T=${T}, D=${D}`, async () => {
      const rng = createRng(9 + T);
      const s = {
        x: fill(rng, T * D),
        r: fill(rng, T * D, () => rng.nextFloat()),
        i: fill(rng, T * D, () => rng.nextFloat()),
        softplusLambda: fill(rng, D, () => 0.001 + 0.1 * rng.nextFloat()),
        seqLen: T,
        channels: D,
      };
      const gpu = await runRgLru(device, s);
      const cpu = rgLru(s);
      for (const [name, a, b] of [
        ['h', gpu.h, cpu.h],
        ['a', gpu.a, cpu.a],
      ] as const) {
        const check = allClose(a, b, TOLERANCE);
        expect(check.ok, `${name}: ${check.message}`).toBe(true);
      }
    });
  }
});

describe('linear attention kernel = CPU reference (recurrent form)', () => {
  for (const [featureMap, H, T, F, V] of [
    ['eluPlusOne', 2, 30, 8, 5],
    ['relu', 1, 1, 4, 3],
    ['identity', 3, 65, 16, 8],
    ['eluPlusOne', 1, 1024, 16, 16],
  ] as const) {
    it(`${featureMap} H=${H} T=${T} f=${F} dv=${V}`, async () => {
      const rng = createRng(featureMap.length + T);
      const positive = featureMap !== 'eluPlusOne';
      const g = () => (positive ? Math.abs(rng.nextNormal()) + 0.1 : rng.nextNormal());
      const s = {
        q: fill(rng, H * T * F, g),
        k: fill(rng, H * T * F, g),
        v: fill(rng, H * T * V),
        heads: H,
        seqLen: T,
        keyDim: F,
        valueDim: V,
        featureMap,
      };
      const check = allClose(
        await runLinearAttention(device, s),
        linearAttentionRecurrent(s).output,
        TOLERANCE,
      );
      expect(check.ok, check.message).toBe(true);
    });
  }
});
