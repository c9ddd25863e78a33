import { DeviceLimitError } from './gpuErrors';

/** Checks a buffer size against the device's binding limit before WebGPU rejects it with a vaguer error. */
export function assertBindable(device: GPUDevice, bytes: number, what: string): void {
  const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
  if (bytes > limit) {
    throw new DeviceLimitError(
      `${what} needs ${(bytes / 2 ** 20).toFixed(1)} MiB, more than this GPU's ${(limit / 2 ** 20).toFixed(0)} MiB binding limit.`,
    );
  }
}

/** A storage buffer initialised with data (padded to 4 bytes, min 4 bytes). */
export function createStorageBuffer(device: GPUDevice, data: Float32Array, label: string): GPUBuffer {
  assertBindable(device, data.byteLength, label);
  const buffer = device.createBuffer({
    label,
    size: Math.max(4, data.byteLength),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/** An empty storage buffer the kernel writes and we copy out. */
export function createOutputBuffer(device: GPUDevice, bytes: number, label: string): GPUBuffer {
  assertBindable(device, bytes, label);
  return device.createBuffer({
    label,
    size: Math.max(4, bytes),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
}

/** A uniform buffer from 32-bit words (u32 or f32 views over the same bytes). */
export function createUniformBuffer(device: GPUDevice, words: ArrayBuffer, label: string): GPUBuffer {
  const buffer = device.createBuffer({
    label,
    size: Math.max(16, Math.ceil(words.byteLength / 16) * 16),
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(buffer, 0, words);
  return buffer;
}

/**
 * Copies several output buffers into ONE staging buffer within the given encoder, so a forward pass costs a
 * single `mapAsync`. Returns a function that, after `queue.submit`, maps it and returns one Float32Array
 * per source (copies, so the staging buffer can be destroyed).
 */
export function encodeReadback(
  device: GPUDevice,
  encoder: GPUCommandEncoder,
  sources: readonly { buffer: GPUBuffer; bytes: number }[],
): () => Promise<Float32Array[]> {
  const offsets: number[] = [];
  let total = 0;
  for (const s of sources) {
    offsets.push(total);
    total += Math.ceil(s.bytes / 4) * 4;
  }
  const staging = device.createBuffer({
    label: 'readback',
    size: Math.max(4, total),
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  sources.forEach((s, i) => {
    if (s.bytes > 0) encoder.copyBufferToBuffer(s.buffer, 0, staging, offsets[i], s.bytes);
  });
  return async () => {
    try {
      await staging.mapAsync(GPUMapMode.READ);
      const all = staging.getMappedRange();
      return sources.map((s, i) => new Float32Array(all.slice(offsets[i], offsets[i] + s.bytes)));
    } finally {
      staging.destroy();
    }
  };
}
