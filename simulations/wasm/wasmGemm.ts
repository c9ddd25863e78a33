/**
 * The WebAssembly SIMD version of gemmABt (assembly/gemm.ts, compiled by scripts/build-wasm.mjs and inlined as
 * base64). The module is ~1.4 KB, so it compiles synchronously everywhere (Chromium allows sync compiles under
 * 4 KB even on the main thread). Operands are copied into the module's memory, which grows as needed.
 */
import { gemmWasmBase64 } from './gemm.generated';

interface GemmModule {
  memory: WebAssembly.Memory;
  gemmABt: (a: number, bt: number, c: number, M: number, N: number, K: number, accumulate: number) => void;
}

let loaded: GemmModule | null | undefined;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** The compiled module, or null where WebAssembly SIMD is unavailable. */
export function wasmGemmModule(): GemmModule | null {
  if (loaded !== undefined) return loaded;
  try {
    const memory = new WebAssembly.Memory({ initial: 64 });
    const instance = new WebAssembly.Instance(
      new WebAssembly.Module(decode(gemmWasmBase64) as BufferSource),
      {
        env: { memory },
      },
    );
    loaded = { memory, gemmABt: instance.exports.gemmABt as GemmModule['gemmABt'] };
  } catch {
    loaded = null;
  }
  return loaded;
}

/** C [M, N] (+)= A [M, K] · Bt [N, K]ᵀ in Wasm; false when the module is unavailable. */
export function wasmGemmABt(
  A: Float64Array,
  Bt: Float64Array,
  C: Float64Array,
  M: number,
  N: number,
  K: number,
  accumulate: boolean,
): boolean {
  const mod = wasmGemmModule();
  if (!mod) return false;
  const bytes = 8 * (M * K + N * K + M * N);
  const have = mod.memory.buffer.byteLength;
  if (bytes > have) mod.memory.grow(Math.ceil((bytes - have) / 65_536));
  const heap = new Float64Array(mod.memory.buffer);
  const [a, bt, c] = [0, M * K, M * K + N * K];
  heap.set(A.subarray(0, M * K), a);
  heap.set(Bt.subarray(0, N * K), bt);
  if (accumulate) heap.set(C.subarray(0, M * N), c);
  mod.gemmABt(8 * a, 8 * bt, 8 * c, M, N, K, accumulate ? 1 : 0);
  C.set(heap.subarray(c, c + M * N));
  return true;
}
