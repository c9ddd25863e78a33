/**
 * Soak: 1,000 forwards of a small model through one buffer pool. After the first forward, no buffer is ever
 * created again by the pool, the device's live-buffer count (every createBuffer minus every destroy, tracked)
 * stays flat, every forward is one command buffer, and the last logits still equal the CPU reference.
 * Disposing the pool brings the live count back to zero.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { architecturePreset } from '../../simulations/model/presets';
import { allClose } from '../../testing/allClose';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { forwardOnGpu } from '../model/gpuForward';
import { BufferPool, sizeClass } from './bufferPool';
import { trackBuffers } from './bufferTracker';

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

describe('buffer pool', () => {
  it('rounds requests up to power-of-two size classes from 256 bytes', () => {
    expect([1, 256, 257, 4096, 5000].map(sizeClass)).toEqual([256, 256, 512, 4096, 8192]);
  });

  it('reuses a released buffer of the same class and usage, and frees idle ones on trim', () => {
    const pool = new BufferPool(device);
    const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST;
    const a = pool.acquire(300, usage, 'a');
    pool.release(a);
    expect(pool.acquire(400, usage, 'b')).toBe(a);
    expect(pool.acquire(400, usage, 'c')).not.toBe(a);
    expect(pool.stats()).toMatchObject({ live: 2, idle: 0, created: 2 });
    pool.release(a);
    pool.trim();
    expect(pool.stats()).toMatchObject({ live: 1, idle: 0 });
    pool.dispose();
    expect(pool.stats().live).toBe(1); // still in use: destroyed when released
  });
});

describe('soak: 1,000 forwards', () => {
  it('no growth in live GPU buffers, one command buffer per forward, logits still exact', async () => {
    const config = architecturePreset('hawk', { vocabSize: 16, dModel: 8, maxSeqLen: 8 });
    const model = createModel(config, initParams(config, 1));
    const tokens = [1, 5, 2, 7, 3, 3, 9, 0];
    const tracker = trackBuffers(device);
    const pool = new BufferPool(device);
    try {
      let first = await forwardOnGpu(device, model, tokens, { pool });
      const created = pool.stats().created;
      const live = tracker.live();
      let last = first;
      for (let i = 1; i < 1000; i++) {
        last = await forwardOnGpu(device, model, tokens, { pool });
        expect(last.commandBuffers).toBe(1);
        if (i % 100 === 0) {
          expect(pool.stats().created, `pool buffers created by forward ${i}`).toBe(created);
          expect(tracker.live(), `live GPU buffers after forward ${i}`).toBe(live);
        }
      }
      expect(pool.stats()).toMatchObject({ created, live, idle: live });
      expect(tracker.live()).toBe(live);
      const check = allClose(last.logits, forward(model, tokens).logits, { atol: 2e-4, rtol: 2e-3 });
      expect(check.ok, check.message).toBe(true);
      expect([...last.logits]).toEqual([...first.logits]);
      first = last;
      pool.dispose();
      expect(tracker.live()).toBe(0);
    } finally {
      tracker.stop();
    }
  }, 120_000);
});
