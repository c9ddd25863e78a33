/**
 * A sequence of compute dispatches over GPU-resident buffers, encoded into ONE command buffer with ONE
 * readback at the end — how a whole forward pass runs. Record with `input`, `scratch` and `dispatch`, then
 * `run(outputs)`; every buffer is destroyed afterwards (nothing leaks across runs).
 */
import { createStorageBuffer, createUniformBuffer, encodeReadback } from './buffers';
import { type ComputeShaderSpec, getComputePipeline } from './pipelineCache';

interface RecordedDispatch {
  spec: ComputeShaderSpec;
  buffers: GPUBuffer[];
  workgroups: [number, number];
}

export class GpuValidationError extends Error {
  override name = 'GpuValidationError';
}

export class GpuProgram {
  private readonly owned: GPUBuffer[] = [];
  private readonly dispatches: RecordedDispatch[] = [];

  constructor(private readonly device: GPUDevice) {}

  /** A read-only input uploaded now. */
  input(data: Float32Array, label: string): GPUBuffer {
    return this.own(createStorageBuffer(this.device, data, label));
  }

  /** A buffer the kernels write (and may read back). */
  scratch(floats: number, label: string): GPUBuffer {
    const buffer = this.device.createBuffer({
      label,
      size: Math.max(4, 4 * floats),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    return this.own(buffer);
  }

  /** A uniform block from raw bytes (u32 and f32 views over one ArrayBuffer). */
  uniform(bytes: ArrayBuffer, label: string): GPUBuffer {
    return this.own(createUniformBuffer(this.device, bytes, label));
  }

  /** Records a dispatch; `buffers` bind to 0 … n−1 in order. */
  dispatch(spec: ComputeShaderSpec, buffers: GPUBuffer[], workgroups: [number, number?]): void {
    this.dispatches.push({ spec, buffers, workgroups: [workgroups[0], workgroups[1] ?? 1] });
  }

  /** Compiles (cached), encodes every dispatch in one pass, reads back `outputs` once, frees everything. */
  async run(outputs: { buffer: GPUBuffer; floats: number }[]): Promise<Float32Array[]> {
    try {
      const pipelines = await Promise.all(
        this.dispatches.map((d) => getComputePipeline(this.device, d.spec)),
      );
      // A mis-sized binding would otherwise fail silently (the pass is dropped and outputs stay zero).
      this.device.pushErrorScope('validation');
      const encoder = this.device.createCommandEncoder({ label: 'program' });
      const pass = encoder.beginComputePass();
      this.dispatches.forEach((d, i) => {
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
      const error = await this.device.popErrorScope();
      if (error) throw new GpuValidationError(`WebGPU rejected the program: ${error.message}`);
      return await read();
    } finally {
      for (const b of this.owned) b.destroy();
    }
  }

  private own(buffer: GPUBuffer): GPUBuffer {
    this.owned.push(buffer);
    return buffer;
  }
}
