/** Block-diagonal (Monarch factor) multiply on the GPU (blockDiagonal.wgsl.ts). */
import { runComputeKernel } from '../runtime/runComputeKernel';
import { blockDiagonalWgsl } from './blockDiagonal.wgsl';

export interface BlockDiagonalInputs {
  /** [T, blocks·inPer] */
  x: Float32Array;
  /** [blocks·inPer, outPer]: block g's rows are g·inPer … (g+1)·inPer − 1. */
  W: Float32Array;
  /** [blocks·outPer] */
  bias: Float32Array;
  seqLen: number;
  blocks: number;
  inPer: number;
  outPer: number;
  /** Apply the block-transpose permutation to each input row first. */
  permute: boolean;
}

export const blockDiagonalParams = (T: number, b: number, n: number, m: number, permute: boolean) =>
  new Uint32Array([T, b, n, m, permute ? 1 : 0, 0, 0, 0]).buffer;

/** y [T, blocks·outPer]. */
export async function runBlockDiagonal(device: GPUDevice, s: BlockDiagonalInputs, code = blockDiagonalWgsl) {
  const n = s.seqLen * s.blocks * s.outPer;
  const [y] = await runComputeKernel(device, {
    label: code === blockDiagonalWgsl ? 'blockDiagonal' : 'blockDiagonal (override)',
    code,
    uniforms: blockDiagonalParams(s.seqLen, s.blocks, s.inPer, s.outPer, s.permute),
    inputs: [s.x, s.W, s.bias],
    outputLengths: [n],
    workgroups: [Math.ceil(n / 64)],
  });
  return y;
}
