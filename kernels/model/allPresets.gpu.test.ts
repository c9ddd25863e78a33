/**
 * Every one of the engine's 18 presets runs on WebGPU and gives the CPU reference's logits
 * (simulations/model/forward.ts), randomly initialised, at T = 1 and at T = 45 (not a multiple of any
 * workgroup size), with the scan-like mixers in step-by-step and in chunkwise form. Tolerance on logits: atol 2e-4, rtol 2e-3 — f32 on the GPU against a reference that
 * accumulates in float64 (FFT / Monarch convolutions, chunked scans) through 2–4 layers and the LM head.
 * And, as simulations/model/prefixCausality.test.ts on the CPU: the GPU's logits of a 13-token prefix do not change
 * when 5 or maxSeqLen − 13 tokens follow (Hyena's filter is built at maxSeqLen, not at the input's length).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { ARCHITECTURES, architecturePreset } from '../../simulations/model/presets';
import { createRng } from '../../simulations/random/rng';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { forwardOnGpu, gpuUnsupportedReason } from './gpuForward';

const MODEL_TOLERANCE = { atol: 2e-4, rtol: 2e-3 };
/** GPU against GPU at two lengths: only the dispatch sizes differ, so float rounding at most. */
const PREFIX_TOLERANCE = { atol: 1e-6, rtol: 1e-6 };

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

describe('every preset on WebGPU: a prefix’s logits do not depend on how many tokens follow', () => {
  const P = 13;
  const MAX = 48;
  for (const arch of ARCHITECTURES) {
    it(`${arch}: ${P}-token prefix vs ${P + 5} and ${MAX} tokens`, async () => {
      const config = architecturePreset(arch, { vocabSize: 32, dModel: 16, maxSeqLen: MAX, window: 5 });
      const params = initParams(config, 3);
      // Spread wider than at init, so every path reaches the logits (as prefixCausality.test.ts).
      const rng = createRng(3);
      for (const [name, value] of params)
        if (!/A_log|b_dt|Lambda|norm|D$/.test(name))
          for (let i = 0; i < value.length; i++) value[i] += 0.3 * rng.nextNormal();
      const model = createModel(config, params);
      const tokens = Array.from({ length: MAX }, (_, t) => (t * 11 + 7) % 32);
      const prefix = (await forwardOnGpu(device, model, tokens.slice(0, P))).logits;
      for (const T of [P + 5, MAX]) {
        const longer = (await forwardOnGpu(device, model, tokens.slice(0, T))).logits.subarray(0, P * 32);
        const check = allClose(longer, prefix, PREFIX_TOLERANCE);
        expect(check.ok, `${arch}: ${P} tokens vs ${T}: ${check.message}`).toBe(true);
      }
    });
  }
});
