import {
  type AttentionInputs,
  type AttentionResult,
  validateAttentionInputs,
} from '../../simulations/attention/causalSoftmaxAttention';
import {
  createOutputBuffer,
  createStorageBuffer,
  createUniformBuffer,
  encodeReadback,
} from '../runtime/buffers';
import { DeviceLimitError } from '../runtime/gpuErrors';
import { getComputePipeline } from '../runtime/pipelineCache';
import { CAUSAL_ATTENTION_WORKGROUP_SIZE, causalAttentionWgsl } from './causalAttention.wgsl';

/** Options for tests and tools that need to run a modified shader through the same dispatch. */
export interface CausalAttentionOptions {
  /** Replace the WGSL source (used to prove that the tests catch a broken kernel). */
  wgslOverride?: string;
  /** Sliding window W: keys i − W … i (W + 1 keys, the engine's convention); 0 or absent = full causal. */
  window?: number;
}

/**
 * Runs causal multi-head softmax attention on the GPU: one command buffer, one readback.
 * Same inputs and outputs as the CPU reference `causalSoftmaxAttention`.
 */
export async function runCausalAttention(
  device: GPUDevice,
  inputs: AttentionInputs,
  options: CausalAttentionOptions = {},
): Promise<AttentionResult> {
  validateAttentionInputs(inputs);
  const { heads, seqLen, headDim } = inputs;
  if (heads > device.limits.maxComputeWorkgroupsPerDimension) {
    throw new DeviceLimitError(
      `Attention with ${heads} heads exceeds this GPU's ${device.limits.maxComputeWorkgroupsPerDimension} workgroups per dimension.`,
    );
  }
  const pipeline = await getComputePipeline(device, {
    label: options.wgslOverride ? 'causalAttention (override)' : 'causalAttention',
    code: options.wgslOverride ?? causalAttentionWgsl,
  });

  const params = new ArrayBuffer(20);
  new Uint32Array(params, 0, 3).set([seqLen, heads, headDim]);
  new Float32Array(params, 12, 1)[0] = 1 / Math.sqrt(headDim);
  if (options.window !== undefined && (!Number.isInteger(options.window) || options.window < 0)) {
    throw new RangeError(`Sliding window must be a non-negative integer, got ${options.window}`);
  }
  new Uint32Array(params, 16, 1)[0] = options.window === undefined ? 0 : options.window + 1;

  const outputBytes = heads * seqLen * headDim * 4;
  const weightBytes = heads * seqLen * seqLen * 4;
  const buffers = [
    createUniformBuffer(device, params, 'attention params'),
    createStorageBuffer(device, inputs.q, 'attention q'),
    createStorageBuffer(device, inputs.k, 'attention k'),
    createStorageBuffer(device, inputs.v, 'attention v'),
    createOutputBuffer(device, outputBytes, 'attention outputs'),
    createOutputBuffer(device, weightBytes, 'attention weights'),
  ];
  try {
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const encoder = device.createCommandEncoder({ label: 'causal attention' });
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(seqLen / CAUSAL_ATTENTION_WORKGROUP_SIZE), heads);
    pass.end();
    const read = encodeReadback(device, encoder, [
      { buffer: buffers[4], bytes: outputBytes },
      { buffer: buffers[5], bytes: weightBytes },
    ]);
    device.queue.submit([encoder.finish()]);
    const [output, weights] = await read();
    return { output, weights };
  } finally {
    for (const b of buffers) b.destroy();
  }
}
