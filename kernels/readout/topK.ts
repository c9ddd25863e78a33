/** Top-k / argmax readout of logits on the GPU (topK.wgsl.ts). */
import { runComputeKernel } from '../runtime/runComputeKernel';
import { TOP_K_MAX, topKWgsl } from './topK.wgsl';

export interface TopK {
  /** [T, k] token ids, best first. */
  ids: Int32Array;
  /** [T, k] their logits. */
  values: Float32Array;
}

export function assertTopK(k: number, vocab: number): void {
  if (!Number.isInteger(k) || k < 1 || k > Math.min(TOP_K_MAX, vocab))
    throw new RangeError(`top-k needs 1 ≤ k ≤ ${Math.min(TOP_K_MAX, vocab)}, got ${k}`);
}

export async function runTopK(
  device: GPUDevice,
  logits: Float32Array,
  vocab: number,
  k: number,
  code = topKWgsl,
) {
  assertTopK(k, vocab);
  const T = logits.length / vocab;
  const [ids, values] = await runComputeKernel(device, {
    label: code === topKWgsl ? 'topK' : 'topK (override)',
    code,
    uniforms: new Uint32Array([T, vocab, k, 0]).buffer,
    inputs: [logits],
    outputLengths: [T * k, T * k],
    workgroups: [Math.ceil(T / 64)],
  });
  return { ids: Int32Array.from(ids), values } satisfies TopK;
}
