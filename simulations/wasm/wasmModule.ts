/**
 * Loading the float32 CPU kernels (assembly/cpuKernels.ts, inlined as base64 by scripts/build-wasm.mjs) the same
 * way in Node, in the browser and in Web Workers, and laying out operands in the module's linear memory.
 *
 * The module is ~4.4 KB: Node and workers compile it synchronously on first use; Chromium refuses synchronous
 * compiles over 4 KB on the main thread, so pages call `await loadWasmKernels()` once (a rejected or missing
 * WebAssembly SIMD leaves `wasmKernels()` null and callers use the TypeScript reference).
 */
import { cpuKernelsWasmBase64 } from './cpuKernels.generated';
import { cpuKernelsSharedWasmBase64 } from './cpuKernelsShared.generated';

export interface CpuKernelExports {
  packPanels(w: number, packed: number, dIn: number, dOut: number): void;
  matmulPacked(
    x: number,
    packed: number,
    bias: number,
    y: number,
    dIn: number,
    dOut: number,
    hasBias: number,
    rowStart: number,
    rowEnd: number,
  ): void;
  causalAttention(
    q: number,
    k: number,
    v: number,
    out: number,
    weights: number,
    H: number,
    T: number,
    dh: number,
    window: number,
    queryStart: number,
    queryEnd: number,
  ): void;
  selectiveScan(
    x: number,
    delta: number,
    A: number,
    B: number,
    C: number,
    Dskip: number,
    y: number,
    states: number,
    h: number,
    T: number,
    D: number,
    N: number,
    channelStart: number,
    channelEnd: number,
  ): void;
  heapBase(): number;
  rgLru(x: number, r: number, i: number, spLambda: number, h: number, a: number, T: number, D: number): void;
  causalConv(
    x: number,
    w: number,
    bias: number,
    y: number,
    T: number,
    D: number,
    K: number,
    hasBias: number,
  ): void;
  linearAttentionHead(
    phiQ: number,
    phiK: number,
    v: number,
    out: number,
    S: number,
    z: number,
    states: number,
    normalisers: number,
    T: number,
    F: number,
    dv: number,
    eps: number,
  ): void;
}

export interface WasmKernels {
  memory: WebAssembly.Memory;
  exports: CpuKernelExports;
}

const PAGE = 65_536;

export function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

let compiled: WebAssembly.Module | null | undefined;
let privateInstance: WasmKernels | null | undefined;

function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): WasmKernels {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, exports: instance.exports as unknown as CpuKernelExports };
}

/** Compiles the module asynchronously (required on a browser's main thread); resolves to null without SIMD. */
export async function loadWasmKernels(): Promise<WasmKernels | null> {
  if (privateInstance !== undefined) return privateInstance;
  try {
    compiled = await WebAssembly.compile(decodeBase64(cpuKernelsWasmBase64));
    privateInstance = instantiate(compiled, new WebAssembly.Memory({ initial: 16 }));
  } catch {
    compiled = null;
    privateInstance = null;
  }
  return privateInstance;
}

/** The kernels with a private memory; compiled synchronously on first use where allowed, else null. */
export function wasmKernels(): WasmKernels | null {
  if (privateInstance !== undefined) return privateInstance;
  try {
    compiled = new WebAssembly.Module(decodeBase64(cpuKernelsWasmBase64));
    privateInstance = instantiate(compiled, new WebAssembly.Memory({ initial: 16 }));
  } catch {
    // Over 4 KB on a browser's main thread before loadWasmKernels(), or no SIMD: callers fall back.
    return null;
  }
  return privateInstance;
}

let sharedCompiled: WebAssembly.Module | null | undefined;

/** Compiles the shared-memory build asynchronously (a browser's main thread must, before sharedWasmKernels). */
export async function compileSharedWasmKernels(): Promise<boolean> {
  if (sharedCompiled === undefined) {
    try {
      sharedCompiled = await WebAssembly.compile(decodeBase64(cpuKernelsSharedWasmBase64));
    } catch {
      sharedCompiled = null;
    }
  }
  return sharedCompiled !== null;
}

/** The shared-memory build, instantiated over `memory` (one instance per thread; compiled synchronously if needed). */
export function sharedWasmKernels(memory: WebAssembly.Memory): WasmKernels {
  sharedCompiled ??= new WebAssembly.Module(decodeBase64(cpuKernelsSharedWasmBase64));
  return instantiate(sharedCompiled, memory);
}

export const SHARED_MAX_PAGES = 16_384;

/**
 * Places float32 arrays in linear memory: `layout` reserves every region first (growing the memory once, so no
 * view is invalidated afterwards), then `f32(offset, n)` gives views to fill or read.
 */
export class WasmArena {
  private readonly memory: WebAssembly.Memory;
  /** Operands start above the module's static data (Mathf's tables), so offset 0 can mean "no array". */
  private readonly start: number;

  constructor(kernels: WasmKernels) {
    this.memory = kernels.memory;
    this.start = Math.ceil(Math.max(16, kernels.exports.heapBase()) / 16) * 16;
  }

  /** Byte offsets of regions of the given float counts (16-byte aligned, above the static data). */
  layout(floatCounts: readonly number[]): number[] {
    let end = this.start;
    const offsets = floatCounts.map((n) => {
      const at = end;
      end += Math.ceil((4 * n) / 16) * 16;
      return at;
    });
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    return offsets;
  }

  f32(offset: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, n);
  }

  /** Copies `data` to `offset`. */
  write(offset: number, data: Float32Array): void {
    this.f32(offset, data.length).set(data);
  }

  /** A fresh copy of n floats at `offset` (views into linear memory must not escape). */
  read(offset: number, n: number): Float32Array {
    return this.f32(offset, n).slice();
  }
}
