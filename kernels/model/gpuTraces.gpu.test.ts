/**
 * The GPU forward's traces (forwardOnGpu(…, { trace: true }).layers) equal the CPU forward's mixer traces
 * (forward(…, { trace: true })) field by field — every field the CPU trace carries, same names, same layouts —
 * for every architecture preset (simulations/model/presets.ts ARCHITECTURES): Mamba (Δ, A, B, C, gate, every h_t),
 * Hawk's RG-LRU (r, i, a, h, retention), GLA (α, states, implicit attention), RetNet (states, implicit attention),
 * Mamba-2 (Δ per head, implicit attention), linear attention (implicit attention, retention, states; elu+1 and
 * Based's Taylor map), BaseConv (gate, retention), S4D (kernels over lags, retention, |h_t| of every mode), H3
 * (shifted keys, retention), Hyena (filters, retention), M2 (retention) and attention layers (weights, and the
 * mask spec: full, sliding window, and strided, window + global, LSH, k-means outside the presets). Float arrays
 * all-close, configuration fields equal; a missing or extra field fails. Still one command buffer per forward
 * (two under LSH / k-means masks, whose mid-forward readback of the shared QK vectors gpuForward.ts documents).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MaskSpec } from '../../simulations/attention/masks/maskSpec';
import type { ModelConfig } from '../../simulations/model/config';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { ARCHITECTURES, architecturePreset, zoologyConfig } from '../../simulations/model/presets';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { forwardOnGpu } from './gpuForward';

const TOLERANCE = { atol: 2e-4, rtol: 2e-3 };

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

/** Every field of every layer's CPU trace is in the GPU trace (float arrays all-close, the rest equal), and no other. */
async function expectSameTraces(config: ModelConfig, seed: number, commandBuffers = 1) {
  const model = createModel(config, initParams(config, seed));
  const tokens = Array.from({ length: 37 }, (_, t) => (t * 7 + 3) % 32);
  const gpu = await forwardOnGpu(device, model, tokens, { trace: true });
  const cpu = forward(model, tokens, { trace: true });
  expect(gpu.commandBuffers).toBe(commandBuffers);
  const layers = gpu.layers ?? [];
  expect(layers).toHaveLength(config.layers.length);
  let compared = 0;
  layers.forEach((layer, i) => {
    const cpuTrace = cpu.trace?.layers[i].mixer as Record<string, unknown>;
    expect(layer.kind).toBe(cpuTrace.kind);
    for (const [name, expected] of Object.entries(cpuTrace)) {
      if (expected === undefined) continue;
      const actual = layer[name];
      const where = `layer ${i} ${cpuTrace.kind}.${name}`;
      expect(actual, `${where} missing`).toBeDefined();
      if (expected instanceof Float32Array) {
        expect(actual, `${where} is not a Float32Array`).toBeInstanceOf(Float32Array);
        expect((actual as Float32Array).length, `${where} length`).toBe(expected.length);
        const check = allClose(actual as Float32Array, expected, TOLERANCE);
        expect(check.ok, `${where}: ${check.message}`).toBe(true);
        compared++;
      } else expect(actual, where).toEqual(expected);
    }
    for (const name of Object.keys(layer))
      expect(name in cpuTrace, `layer ${i} ${layer.kind}.${name}: not in the CPU trace`).toBe(true);
  });
  expect(compared).toBeGreaterThan(0);
}

describe('GPU traces = CPU traces, every preset', () => {
  for (const arch of ARCHITECTURES)
    it(arch, () =>
      expectSameTraces(architecturePreset(arch, { vocabSize: 32, dModel: 16, maxSeqLen: 48, window: 5 }), 5),
    );
});

describe('GPU traces = CPU traces, past a kernel register limit', () => {
  it('RG-LRU retention with more channels than decayRetention keeps in registers (prefix sums of log a)', () =>
    expectSameTraces(architecturePreset('hawk', { vocabSize: 32, dModel: 272, maxSeqLen: 40 }), 7));
});

describe('GPU traces = CPU traces, attention under other masks (the mask spec in the trace)', () => {
  const masks: MaskSpec[] = [
    { kind: 'strided', stride: 4 },
    { kind: 'windowGlobal', window: 4, globalTokens: [0, 5] },
    { kind: 'lsh', numBuckets: 4, chunkSize: 4, numHashes: 2, seed: 1 },
    { kind: 'kmeans', numClusters: 3, iterations: 4, seed: 2 },
  ];
  for (const mask of masks)
    it(mask.kind, () =>
      expectSameTraces(
        zoologyConfig({
          vocabSize: 32,
          dModel: 16,
          maxSeqLen: 40,
          layers: [{ mixer: { kind: 'attention', heads: 2, mask }, mlp: 'none' }],
        }),
        6,
        // A data-dependent mask reads the shared QK vectors back once: one extra command buffer.
        mask.kind === 'lsh' || mask.kind === 'kmeans' ? 2 : 1,
      ),
    );
});
