/**
 * The GPU forward's traces (forwardOnGpu(…, { trace: true }).layers) equal the CPU forward's mixer traces
 * (forward(…, { trace: true })) field by field — same names, same layouts — for Mamba (Δ, A, B, C, gate, every
 * h_t), Hawk's RG-LRU (r, i, a, h, retention), GLA (α, states, implicit attention), RetNet (states, implicit attention),
 * Mamba-2 (Δ per head, implicit attention) and linear attention
 * (implicit attention, retention, states; elu+1 and Based's Taylor map) and attention layers (weights, also under
 * a sliding window), still in one command buffer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { architecturePreset } from '../../simulations/model/presets';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { forwardOnGpu } from './gpuForward';

const TOLERANCE = { atol: 2e-4, rtol: 2e-3 };

/** The fields each mixer kind must return from the GPU. */
const EXPECTED: Record<string, string[]> = {
  mamba: ['delta', 'A', 'B', 'C', 'gate', 'states'],
  rglru: ['r', 'i', 'a', 'h', 'retention'],
  gla: ['alpha', 'states', 'implicitAttention'],
  retnet: ['states', 'implicitAttention'],
  mamba2: ['delta', 'implicitAttention'],
  linearAttention: ['implicitAttention', 'retention', 'states'],
  attention: ['weights'],
};

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('GPU traces = CPU traces', () => {
  for (const arch of ['mamba', 'hawk', 'gla', 'retnet', 'mamba2', 'linear-attention', 'based', 'griffin']) {
    it(arch, async () => {
      const config = architecturePreset(arch, { vocabSize: 32, dModel: 16, maxSeqLen: 48, window: 5 });
      const model = createModel(config, initParams(config, 5));
      const tokens = Array.from({ length: 37 }, (_, t) => (t * 7 + 3) % 32);
      const gpu = await forwardOnGpu(device, model, tokens, { trace: true });
      const cpu = forward(model, tokens, { trace: true });
      expect(gpu.commandBuffers).toBe(1);
      const layers = gpu.layers ?? [];
      expect(layers).toHaveLength(config.layers.length);
      let compared = 0;
      layers.forEach((layer, i) => {
        const cpuTrace = cpu.trace?.layers[i].mixer as Record<string, unknown>;
        expect(layer.kind).toBe(cpuTrace.kind);
        for (const name of EXPECTED[layer.kind] ?? []) {
          const actual = layer[name];
          expect(actual, `layer ${i} ${layer.kind}.${name} missing`).toBeInstanceOf(Float32Array);
          const check = allClose(actual as Float32Array, cpuTrace[name] as Float32Array, TOLERANCE);
          expect(check.ok, `layer ${i} ${layer.kind}.${name}: ${check.message}`).toBe(true);
          compared++;
        }
        for (const meta of ['heads', 'channels', 'stateSize', 'stateShape', 'featureMap', 'gammas'])
          if (meta in layer) expect(layer[meta], `${layer.kind}.${meta}`).toEqual(cpuTrace[meta]);
      });
      expect(compared).toBeGreaterThan(0);
    });
  }
});
