/**
 * Every one of the engine's 18 presets runs on WebGPU and gives the CPU reference's logits
 * (simulations/model/forward.ts), randomly initialised, at T = 1 and at T = 45 (not a multiple of any
 * workgroup size), with the scan-like mixers in step-by-step and in chunkwise form. Tolerance on logits: atol 2e-4, rtol 2e-3 — f32 on the GPU against a reference that
 * accumulates in float64 (FFT / Monarch convolutions, chunked scans) through 2–4 layers and the LM head.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { ARCHITECTURES, architecturePreset } from '../../simulations/model/presets';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { forwardOnGpu, gpuUnsupportedReason } from './gpuForward';

const MODEL_TOLERANCE = { atol: 2e-4, rtol: 2e-3 };

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('every preset on WebGPU = CPU reference (random init)', () => {
  for (const arch of ARCHITECTURES) {
    it(`${arch}: T = 1 and T = 45, step by step and chunkwise`, async () => {
      const config = architecturePreset(arch, { vocabSize: 32, dModel: 16, maxSeqLen: 48, window: 5 });
      const model = createModel(config, initParams(config, 3));
      expect(gpuUnsupportedReason(model)).toBeNull();
      for (const T of [1, 45]) {
        const tokens = Array.from({ length: T }, (_, t) => (t * 11 + 7) % 32);
        const cpu = forward(model, tokens).logits;
        // chunked: linear attention, RetNet, GLA and Mamba-2 through the chunked kernels (2 chunks at T = 45).
        for (const chunked of [false, true]) {
          const gpu = await forwardOnGpu(device, model, tokens, { chunked });
          const check = allClose(gpu.logits, cpu, MODEL_TOLERANCE);
          expect(check.ok, `${arch} T=${T} chunked=${chunked}: ${check.message}`).toBe(true);
        }
      }
    });
  }
});
