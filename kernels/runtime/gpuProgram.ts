/**
 * A sequence of compute dispatches over GPU-resident buffers, encoded into ONE command buffer with ONE
 * readback at the end — how a whole forward pass runs. Record with `input`, `scratch` and `dispatch`, then
 * `run(outputs)`; every buffer is released afterwards (to the device's buffer pool when one is given, else
 * destroyed), so nothing leaks across runs. `flush` submits what is recorded so far and reads some buffers
 * back mid-program (a data-dependent attention mask needs that); `use` releases the buffers even when
 * recording throws.
 */

import type { BufferPool } from './bufferPool';
import { assertBindable, encodeReadback } from './buffers';
import { DeviceLimitError, GpuValidationError } from './gpuErrors';
import { type ComputeShaderSpec, getComputePipeline } from './pipelineCache';

interface RecordedDispatch {
  spec: ComputeShaderSpec;
  buffers: GPUBuffer[];
  workgroups: [number, number];
}

export { GpuValidationError };

// Functions, not constants: in Node the GPUBufferUsage global exists only once Dawn is loaded.
const STORAGE = () => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
const UNIFORM = () => GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;

export class GpuProgram {
  private readonly owned: GPUBuffer[] = [];
  private dispatches: RecordedDispatch[] = [];
  /** Command buffers submitted so far (1 per forward unless `flush` was needed). */
  submissions = 0;

  constructor(
    private readonly device: GPUDevice,
    /** Reuse buffers across programs (see bufferPool.ts); without it buffers are created and destroyed. */
    private readonly pool?: BufferPool,
  ) {}

  /** A read-only input uploaded now. */
  input(data: Float32Array, label: string): GPUBuffer {
    assertBindable(this.device, data.byteLength, label);
    const buffer = this.acquire(Math.max(4, data.byteLength), STORAGE(), label);
    this.device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    return buffer;
  }

  /** A buffer the kernels write (and may read back). Contents are undefined: kernels write every element. */
  scratch(floats: number, label: string): GPUBuffer {
    assertBindable(this.device, 4 * floats, label);
    return this.acquire(Math.max(4, 4 * floats), STORAGE(), label);
  }

  /** A uniform block from raw bytes (u32 and f32 views over one ArrayBuffer). */
  uniform(bytes: ArrayBuffer, label: string): GPUBuffer {
    const buffer = this.acquire(Math.max(16, Math.ceil(bytes.byteLength / 16) * 16), UNIFORM(), label);
    this.device.queue.writeBuffer(buffer, 0, bytes);
    return buffer;
  }

  /** Records a dispatch; `buffers` bind to 0 … n−1 in order. Throws `DeviceLimitError` past the workgroup limit. */
  dispatch(spec: ComputeShaderSpec, buffers: GPUBuffer[], workgroups: [number, number?]): void {
    const grid: [number, number] = [workgroups[0], workgroups[1] ?? 1];
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    if (grid[0] > max || grid[1] > max)
      throw new DeviceLimitError(
        `Kernel “${spec.label}” needs ${grid[0]} × ${grid[1]} workgroups; this GPU allows ${max} per dimension. ` +
          'Use a shorter sequence or a smaller model.',
      );
    this.dispatches.push({ spec, buffers, workgroups: grid });
  }

  /** Submits the dispatches recorded so far in one command buffer and reads `outputs` back; buffers stay alive. */
  async flush(outputs: { buffer: GPUBuffer; floats: number }[]): Promise<Float32Array[]> {
    const recorded = this.dispatches;
    this.dispatches = [];
    const pipelines = await Promise.all(recorded.map((d) => getComputePipeline(this.device, d.spec)));
    // A mis-sized binding would otherwise fail silently (the pass is dropped and outputs stay zero).
    this.device.pushErrorScope('validation');
    const encoder = this.device.createCommandEncoder({ label: 'program' });
    const pass = encoder.beginComputePass();
    recorded.forEach((d, i) => {
      pass.setPipeline(pipelines[i]);
      pass.setBindGroup(
        0,
        this.device.createBindGroup({
          layout: pipelines[i].getBindGroupLayout(0),
          entries: d.buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
        }),
      );
      pass.dispatchWorkgroups(d.workgroups[0], d.workgroups[1]);
    });
    pass.end();
    const read = encodeReadback(
      this.device,
      encoder,
      outputs.map((o) => ({ buffer: o.buffer, bytes: 4 * o.floats })),
    );
    this.device.queue.submit([encoder.finish()]);
    this.submissions++;
    // Map the staging buffer either way, so it is destroyed even when the submit was rejected.
    const [error, data] = await Promise.all([this.device.popErrorScope(), read()]);
    if (error) throw new GpuValidationError(`WebGPU rejected the program: ${error.message}`);
    return data;
  }

  /** Compiles (cached), encodes every dispatch in one pass, reads back `outputs` once, releases everything. */
  async run(outputs: { buffer: GPUBuffer; floats: number }[]): Promise<Float32Array[]> {
    try {
      return await this.flush(outputs);
    } finally {
      this.release();
    }
  }

  /** Runs `record` (which usually ends with `run`) and releases the buffers even if it throws. */
  async use<T>(record: () => Promise<T>): Promise<T> {
    try {
      return await record();
    } finally {
      this.release();
    }
  }

  /** Returns every buffer to the pool (or destroys it). Idempotent. */
  release(): void {
    for (const b of this.owned.splice(0)) {
      if (this.pool) this.pool.release(b);
      else b.destroy();
    }
    this.dispatches = [];
  }

  private acquire(size: number, usage: number, label: string): GPUBuffer {
    const buffer = this.pool
      ? this.pool.acquire(size, usage, label)
      : this.device.createBuffer({ label, size, usage });
    this.owned.push(buffer);
    return buffer;
  }
}
