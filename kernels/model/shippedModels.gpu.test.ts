/**
 * Every shipped model in public/models (trained weights, read with the engine's safetensors reader) gives the
 * CPU reference's logits on WebGPU at its full context length, and the same argmax predictions wherever the
 * CPU's top two logits are not within the tolerance of each other. Tolerance as allPresets.gpu.test.ts.
 * In Node the files are read from disk; in Chromium they are fetched from the dev server (public/ is its root).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../simulations/model/config';
import { createModel, forward, predictTokens } from '../../simulations/model/forward';
import { createRng } from '../../simulations/random/rng';
import { loadModelWeights } from '../../simulations/weights/modelWeights';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu, testGpuHost } from '../../testing/webgpu';
import { forwardOnGpu } from './gpuForward';

const TOLERANCE = { atol: 2e-4, rtol: 2e-3 };

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

async function readPublic(path: string): Promise<Uint8Array> {
  if (testGpuHost === 'browser') {
    const response = await fetch(`/${path}`);
    if (!response.ok) throw new Error(`GET /${path}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  const fs = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  return new Uint8Array(fs.readFileSync(new URL(`../../public/${path}`, import.meta.url)));
}

const text = async (path: string) => new TextDecoder().decode(await readPublic(path));

describe('shipped models on WebGPU = CPU reference', () => {
  it('every model in public/models/index.json', async () => {
    const index = JSON.parse(await text('models/index.json')) as { models: { id: string }[] };
    expect(index.models.length).toBeGreaterThanOrEqual(18);
    const architectures = new Set<string>();
    for (const { id } of index.models) {
      const config = JSON.parse(await text(`models/${id}/config.json`)) as ModelConfig;
      const model = createModel(
        config,
        loadModelWeights(config, await readPublic(`models/${id}/model.safetensors`)),
      );
      const rng = createRng(id.length);
      const tokens = Array.from({ length: config.maxSeqLen }, () => rng.nextInt(config.vocabSize));
      const cpu = forward(model, tokens).logits;
      const gpu = (await forwardOnGpu(device, model, tokens)).logits;
      const check = allClose(gpu, cpu, TOLERANCE);
      expect(check.ok, `${id}: ${check.message}`).toBe(true);
      const V = config.vocabSize;
      const [gpuTop, cpuTop] = [predictTokens(gpu, V), predictTokens(cpu, V)];
      for (let t = 0; t < tokens.length; t++) {
        const row = [...cpu.subarray(t * V, (t + 1) * V)].sort((a, b) => b - a);
        if (row[0] - row[1] > 2 * (TOLERANCE.atol + TOLERANCE.rtol * Math.abs(row[0])))
          expect(gpuTop[t], `${id} position ${t}`).toBe(cpuTop[t]);
      }
      for (const layer of config.layers) architectures.add(layer.mixer.kind);
    }
    // The shipped zoo covers every mixer kind the GPU runs.
    expect([...architectures].sort()).toEqual(
      [
        'attention',
        'baseConv',
        'gla',
        'h3',
        'hyena',
        'linearAttention',
        'mamba',
        'mamba2',
        'monarch',
        'retnet',
        'rglru',
        's4d',
        'slidingWindow',
      ].sort(),
    );
  }, 120_000);
});
