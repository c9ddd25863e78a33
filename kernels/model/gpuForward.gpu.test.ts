/**
 * One model, two backends: the same config and weights give the same logits (and attention weights) on the
 * CPU reference and on WebGPU. Tolerance atol 1e-4, rtol 1e-3 on logits (f32 through 2 layers + LM head).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { architecturePreset, zoologyConfig } from '../../simulations/model/presets';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { forwardOnGpu, gpuUnsupportedReason, UnsupportedOnGpuError } from './gpuForward';

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

const TOLERANCE = { atol: 1e-4, rtol: 1e-3 };

describe('model forward on WebGPU = CPU reference', () => {
  it('Zoology attention preset (learned positions, residual quirk), T = 20', async () => {
    const config = architecturePreset('attention', { vocabSize: 40, dModel: 32, maxSeqLen: 24 });
    const model = createModel(config, initParams(config, 7));
    const tokens = Array.from({ length: 20 }, (_, t) => (t * 7 + 3) % 40);
    const cpu = forward(model, tokens, { trace: true });
    const gpu = await forwardOnGpu(device, model, tokens);
    const logits = allClose(gpu.logits, cpu.logits, TOLERANCE);
    expect(logits.ok, logits.message).toBe(true);
    cpu.trace?.layers.forEach((layer, i) => {
      const w = allClose(gpu.attention[i], layer.mixer.weights as Float32Array, { atol: 1e-5, rtol: 1e-4 });
      expect(w.ok, `layer ${i}: ${w.message}`).toBe(true);
    });
  });

  it('multi-head, no positions, no quirk, T = 1 and T = 70', async () => {
    const config = {
      ...zoologyConfig({
        vocabSize: 16,
        dModel: 24,
        maxSeqLen: 80,
        layers: [{ mixer: { kind: 'attention', heads: 3 }, mlp: 'none' as const }],
      }),
      positional: 'none' as const,
      zoologyResidualQuirk: false,
    };
    const model = createModel(config, initParams(config, 2));
    for (const T of [1, 70]) {
      const tokens = Array.from({ length: T }, (_, t) => (t * 5) % 16);
      const check = allClose(
        (await forwardOnGpu(device, model, tokens)).logits,
        forward(model, tokens).logits,
        TOLERANCE,
      );
      expect(check.ok, `T=${T}: ${check.message}`).toBe(true);
    }
  });

  it('says which models it cannot run, so callers can fall back to the CPU', async () => {
    const hyena = zoologyConfig({
      vocabSize: 16,
      dModel: 16,
      maxSeqLen: 8,
      layers: [{ mixer: { kind: 'hyena', filterWidth: 200 }, mlp: 'none' }],
    });
    const model = createModel(hyena, initParams(hyena, 1));
    expect(gpuUnsupportedReason(model)).toMatch(/layer 0 \(hyena\): filter width above 128/);
    await expect(forwardOnGpu(device, model, [1, 2])).rejects.toBeInstanceOf(UnsupportedOnGpuError);
  });
});

describe('sliding-window shell on WebGPU = CPU reference', () => {
  it('sliding-window preset (W = 5), T = 30', async () => {
    const config = architecturePreset('sliding-window', {
      vocabSize: 32,
      dModel: 16,
      maxSeqLen: 32,
      window: 5,
    });
    const model = createModel(config, initParams(config, 11));
    const tokens = Array.from({ length: 30 }, (_, t) => (t * 11 + 1) % 32);
    const gpu = await forwardOnGpu(device, model, tokens);
    const check = allClose(gpu.logits, forward(model, tokens).logits, TOLERANCE);
    expect(check.ok, check.message).toBe(true);
    expect(gpu.attention[0][29 * 30 + 23]).toBe(0); // 29 − 23 = 6 > W
    expect(gpu.attention[0][29 * 30 + 24]).toBeGreaterThan(0);
  });
});

describe('GpuProgram', () => {
  it('turns a silently dropped pass (a mis-sized uniform) into an error', async () => {
    const { GpuProgram, GpuValidationError } = await import('../runtime/gpuProgram');
    const { causalAttentionWgsl } = await import('../attention/causalAttention.wgsl');
    const p = new GpuProgram(device);
    const x = p.input(new Float32Array(4), 'x');
    const out = p.scratch(4, 'out');
    const w = p.scratch(4, 'w');
    // 16 bytes where the shader's Params needs 20.
    p.dispatch(
      { label: 'causalAttention', code: causalAttentionWgsl },
      [p.uniform(new ArrayBuffer(16), 'short'), x, x, x, out, w],
      [1, 1],
    );
    await expect(p.run([{ buffer: out, floats: 4 }])).rejects.toBeInstanceOf(GpuValidationError);
  });
});

describe('more of the zoo on WebGPU = CPU reference', () => {
  it('linear attention (elu+1), 2 heads, and an attention layer with a GELU MLP', async () => {
    const linear = architecturePreset('linear-attention', { vocabSize: 32, dModel: 16, maxSeqLen: 40 });
    const withMlp = zoologyConfig({
      vocabSize: 32,
      dModel: 16,
      maxSeqLen: 40,
      layers: [
        { mixer: { kind: 'linearAttention', featureMap: 'relu', featureDim: 8, heads: 2 }, mlp: 'mlp' },
        { mixer: { kind: 'attention', heads: 2 }, mlp: 'mlp' },
      ],
    });
    for (const config of [linear, withMlp]) {
      const model = createModel(config, initParams(config, 5));
      const tokens = Array.from({ length: 37 }, (_, t) => (t * 13 + 2) % 32);
      const check = allClose(
        (await forwardOnGpu(device, model, tokens)).logits,
        forward(model, tokens).logits,
        TOLERANCE,
      );
      expect(check.ok, check.message).toBe(true);
    }
  });
});

describe('Hawk (RG-LRU recurrent blocks) on WebGPU = CPU reference', () => {
  it('hawk preset, T = 33', async () => {
    const config = architecturePreset('hawk', { vocabSize: 32, dModel: 16, maxSeqLen: 40 });
    const model = createModel(config, initParams(config, 8));
    const tokens = Array.from({ length: 33 }, (_, t) => (t * 5 + 4) % 32);
    const check = allClose(
      (await forwardOnGpu(device, model, tokens)).logits,
      forward(model, tokens).logits,
      TOLERANCE,
    );
    expect(check.ok, check.message).toBe(true);
  });
});

describe('Mamba, Jamba and Griffin (SwiGLU MLPs) on WebGPU = CPU reference', () => {
  for (const arch of ['mamba', 'jamba', 'griffin'] as const) {
    it(`${arch} preset, T = 29`, async () => {
      const config = architecturePreset(arch, { vocabSize: 32, dModel: 16, maxSeqLen: 32 });
      const model = createModel(config, initParams(config, 4));
      const tokens = Array.from({ length: 29 }, (_, t) => (t * 7 + 5) % 32);
      const check = allClose(
        (await forwardOnGpu(device, model, tokens)).logits,
        forward(model, tokens).logits,
        TOLERANCE,
      );
      expect(check.ok, check.message).toBe(true);
    });
  }
});

describe('attention under every mask spec, in a model, on WebGPU = CPU reference', () => {
  const masks = [
    { kind: 'dilatedWindow', window: 3, dilation: 2 },
    { kind: 'strided', stride: 4 },
    { kind: 'fixed', stride: 8, summaryTokens: 2 },
    { kind: 'windowGlobal', window: 4, globalTokens: [0, 5] },
    { kind: 'bigBird', blockSize: 4, windowBlocks: 3, globalBlocks: 1, randomBlocks: 1, seed: 3 },
    {
      kind: 'blockSparse',
      blockSize: 8,
      layout: Array.from({ length: 5 }, (_, I) => Array.from({ length: 5 }, (_, J) => J === I || J === 0)),
    },
    { kind: 'lsh', numBuckets: 4, chunkSize: 4, numHashes: 2, seed: 1 },
    { kind: 'kmeans', numClusters: 3, iterations: 4, seed: 2 },
  ];
  for (const mask of masks) {
    it(`${mask.kind} (2 heads, RoPE), T = 37`, async () => {
      const config = zoologyConfig({
        vocabSize: 32,
        dModel: 16,
        maxSeqLen: 40,
        layers: [{ mixer: { kind: 'attention', heads: 2, positional: 'rope', mask }, mlp: 'mlp' }],
      });
      const model = createModel(config, initParams(config, 6));
      const tokens = Array.from({ length: 37 }, (_, t) => (t * 7 + 1) % 32);
      const cpu = forward(model, tokens, { trace: true });
      const gpu = await forwardOnGpu(device, model, tokens);
      const check = allClose(gpu.logits, cpu.logits, TOLERANCE);
      expect(check.ok, check.message).toBe(true);
      const w = allClose(gpu.attention[0], cpu.trace?.layers[0].mixer.weights as Float32Array, {
        atol: 1e-5,
        rtol: 1e-4,
      });
      expect(w.ok, `weights: ${w.message}`).toBe(true);
      // A data-dependent mask reads the shared QK vectors back once: one extra command buffer.
      expect(gpu.commandBuffers).toBe(mask.kind === 'lsh' || mask.kind === 'kmeans' ? 2 : 1);
    });
  }
});
