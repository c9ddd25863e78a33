// Shared helpers of the float32 training kernels (simulations/wasm/assembly/trainKernels.ts).

/** Address of float i of the array at byte offset `base`. */
// @ts-ignore: decorator
@inline
export function at(base: usize, i: i32): usize {
  return base + (<usize>i << 2);
}
