import { OPTIONAL_FEATURES } from './features';
import { WebGpuUnavailableError } from './gpuErrors';

export interface GpuHandle {
  adapter: GPUAdapter;
  device: GPUDevice;
  /** A human-readable adapter name for badges and benchmark logs, e.g. "SwiftShader (Google)". */
  adapterDescription: string;
}

/** Limits our kernels ask for beyond the defaults, capped by what the adapter offers. */
const WANTED_LIMITS = {
  maxStorageBufferBindingSize: 1 << 30,
  maxBufferSize: 1 << 30,
  maxComputeWorkgroupStorageSize: 32 << 10,
} as const;

/** Describes an adapter from its `info` (vendor, architecture, device, description), whichever are set. */
export function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info;
  const parts = [info?.description, info?.device, info?.architecture].filter((s): s is string => Boolean(s));
  const name = parts[0] ?? 'WebGPU adapter';
  return info?.vendor ? `${name} (${info.vendor})` : name;
}

/**
 * Requests an adapter and a device from a `GPU` object (the browser's `navigator.gpu`, or Dawn's in Node), with
 * the optional features (`subgroups`, `shader-f16`, features.ts) the adapter offers — kernels check
 * `device.features` before using them. Throws `WebGpuUnavailableError` with the reason when there is none.
 */
export async function requestGpuDevice(gpu: GPU | undefined, label = 'beyond-attention'): Promise<GpuHandle> {
  if (!gpu)
    throw new WebGpuUnavailableError(
      'WebGPU is not available in this environment (navigator.gpu is missing).',
    );
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGpuUnavailableError('WebGPU is present but no GPU adapter was found.');
  const requiredLimits: Record<string, number> = {};
  for (const [name, wanted] of Object.entries(WANTED_LIMITS)) {
    const offered = adapter.limits[name as keyof GPUSupportedLimits] as number;
    requiredLimits[name] = Math.min(wanted, offered);
  }
  try {
    const requiredFeatures = OPTIONAL_FEATURES.filter((f) => adapter.features.has(f));
    const device = await adapter.requestDevice({ label, requiredLimits, requiredFeatures });
    return { adapter, device, adapterDescription: describeAdapter(adapter) };
  } catch (cause) {
    throw new WebGpuUnavailableError(`The GPU adapter refused to create a device: ${String(cause)}`);
  }
}
