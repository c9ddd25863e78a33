import { describe, expect, it } from 'vitest';
import { buildHandBuiltHeads } from '../../simulations/attention/handBuiltHeads';
import { type BackendStatus, createAttentionBackend } from './attentionBackend';

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

describe('attention backend', () => {
  it('uses the CPU with a reason when there is no WebGPU, no adapter, or no device', async () => {
    for (const [gpu, reason] of [
      [undefined, /navigator\.gpu is missing/],
      [fakeGpu({ adapter: false }).gpu, /no GPU adapter/],
      [fakeGpu({ deviceThrows: true }).gpu, /refused to create a device: Error: out of memory/],
    ] as const) {
      const backend = createAttentionBackend(gpu);
      expect(await backend.ready).toEqual({ kind: 'cpu', reason: expect.stringMatching(reason) });
      expect((await backend.run(inputs)).backend).toBe('cpu');
    }
  });

  it('reports the adapter, and answers on the CPU when a GPU run fails', async () => {
    const backend = createAttentionBackend(fakeGpu().gpu);
    expect(await backend.ready).toEqual({ kind: 'webgpu', adapter: 'Fake GPU (fake)' });
    const result = await backend.run(inputs);
    expect(result.backend).toBe('cpu');
    expect(result.fallbackReason).toMatch(/WebGPU failed \(fake device cannot compile\)/);
    expect(result.weights.length).toBe(2 * 3 * 3);
  });

  it('on device loss: notifies, continues on the CPU, and recreates the device once', async () => {
    const fake = fakeGpu();
    const backend = createAttentionBackend(fake.gpu);
    await backend.ready;
    const seen: BackendStatus[] = [];
    backend.onStatusChange((s) => seen.push(s));
    fake.lose();
    await tick();
    await tick();
    expect(seen[0]).toEqual({ kind: 'cpu', reason: 'The GPU device was lost (driver reset).' });
    expect(fake.devicesCreated()).toBe(2);
    expect(seen.at(-1)).toEqual({ kind: 'webgpu', adapter: 'Fake GPU (fake)' });
    // A second loss is not retried again: the user stays on the CPU with the notice.
    fake.lose();
    await tick();
    expect(backend.status()).toEqual({ kind: 'cpu', reason: expect.stringMatching(/lost/) });
    expect((await backend.run(inputs)).backend).toBe('cpu');
  });

  it('ignores a deliberate destroy()', async () => {
    const fake = fakeGpu();
    const backend = createAttentionBackend(fake.gpu);
    await backend.ready;
    fake.lose('destroyed');
    await tick();
    expect(backend.status().kind).toBe('webgpu');
  });
});
