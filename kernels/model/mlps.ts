/**
 * The shell's MLPs on the GPU (simulations/model/forward.ts `mlp`, `monarchMlp`):
 *   'mlp'     W_out·GELU(W_in·x + b_in) + b_out
 *   'glu'     W_out·(h₁ ⊙ SiLU(h₂)) + b_out with [h₁ | h₂] = W_in·x + b_in (SwiGLU)
 *   'monarch' M2's block-diagonal MLP: b blocks d/b → e/b, GELU, block transpose, b blocks e/b → d/b
 */
import { MONARCH_MLP_BLOCKS } from '../../simulations/model/config';
import { blockDiagonalParams } from '../monarch/blockDiagonal';
import { blockDiagonalWgsl } from '../monarch/blockDiagonal.wgsl';
import type { GpuOps } from './gpuOps';

function blockDiagonal(
  ops: GpuOps,
  x: GPUBuffer,
  n: number,
  m: number,
  W: string,
  b: string,
  permute: boolean,
): GPUBuffer {
  const B = MONARCH_MLP_BLOCKS;
  const out = ops.out(ops.T * B * m, 'block diagonal');
  ops.run(
    'blockDiagonal',
    blockDiagonalWgsl,
    [
      ops.uniform(blockDiagonalParams(ops.T, B, n, m, permute), 'block dims'),
      x,
      ops.weight(W),
      ops.weight(b),
      out,
    ],
    ops.T * B * m,
  );
  return out;
}

export function mlp(ops: GpuOps, x: GPUBuffer, pre: string, kind: 'mlp' | 'glu' | 'monarch'): GPUBuffer {
  const { T, d } = ops;
  const e = (ops.config.mlpExpansion ?? 4) * d;
  const name = (p: string) => `${pre}.mlp.${p}`;
  if (kind === 'monarch') {
    const B = MONARCH_MLP_BLOCKS;
    const hidden = ops.gelu(blockDiagonal(ops, x, d / B, e / B, name('W_in'), name('b_in'), false), T * e);
    return blockDiagonal(ops, hidden, e / B, d / B, name('W_out'), name('b_out'), true);
  }
  const width = kind === 'glu' ? 2 * e : e;
  const hidden = ops.linear(x, d, width, name('W_in'), name('b_in'), `${pre} mlp hidden`);
  const act =
    kind === 'glu'
      ? ops.mul(
          ops.columns(hidden, 2 * e, 0, e),
          ops.unary(ops.columns(hidden, 2 * e, e, e), T * e, 'silu'),
          T * e,
        )
      : ops.gelu(hidden, T * e);
  return ops.linear(act, e, d, name('W_out'), name('b_out'), `${pre} mlp out`);
}
