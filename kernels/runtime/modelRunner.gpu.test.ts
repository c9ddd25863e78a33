/**
 * Device loss, forced with device.destroy(), and the documented recovery of `createModelRunner`:
 *   1. the next forward rebuilds a device and answers on WebGPU, equal to the CPU reference;
 *   2. a forward in flight when the device is destroyed still resolves with correct logits;
 *   3. when no new device can be had, the runner falls back to the CPU, says why, and keeps answering;
 * and in every case the caller's token array is untouched. Also: unsupported models go to the CPU per forward,
 * and `{ trace: true }` returns the mixer traces from WebGPU equal to the CPU runner's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { architecturePreset, zoologyConfig } from '../../simulations/model/presets';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu, testGpuHost } from '../../testing/webgpu';
import { createModelRunner, type ModelRunner } from './modelRunner';
import { requestGpuDevice } from './requestGpuDevice';

const TOLERANCE = { atol: 2e-4, rtol: 2e-3 };
let gpu: GPU;
beforeAll(async () => {
  await getTestGpu(); // loads Dawn in Node
  gpu = (testGpuHost === 'node' ? globalThis.__beyondAttentionDawnGpu : navigator.gpu) as GPU;
});
afterAll(releaseTestGpu);

const config = architecturePreset('griffin', { vocabSize: 16, dModel: 8, maxSeqLen: 12, window: 3 });
const model = createModel(config, initParams(config, 2));
const tokens = Object.freeze([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
const expected = forward(model, tokens).logits;
const expectCorrect = (logits: Float32Array) => {
  const check = allClose(logits, expected, TOLERANCE);
  expect(check.ok, check.message).toBe(true);
};

let runner: ModelRunner | undefined;
afterAll(() => runner?.dispose());

describe('device loss and recovery', () => {
  it('rebuilds the device after a loss and answers the next forward on WebGPU', async () => {
    runner = createModelRunner(gpu);
    expect((await runner.ready).backend).toBe('webgpu');
    const first = await runner.forward(model, tokens);
    expect(first.backend).toBe('webgpu');
    expectCorrect(first.logits);

    const lostDevice = runner.device() as GPUDevice;
    const statuses: string[] = [];
    runner.onStatusChange((s) => statuses.push(s.backend));
    lostDevice.destroy();
    expect((await lostDevice.lost).reason).toBe('destroyed');

    const after = await runner.forward(model, tokens);
    expect(after.backend).toBe('webgpu');
    expectCorrect(after.logits);
    expect(runner.device()).not.toBe(lostDevice);
    expect(runner.status()).toMatchObject({ backend: 'webgpu', rebuilds: 1 });
    expect(statuses).toEqual(['webgpu']);
    expect(tokens).toEqual([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
  });

  it('a forward in flight when the device is destroyed still resolves with correct logits', async () => {
    runner ??= createModelRunner(gpu);
    await runner.ready;
    const device = runner.device() as GPUDevice;
    const pending = runner.forward(model, tokens);
    device.destroy();
    const result = await pending;
    expectCorrect(result.logits);
    expect(runner.device()).not.toBe(device);
  });

  it('falls back to the CPU, with the reason, when no new device can be created', async () => {
    let requests = 0;
    const fallible = createModelRunner(gpu, {
      requestDevice: async () => {
        requests++;
        if (requests > 1) throw new Error('adapter gone (simulated)');
        return requestGpuDevice(gpu, 'fallible');
      },
    });
    try {
      expect((await fallible.forward(model, tokens)).backend).toBe('webgpu');
      (fallible.device() as GPUDevice).destroy();
      const result = await fallible.forward(model, tokens);
      expect(result.backend).toBe('cpu');
      // The CPU path runs the Wasm SIMD kernels: float32, all-close to the reference.
      expect(result.cpuKernels).toBe('wasm-simd');
      expectCorrect(result.logits);
      expect(result.fallbackReason).toMatch(
        /GPU device was lost.*could not be created: adapter gone \(simulated\)/,
      );
      expect(fallible.status()).toMatchObject({ backend: 'cpu' });
      expect((await fallible.forward(model, tokens)).backend).toBe('cpu');
      expect(requests).toBe(2);
    } finally {
      fallible.dispose();
    }
  });
});

describe('backend selection', () => {
  it('uses the CPU when WebGPU is missing, and says so', async () => {
    const cpu = createModelRunner(undefined);
    expect(await cpu.ready).toMatchObject({
      backend: 'cpu',
      reason: expect.stringMatching(/navigator\.gpu is missing/),
    });
    const result = await cpu.forward(model, tokens);
    expect(result.backend).toBe('cpu');
    expect(result.cpuKernels).toBe('wasm-simd');
    expectCorrect(result.logits);
  });

  it('answers a model the GPU cannot run on the CPU, and stays on WebGPU', async () => {
    runner ??= createModelRunner(gpu);
    await runner.ready;
    const wide = zoologyConfig({
      vocabSize: 8,
      dModel: 8,
      maxSeqLen: 4,
      layers: [{ mixer: { kind: 'hyena', filterWidth: 200 }, mlp: 'none' }],
    });
    const unsupported = createModel(wide, initParams(wide, 1));
    const result = await runner.forward(unsupported, [1, 2, 3]);
    expect(result.backend).toBe('cpu');
    expect(result.fallbackReason).toMatch(/filter width above 128/);
    expect(runner.status().backend).toBe('webgpu');
  });
});

describe('traces through the runner', () => {
  it('returns the RG-LRU gates and states on WebGPU, equal to the CPU runner’s trace', async () => {
    runner ??= createModelRunner(gpu);
    await runner.ready;
    const onGpu = await runner.forward(model, tokens, { trace: true });
    const onCpu = await createModelRunner(undefined).forward(model, tokens, { trace: true });
    expect(onGpu.backend).toBe('webgpu');
    expect(onCpu.backend).toBe('cpu');
    const gpuLayers = onGpu.layers ?? [];
    expect(gpuLayers.map((l) => l.kind)).toEqual((onCpu.layers ?? []).map((l) => l.kind));
    const rglru = gpuLayers.findIndex((l) => l.kind === 'rglru');
    expect(rglru).toBeGreaterThanOrEqual(0);
    for (const name of ['r', 'i', 'a', 'h']) {
      const check = allClose(
        gpuLayers[rglru][name] as Float32Array,
        onCpu.layers?.[rglru][name] as Float32Array,
        TOLERANCE,
      );
      expect(check.ok, `${name}: ${check.message}`).toBe(true);
    }
    expect((await runner.forward(model, tokens)).layers).toBeUndefined();
  });
});
