/**
 * The runtime's error messages: WGSL compile errors with getCompilationInfo()'s line, column, the source line
 * and a caret; shapes beyond the device's limits rejected up front with the limit and the numbers; buffers
 * released when recording a program throws.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { architecturePreset } from '../../simulations/model/presets';
import { getTestGpu, releaseTestGpu } from '../../testing/webgpu';
import { forwardOnGpu } from '../model/gpuForward';
import { trackBuffers } from './bufferTracker';
import { DeviceLimitError, ShaderCompileError } from './gpuErrors';
import { GpuProgram } from './gpuProgram';
import { getComputePipeline } from './pipelineCache';

let device: GPUDevice;
beforeAll(async () => {
  device = (await getTestGpu()).device;
});
afterAll(releaseTestGpu);

const BROKEN = `@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let x: f32 = 1u;
  y[gid.x] = x;
}`;

describe('shader compile errors', () => {
  it('name the shader, the line and column, and show the source line with a caret', async () => {
    const error = await getComputePipeline(device, { label: 'broken on purpose', code: BROKEN }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ShaderCompileError);
    expect(error.label).toBe('broken on purpose');
    expect(error.message).toMatch(/^WGSL shader “broken on purpose” failed to compile:\n4:\d+ error: /);
    expect(error.message).toContain('  4 |   let x: f32 = 1u;');
    expect(error.message).toMatch(/\n {2} {2}\| +\^/);
  });

  it('a failed compile is not cached: the next request compiles again and fails the same way', async () => {
    const spec = { label: 'broken twice', code: BROKEN };
    const first = await getComputePipeline(device, spec).catch((e) => e.message);
    expect(await getComputePipeline(device, spec).catch((e) => e.message)).toBe(first);
  });
});

describe('device limits', () => {
  it('a buffer larger than the binding limit is refused with the sizes in MiB', () => {
    const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    const p = new GpuProgram(device);
    expect(() => p.scratch(limit / 4 + 1, 'attention weights')).toThrow(DeviceLimitError);
    expect(() => p.scratch(limit / 4 + 1, 'attention weights')).toThrow(
      /attention weights needs [\d.]+ MiB, more than this GPU's \d+ MiB binding limit/,
    );
  });

  it('a forward whose dispatch exceeds the workgroup limit fails before anything runs, and leaks nothing', async () => {
    // 1024 tokens × 8,192 logits = 131,072 workgroups of 64 for the LM head; the limit is 65,535.
    const config = architecturePreset('s4d', { vocabSize: 8192, dModel: 4, maxSeqLen: 1024 });
    const model = createModel(config, initParams(config, 1));
    const tracker = trackBuffers(device);
    try {
      const error = await forwardOnGpu(device, model, new Array(1024).fill(1)).catch((e) => e);
      expect(error).toBeInstanceOf(DeviceLimitError);
      expect(error.message).toMatch(
        /Kernel “tiedHead” needs 131072 × 1 workgroups; this GPU allows 65535 per dimension/,
      );
      expect(tracker.live()).toBe(0);
    } finally {
      tracker.stop();
    }
  });

  it('tokens outside the vocabulary are rejected with the position', async () => {
    const config = architecturePreset('attention', { vocabSize: 8, dModel: 4, maxSeqLen: 4 });
    const model = createModel(config, initParams(config, 1));
    await expect(forwardOnGpu(device, model, [1, 9])).rejects.toThrow(
      /Token 9 at position 1 is outside the vocabulary 0 … 7/,
    );
  });
});
