import { formatCompilationMessages, ShaderCompileError } from './gpuErrors';

/**
 * Compiles WGSL into compute pipelines once per device. Pipeline creation is slow (up to seconds on
 * SwiftShader), so every kernel goes through this cache. Compile errors are surfaced with
 * `getCompilationInfo()` and the offending source lines, never as an opaque validation error later.
 */
const cache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

export interface ComputeShaderSpec {
  /** Cache key and debug label, e.g. "causalAttention". */
  label: string;
  /** WGSL source. */
  code: string;
  /** Entry point. @default 'main' */
  entryPoint?: string;
  /** Pipeline-overridable constants. */
  constants?: Record<string, number>;
}

async function compile(device: GPUDevice, spec: ComputeShaderSpec): Promise<GPUComputePipeline> {
  const { label, code, entryPoint = 'main', constants } = spec;
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label, code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    await device.popErrorScope();
    throw new ShaderCompileError(label, formatCompilationMessages(code, errors));
  }
  const pipeline = await device.createComputePipelineAsync({
    label,
    layout: 'auto',
    compute: { module, entryPoint, constants },
  });
  const validation = await device.popErrorScope();
  if (validation) throw new ShaderCompileError(label, [validation.message]);
  return pipeline;
}

export function getComputePipeline(device: GPUDevice, spec: ComputeShaderSpec): Promise<GPUComputePipeline> {
  let perDevice = cache.get(device);
  if (!perDevice) {
    perDevice = new Map();
    cache.set(device, perDevice);
  }
  const key = `${spec.label}\u0000${spec.entryPoint ?? 'main'}\u0000${JSON.stringify(spec.constants ?? {})}\u0000${spec.code}`;
  let pipeline = perDevice.get(key);
  if (!pipeline) {
    pipeline = compile(device, spec);
    // A failed compile must not poison the cache: the next call retries (and fails again with the same message).
    pipeline.catch(() => perDevice.delete(key));
    perDevice.set(key, pipeline);
  }
  return pipeline;
}
