/**
 * Counts a device's live GPU buffers (created and not yet destroyed), for leak tests and a debug overlay.
 * WebGPU has no such query, so `trackBuffers` wraps `device.createBuffer` and each buffer's `destroy`.
 * Buffers created before tracking started are not counted.
 */
export interface BufferTracker {
  /** Buffers created since tracking started and not destroyed. */
  live(): number;
  /** Buffers created since tracking started. */
  created(): number;
  /** Restores the device's own createBuffer. */
  stop(): void;
}

export function trackBuffers(device: GPUDevice): BufferTracker {
  const original = device.createBuffer;
  const live = new Set<GPUBuffer>();
  let created = 0;
  device.createBuffer = function createTrackedBuffer(descriptor: GPUBufferDescriptor): GPUBuffer {
    const buffer = original.call(device, descriptor);
    created++;
    live.add(buffer);
    const destroy = buffer.destroy;
    buffer.destroy = function destroyTracked(): undefined {
      live.delete(buffer);
      return destroy.call(buffer);
    };
    return buffer;
  };
  return {
    live: () => live.size,
    created: () => created,
    stop: () => {
      device.createBuffer = original;
    },
  };
}
