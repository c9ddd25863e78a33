/**
 * The GPU forward's traces (forwardOnGpu(…, { trace: true }).layers) equal the CPU forward's mixer traces
 * (forward(…, { trace: true })) field by field — every field the CPU trace carries, same names, same layouts —
 * for every architecture preset (simulations/model/presets.ts ARCHITECTURES): Mamba (Δ, A, B, C, gate, every h_t),
 * Hawk's RG-LRU (r, i, a, h, retention), GLA (α, states, implicit attention), RetNet (states, implicit attention),
 * Mamba-2 (Δ per head, implicit attention), linear attention (implicit attention, retention, states; elu+1 and
 * Based's Taylor map), BaseConv (gate, retention), S4D (kernels over lags, retention, |h_t| of every mode), H3
 * (shifted keys, retention), Hyena (filters, retention), M2 (retention) and attention layers (weights, and the
 * mask spec: full, sliding window, and strided, window + global, LSH, k-means outside the presets), at T = 37 and,
 * for the presets with linear attention / RetNet / GLA / Mamba-2, at T = 130 both chunkwise (the default from
 * CHUNKED_FROM_T, mixers/chunking.ts; the chunked output kernels checked to run) and step by step. Float arrays
 * all-close, configuration fields equal; a missing or extra field fails. Still one command buffer per forward
 * (two under LSH / k-means masks, whose mid-forward readback of the shared QK vectors gpuForward.ts documents).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MaskSpec } from '../../simulations/attention/masks/maskSpec';
import type { ModelConfig } from '../../simulations/model/config';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { ARCHITECTURES, architecturePreset, zoologyConfig } from '../../simulations/model/presets';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { GpuProgram } from '../runtime/gpuProgram';
import { forwardOnGpu } from './gpuForward';
import { CHUNKED_FROM_T, chunkedByDefault, GPU_CHUNK } from './mixers/chunking';

const TOLERANCE = { atol: 2e-4, rtol: 2e-3 };

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Every field of every layer's CPU trace is in the GPU trace (float arrays all-close, the rest equal), and no other.
 * Returns the labels of the kernels the forward dispatched.
 */
async function expectSameTraces(
  config: ModelConfig,
  seed: number,
  commandBuffers = 1,
  { T = 37, chunked }: { T?: number; chunked?: boolean } = {},
): Promise<string[]> {
  const model = createModel(config, initParams(config, seed));
  const tokens = Array.from({ length: T }, (_, t) => (t * 7 + 3) % 32);
  const dispatch = vi.spyOn(GpuProgram.prototype, 'dispatch');
  const gpu = await forwardOnGpu(device, model, tokens, { trace: true, chunked });
  const kernels = dispatch.mock.calls.map(([spec]) => spec.label ?? '');
  dispatch.mockRestore();
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
  return kernels;
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

describe('GPU traces = CPU traces past the chunk threshold (linear attention, RetNet, GLA, Mamba-2 chunkwise)', () => {
  // T = 130: past CHUNKED_FROM_T = 128, and not a multiple of the chunk (a partial last chunk).
  const T = 130;
  const CHUNKED_KERNEL: Record<string, string> = {
    linearAttention: 'chunkedLinearOutputs',
    retnet: 'chunkOutputs',
    gla: 'chunkOutputs',
    mamba2: 'chunkOutputs',
  };
  const STEP_KERNEL: Record<string, string> = {
    linearAttention: 'parallelLinearAttention',
    retnet: 'decayedLinearAttention',
    gla: 'decayedLinearAttention',
    mamba2: 'decayedLinearAttention',
  };
  const presets = ARCHITECTURES.map(
    (arch) =>
      [arch, architecturePreset(arch, { vocabSize: 32, dModel: 16, maxSeqLen: 136, window: 5 })] as const,
  ).filter(([, config]) => config.layers.some((layer) => layer.mixer.kind in CHUNKED_KERNEL));

  it('covers the chunked mixers, and T = 130 is chunked by default', () => {
    expect(presets.map(([arch]) => arch)).toEqual(
      expect.arrayContaining(['linear-attention', 'based', 'retnet', 'gla', 'mamba2']),
    );
    expect(T).toBeGreaterThanOrEqual(CHUNKED_FROM_T);
    expect(T % GPU_CHUNK).not.toBe(0);
    expect(chunkedByDefault(T)).toBe(true);
  });

  const count = (kernels: string[], label: string) => kernels.filter((k) => k === label).length;
  for (const [arch, config] of presets) {
    const kinds = config.layers.map((layer) => layer.mixer.kind).filter((kind) => kind in CHUNKED_KERNEL);
    const expected = (table: Record<string, string>) =>
      Object.fromEntries(
        [...new Set(kinds.map((kind) => table[kind]))].map((label) => [
          label,
          kinds.filter((kind) => table[kind] === label).length,
        ]),
      );
    it(`${arch}: chunked (the default at T = ${T})`, async () => {
      const kernels = await expectSameTraces(config, 5, 1, { T });
      // One chunked output pass per chunked layer; no step-by-step decayed scan.
      for (const [label, n] of Object.entries(expected(CHUNKED_KERNEL)))
        expect(count(kernels, label), label).toBe(n);
      expect(kernels).not.toContain('decayedLinearAttention');
    });
    it(`${arch}: step by step (chunked: false)`, async () => {
      const kernels = await expectSameTraces(config, 5, 1, { T, chunked: false });
      for (const label of new Set(Object.values(CHUNKED_KERNEL))) expect(kernels).not.toContain(label);
      for (const [label, n] of Object.entries(expected(STEP_KERNEL)))
        expect(count(kernels, label), label).toBe(n);
    });
  }
});
