/** Register-blocked matmul on the GPU (blockedMatmul.wgsl.ts): y [T, m] = x [T, n]·W [n, m] + bias. */
import { runComputeKernel } from '../runtime/runComputeKernel';
import { BLOCKED_MATMUL_TILE, blockedMatmulWgsl } from './blockedMatmul.wgsl';

/** Workgroups for a [T, m] output: 8 × 8 invocations of 4 × 4 outputs each. */
export const blockedMatmulGrid = (T: number, m: number): [number, number] => [
  Math.ceil(m / BLOCKED_MATMUL_TILE),
  Math.ceil(T / BLOCKED_MATMUL_TILE),
];

export async function runBlockedMatmul(
  device: GPUDevice,
  x: Float32Array,
  W: Float32Array,
  bias: Float32Array,
  T: number,
  n: number,
  m: number,
  code = blockedMatmulWgsl,
): Promise<Float32Array> {
  if (x.length !== T * n || W.length !== n * m || bias.length !== m)
    throw new RangeError(
      `matmul shapes: x ${x.length} ≠ ${T}×${n}, W ${W.length} ≠ ${n}×${m} or bias ${bias.length} ≠ ${m}`,
    );
  const [y] = await runComputeKernel(device, {
    label: code === blockedMatmulWgsl ? 'blockedMatmul' : 'blockedMatmul (override)',
    code,
    uniforms: new Uint32Array([T, n, m, 0]).buffer,
    inputs: [x, W, bias],
    outputLengths: [T * m],
    workgroups: blockedMatmulGrid(T, m),
  });
  return y;
}
