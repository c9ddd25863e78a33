/**
 * RoPE on the GPU: the host's float64 cos/sin table (see rope.wgsl.ts) and a
 * stand-alone dispatch with the CPU reference's signature, `applyRope` (simulations/attention/rope.ts).
 */
import type { RopeOptions } from '../../simulations/attention/rope';
import { runComputeKernel } from '../runtime/runComputeKernel';
import { ropeWgsl } from './rope.wgsl';

/** Channels RoPE rotates in a head of width headDim (an even count, as applyRope). */
export function ropeRotated(headDim: number, fraction: RopeOptions['fraction'] = 1): number {
  const rotated = Math.floor((headDim * fraction) / 2) * 2;
  if (rotated < 2)
    throw new RangeError(
      `RoPE needs at least 2 rotated channels; headDim ${headDim} × ${fraction} gives ${rotated}`,
    );
  return rotated;
}

/** (cos tθₘ, sin tθₘ) for t < T, m < r/2, in float64 then rounded: [T, r/2, 2]. */
export function ropeTable(T: number, rotated: number, base = 10_000): Float32Array {
  const half = rotated / 2;
  const out = new Float32Array(T * half * 2);
  for (let t = 0; t < T; t++) {
    for (let m = 0; m < half; m++) {
      const angle = t * base ** ((-2 * m) / rotated);
      out[(t * half + m) * 2] = Math.cos(angle);
      out[(t * half + m) * 2 + 1] = Math.sin(angle);
    }
  }
  return out;
}

/** Uniform words of the RoPE kernel. */
export const ropeParams = (heads: number, T: number, headDim: number, rotated: number) =>
  new Uint32Array([heads * T, headDim, rotated, T]).buffer;

/** Applies RoPE to head-major x [heads, T, headDim] on the GPU and returns the rotated copy. */
export async function runRope(
  device: GPUDevice,
  x: Float32Array,
  heads: number,
  T: number,
  headDim: number,
  { base = 10_000, fraction = 1 }: RopeOptions = {},
  code = ropeWgsl,
): Promise<Float32Array> {
  const rotated = ropeRotated(headDim, fraction);
  const [y] = await runComputeKernel(device, {
    label: code === ropeWgsl ? 'rope' : 'rope (override)',
    code,
    uniforms: ropeParams(heads, T, headDim, rotated),
    inputs: [x, ropeTable(T, rotated, base)],
    outputLengths: [x.length],
    workgroups: [Math.ceil((heads * T * Math.ceil(headDim / 2)) / 64)],
  });
  return y;
}
