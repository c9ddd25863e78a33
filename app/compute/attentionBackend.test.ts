import { describe, expect, it } from 'vitest';
import type { RunnerStatus } from '../../kernels/runtime/gpuRunner';
import { requestGpuDevice } from '../../kernels/runtime/requestGpuDevice';
import { buildHandBuiltHeads } from '../../simulations/attention/handBuiltHeads';
import { createAttentionBackend } from './attentionBackend';

/** A fake GPU whose device can be "lost" on demand and whose queue always fails (so runs fall back). */
function fakeGpu(options: { adapter?: boolean; deviceThrows?: boolean } = {}) {
  const losers: ((info: { reason: string; message: string }) => void)[] = [];
  let devicesCreated = 0;
  const device = () => {
    devicesCreated++;
    return {
      features: new Set<string>(),
      limits: {
        maxStorageBufferBindingSize: 1 << 27,
        maxBufferSize: 1 << 28,
        maxComputeWorkgroupsPerDimension: 65535,
      },
      lost: new Promise((resolve) => losers.push(resolve)),
      createShaderModule() {
        throw new Error('fake device cannot compile');
      },
      pushErrorScope() {},
      popErrorScope: async () => null,
      destroy() {},
    };
  };
  const gpu = {
    requestAdapter: async () =>
      options.adapter === false
        ? null
        : {
            info: { vendor: 'fake', description: 'Fake GPU' },
            features: new Set<string>(), // no optional features (kernels/runtime asks for subgroups, shader-f16)
            limits: {
              maxStorageBufferBindingSize: 1 << 27,
              maxBufferSize: 1 << 28,
              maxComputeWorkgroupStorageSize: 16384,
            },
            requestDevice: async () => {
              if (options.deviceThrows) throw new Error('out of memory');
              return device();
            },
          },
  };
  return {
    gpu: gpu as unknown as GPU,
    lose: (reason = 'unknown') => losers.at(-1)?.({ reason, message: 'driver reset' }),
    devicesCreated: () => devicesCreated,
  };
}

const inputs = buildHandBuiltHeads('ant 3 ant'.split(' '));
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('attention backend (the runner core: kernels/runtime/gpuRunner.ts)', () => {
  it('uses the CPU with a reason when there is no WebGPU, no adapter, or no device', async () => {
    for (const [gpu, reason] of [
      [undefined, /navigator\.gpu is missing/],
      [fakeGpu({ adapter: false }).gpu, /no GPU adapter/],
      [fakeGpu({ deviceThrows: true }).gpu, /refused to create a device: Error: out of memory/],
    ] as const) {
      const backend = createAttentionBackend(gpu);
      expect(await backend.ready).toEqual({ backend: 'cpu', reason: expect.stringMatching(reason) });
      const result = await backend.run(inputs);
      expect(result.backend).toBe('cpu');
      expect(result.cpuKernels).toBe('reference');
    }
  });

  it('reports the adapter, and answers on the CPU, saying why, when a GPU run fails', async () => {
    const backend = createAttentionBackend(fakeGpu().gpu);
    expect(await backend.ready).toEqual({ backend: 'webgpu', adapter: 'Fake GPU (fake)', rebuilds: 0 });
    const result = await backend.run(inputs);
    expect(result.backend).toBe('cpu');
    expect(result.fallbackReason).toMatch(/The GPU failed: fake device cannot compile/);
    expect(result.weights.length).toBe(2 * 3 * 3);
    // A GPU that fails without losing its device is not trusted again: the user stays on the CPU, told why.
    expect(backend.status()).toEqual({ backend: 'cpu', reason: expect.stringMatching(/cannot compile/) });
  });

  it('on device loss: rebuilds the device once for the next run, and keeps answering', async () => {
    const fake = fakeGpu();
    const backend = createAttentionBackend(fake.gpu);
    await backend.ready;
    const seen: RunnerStatus[] = [];
    backend.onStatusChange((s) => seen.push(s));
    fake.lose();
    await tick();
    const result = await backend.run(inputs);
    expect(fake.devicesCreated()).toBe(2);
    expect(seen[0]).toEqual({ backend: 'webgpu', adapter: 'Fake GPU (fake)', rebuilds: 1 });
    expect(result.backend).toBe('cpu'); // the fake's fresh device cannot compile either
    expect(result.weights.length).toBe(2 * 3 * 3);
  });

  it('stays on the CPU, with the reason, when no new device can be had after a loss', async () => {
    const fake = fakeGpu();
    let requests = 0;
    const backend = createAttentionBackend(fake.gpu, {
      requestDevice: async () => {
        requests++;
        if (requests > 1) throw new Error('adapter gone (simulated)');
        return requestGpuDevice(fake.gpu, 'fallible');
      },
    });
    await backend.ready;
    fake.lose();
    await tick();
    const result = await backend.run(inputs);
    expect(result.backend).toBe('cpu');
    expect(result.fallbackReason).toMatch(/GPU device was lost.*could not be created: adapter gone/);
    expect(backend.status()).toMatchObject({ backend: 'cpu' });
    expect((await backend.run(inputs)).backend).toBe('cpu');
    expect(requests).toBe(2);
  });
});
