/**
 * One compute dispatch with storage inputs, storage outputs and a uniform block: the thin dispatch every simple
 * kernel shares. One command buffer, one readback of all outputs; every buffer is destroyed afterwards.
 */
import { createOutputBuffer, createStorageBuffer, createUniformBuffer, encodeReadback } from './buffers';
import { GpuValidationError } from './gpuErrors';
import { getComputePipeline } from './pipelineCache';

export interface ComputeKernelRun {
  label: string;
  code: string;
  /** Uniform words (u32/f32 views over one ArrayBuffer), bound at binding 0. */
  uniforms: ArrayBuffer;
  /** Read-only storage inputs, bound at 1 … k in order. */
  inputs: Float32Array[];
  /** Output sizes in floats, bound after the inputs in order. */
  outputLengths: number[];
  /** Workgroups in x, y. */
  workgroups: [number, number?];
}

export async function runComputeKernel(device: GPUDevice, run: ComputeKernelRun): Promise<Float32Array[]> {
  const pipeline = await getComputePipeline(device, { label: run.label, code: run.code });
  const uniform = createUniformBuffer(device, run.uniforms, `${run.label} params`);
  const inputs = run.inputs.map((data, i) => createStorageBuffer(device, data, `${run.label} input ${i}`));
  const outputs = run.outputLengths.map((n, i) =>
    createOutputBuffer(device, 4 * n, `${run.label} output ${i}`),
  );
  const all = [uniform, ...inputs, ...outputs];
  try {
    // A binding the shader does not declare (or a mis-sized one) would otherwise drop the pass silently.
    device.pushErrorScope('validation');
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: all.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const encoder = device.createCommandEncoder({ label: run.label });
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(run.workgroups[0], run.workgroups[1] ?? 1);
    pass.end();
    const read = encodeReadback(
      device,
      encoder,
      outputs.map((buffer, i) => ({ buffer, bytes: 4 * run.outputLengths[i] })),
    );
    device.queue.submit([encoder.finish()]);
    // Map the staging buffer either way, so it is destroyed even when the submit was rejected.
    const [error, data] = await Promise.all([device.popErrorScope(), read()]);
    if (error) throw new GpuValidationError(`WebGPU rejected “${run.label}”: ${error.message}`);
    return data;
  } finally {
    for (const b of all) b.destroy();
  }
}
