/**
 * A pool of GPU buffers reused by size class (powers of two from 256 B) and usage, so thousands of forwards
 * create a bounded set of buffers instead of thousands (creating and destroying buffers per dispatch is the
 * most common source of leaks and stalls in browser ML). `stats()` counts the live buffers the pool owns —
 * the number a soak test watches; `trim()` frees idle ones; `dispose()` frees all (call it with the device).
 */
export interface BufferPoolStats {
  /** Buffers created by this pool and not yet destroyed. */
  live: number;
  /** Of those, the ones waiting in the pool. */
  idle: number;
  /** Bytes held by live buffers. */
  bytes: number;
  /** Buffers ever created (a steady value across runs means full reuse). */
  created: number;
}

const MIN_CLASS = 256;

/** The size class of a request: the next power of two, at least 256 bytes. */
export function sizeClass(bytes: number): number {
  let size = MIN_CLASS;
  while (size < bytes) size *= 2;
  return size;
}

export class BufferPool {
  private readonly idle = new Map<string, GPUBuffer[]>();
  private readonly live = new Set<GPUBuffer>();
  private readonly inUse = new Set<GPUBuffer>();
  private createdCount = 0;
  private disposed = false;

  constructor(private readonly device: GPUDevice) {}

  /** A buffer of at least `size` bytes with exactly `usage`; reused when one is idle. */
  acquire(size: number, usage: number, label: string): GPUBuffer {
    if (this.disposed) throw new Error('BufferPool used after dispose()');
    const bytes = sizeClass(size);
    const reused = this.idle.get(key(bytes, usage))?.pop();
    const buffer = reused ?? this.create(bytes, usage, label);
    this.inUse.add(buffer);
    return buffer;
  }

  /** Gives a buffer back for reuse. Buffers the pool did not create are destroyed. */
  release(buffer: GPUBuffer): void {
    if (!this.inUse.delete(buffer)) {
      if (!this.live.has(buffer)) buffer.destroy();
      return;
    }
    if (this.disposed) {
      this.destroy(buffer);
      return;
    }
    const k = key(buffer.size, buffer.usage);
    let list = this.idle.get(k);
    if (!list) {
      list = [];
      this.idle.set(k, list);
    }
    list.push(buffer);
  }

  stats(): BufferPoolStats {
    let idle = 0;
    for (const list of this.idle.values()) idle += list.length;
    let bytes = 0;
    for (const b of this.live) bytes += b.size;
    return { live: this.live.size, idle, bytes, created: this.createdCount };
  }

  /** Destroys every idle buffer (memory pressure, or after a burst of large sequences). */
  trim(): void {
    for (const list of this.idle.values()) for (const b of list.splice(0)) this.destroy(b);
  }

  /** Destroys everything; buffers still in use are destroyed when released. */
  dispose(): void {
    this.disposed = true;
    this.trim();
    for (const b of [...this.live]) if (!this.inUse.has(b)) this.destroy(b);
  }

  private create(bytes: number, usage: number, label: string): GPUBuffer {
    const buffer = this.device.createBuffer({ label: `${label} (pooled)`, size: bytes, usage });
    this.live.add(buffer);
    this.createdCount++;
    return buffer;
  }

  private destroy(buffer: GPUBuffer): void {
    this.live.delete(buffer);
    buffer.destroy();
  }
}

const key = (bytes: number, usage: number) => `${usage}:${bytes}`;
