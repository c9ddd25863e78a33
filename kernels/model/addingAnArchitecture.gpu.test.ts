/**
 * The made-up architecture of testing/madeUpArchitecture.ts (a card, a training mixer, a GPU mixer — nothing
 * else) runs in the GPU forward and gives the CPU reference's logits and its traced gate, at T = 1 and T = 45.
 * Tolerance as allPresets.gpu.test.ts: atol 2e-4, rtol 2e-3 on logits; the gate atol 1e-5, rtol 1e-4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { architecturePreset } from '../../simulations/model/presets';
import { allClose } from '../../testing/allClose';
import { registerMadeUpArchitecture } from '../../testing/madeUpArchitecture';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { forwardOnGpu, gpuUnsupportedReason } from './gpuForward';

registerMadeUpArchitecture();

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('a made-up architecture on WebGPU = CPU reference', () => {
  it('token-shift preset: logits and the traced gate, T = 1 and T = 45', async () => {
    const config = architecturePreset('token-shift', { vocabSize: 32, dModel: 16, maxSeqLen: 48 });
    const model = createModel(config, initParams(config, 3));
    expect(gpuUnsupportedReason(model)).toBeNull();
    for (const T of [1, 45]) {
      const tokens = Array.from({ length: T }, (_, t) => (t * 11 + 7) % 32);
      const cpu = forward(model, tokens, { trace: true });
      const gpu = await forwardOnGpu(device, model, tokens, { trace: true });
      const logits = allClose(gpu.logits, cpu.logits, { atol: 2e-4, rtol: 2e-3 });
      expect(logits.ok, `T=${T}: ${logits.message}`).toBe(true);
      const gate = allClose(
        gpu.layers?.[1].gate as Float32Array,
        cpu.trace?.layers[1].mixer.gate as Float32Array,
        { atol: 1e-5, rtol: 1e-4 },
      );
      expect(gate.ok, `T=${T} gate: ${gate.message}`).toBe(true);
    }
  });
});
