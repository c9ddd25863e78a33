/**
 * Where a training step's arrays live. The float64 reference keeps every value in a fresh `Float64Array` (exact
 * enough for finite-difference checks); the float32 path (simulations/wasm/trainArena.ts) hands out views into
 * WebAssembly memory so the Wasm kernels read and write them in place, without copies.
 */
export type Floats = Float64Array | Float32Array;

export interface Storage {
  /** A zero-filled array of n values. */
  floats(n: number): Floats;
  /** An array of n values that the caller overwrites whole before reading (a kernel's output); may be dirty. */
  output?(n: number): Floats;
  /** Whether `data` already lives here (else `adopt` copies it in). */
  owns(data: Floats): boolean;
  /** `data` itself if it lives here, else a copy that does. */
  adopt(data: Floats): Floats;
}

/** The float64 reference: plain JavaScript arrays. */
export const float64Storage: Storage = {
  floats: (n) => new Float64Array(n),
  owns: (data) => data instanceof Float64Array,
  adopt: (data) => (data instanceof Float64Array ? data : Float64Array.from(data)),
};
