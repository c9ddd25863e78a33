/**
 * The float32 training path's storage: arrays are views into the WebAssembly memory of the training kernels, so
 * every op's output, every saved activation and every gradient is where the kernels read it — nothing is copied
 * in or out during a step. Two regions: persistent (parameters, their gradients; allocated once) below a step
 * region that is reset at the start of every step (activations, saved states, scratch).
 *
 * Growing a memory: a shared memory (threads) keeps old views valid, so it simply grows. A private memory
 * detaches every view when it grows; then `floats` grows it and throws `MemoryMovedError`, and the engine
 * rebinds its persistent views and runs the step again (the step is deterministic, so nothing changes but
 * time; after the first step the high-water mark is known and it never happens again).
 */
import type { Floats, Storage } from '../training/storage';

const PAGE = 65_536;
const ALIGN = 16;

export class MemoryMovedError extends Error {
  constructor() {
    super('the WebAssembly memory grew and moved; the step must run again');
  }
}

/**
 * Bytes an array of `bytes` takes: 16-byte aligned, plus 64 bytes so that consecutive arrays never sit a
 * multiple of 4 KiB apart (4K aliasing slowed some kernels up to 4×).
 */
const roundUp = (bytes: number) => Math.ceil(bytes / ALIGN) * ALIGN + 64;

export class TrainArena implements Storage {
  private persistentEnd: number;
  private stepEnd: number;
  /** Highest byte ever used (a private memory is grown to it before a retried step). */
  private highWater: number;
  private readonly shared: boolean;
  /** The buffers this memory has had (a shared memory's `buffer` is a new object after each grow). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(
    readonly memory: WebAssembly.Memory,
    /** First free byte (above the module's static data). */
    start: number,
  ) {
    this.persistentEnd = roundUp(start);
    this.stepEnd = this.persistentEnd;
    this.highWater = this.persistentEnd;
    this.shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    this.buffers.add(memory.buffer);
  }

  /** Allocates n floats that live until the arena is dropped (parameters, gradients, optimiser state). */
  persistent(n: number): Float32Array {
    if (this.stepEnd !== this.persistentEnd) throw new Error('persistent arrays come before any step array');
    const view = this.reserve(this.persistentEnd, n);
    this.persistentEnd += roundUp(4 * n);
    this.stepEnd = this.persistentEnd;
    return view;
  }

  /** Frees every step array (start of a step). */
  resetStep(): void {
    this.stepEnd = this.persistentEnd;
  }

  floats(n: number): Float32Array {
    const view = this.reserve(this.stepEnd, n);
    this.stepEnd += roundUp(4 * n);
    view.fill(0);
    return view;
  }

  /** Like `floats` but not zeroed: a kernel's output, or scratch it overwrites before reading (packing buffers). */
  output(n: number): Float32Array {
    const view = this.reserve(this.stepEnd, n);
    this.stepEnd += roundUp(4 * n);
    return view;
  }

  owns(data: Floats): boolean {
    return data instanceof Float32Array && this.buffers.has(data.buffer);
  }

  adopt(data: Floats): Floats {
    if (this.owns(data)) return data;
    const copy = this.floats(data.length);
    copy.set(data);
    return copy;
  }

  /** A view of n floats at byte `offset` of the current buffer (after a move: re-viewing persistent arrays). */
  view(offset: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, n);
  }

  /** Bytes in use: persistent, and the step region's high-water mark. */
  get bytes(): { persistent: number; total: number } {
    return { persistent: this.persistentEnd, total: this.highWater };
  }

  private reserve(offset: number, n: number): Float32Array {
    const end = offset + 4 * n;
    this.highWater = Math.max(this.highWater, end);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      // Grow to twice what is in use, so a model's first step settles after a few grows.
      const want = Math.max(2 * end, 2 * this.highWater);
      this.memory.grow(Math.ceil((want - have) / PAGE));
      this.buffers.add(this.memory.buffer);
      if (!this.shared) throw new MemoryMovedError();
    }
    return new Float32Array(this.memory.buffer, offset, n);
  }
}
