/**
 * The decayed-linear-attention stage RetNet, GLA and Mamba-2 share on the GPU (retnetMixer.ts, glaMixer.ts,
 * mamba2Mixer.ts), over one kernel family (kernels/decayedLinearAttention): the recurrent form, or the chunked
 * form when `ops.chunked` (long T, ./chunking.ts) — equal to the CPU's chunked forms up to float rounding
 * (tested); and the gated, head-normalised output stage of RetNet and GLA.
 */
import {
  recordChunkedDecayed,
  recordDecayedStates,
} from '../../decayedLinearAttention/chunkedDecayedLinearAttention';
import { recordDecayedImplicitAttention } from '../../decayedLinearAttention/decayedImplicitAttention';
import { assertDecayedKeyDim, decayedParams } from '../../decayedLinearAttention/decayedLinearAttention';
import {
  DECAYED_LA_MAX_KEY_DIM,
  decayedLinearAttentionWgsl,
} from '../../decayedLinearAttention/decayedLinearAttention.wgsl';
import type { GpuOps } from '../gpuOps';
import { GPU_CHUNK } from './chunking';

/** A key width's limit reason (the recurrent kernel keeps a d_k-wide state column in registers), or null. */
export const keyDimLimit = (what: string, keyDim: number): string | null =>
  keyDim > DECAYED_LA_MAX_KEY_DIM ? `${what} above ${DECAYED_LA_MAX_KEY_DIM}` : null;

/** o [H, T, dv] = decayed linear attention of head-major q, k, g [H, T, dk] and v [H, T, dv]. */
export function decayed(
  ops: GpuOps,
  heads: number,
  dk: number,
  dv: number,
  scale: number,
  [q, k, v, g]: GPUBuffer[],
  skip: GPUBuffer,
  traceStates = true,
): GPUBuffer {
  if (ops.tracing) {
    // The implicit attention matrix [H, T, T] (glaParallel's weights; SSD's M).
    const W = recordDecayedImplicitAttention(ops.p, { heads, seqLen: ops.T, keyDim: dk, scale }, { q, k, g });
    ops.trace('implicitAttention', W, heads * ops.T * ops.T);
  }
  if (ops.tracing && traceStates) {
    // The state after every step, [H, T, dk, dv] (the CPU's `glaStates`).
    ops.trace(
      'states',
      recordDecayedStates(ops.p, { heads, seqLen: ops.T, keyDim: dk, valueDim: dv }, { k, v, g }),
      heads * ops.T * dk * dv,
    );
    ops.traceInfo({ heads, stateShape: [heads, ops.T, dk, dv] });
  }
  if (ops.chunked)
    return recordChunkedDecayed(
      ops.p,
      { heads, seqLen: ops.T, keyDim: dk, valueDim: dv, chunk: GPU_CHUNK, scale },
      { q, k, v, g, skip },
    );
  assertDecayedKeyDim(dk);
  const o = ops.out(heads * ops.T * dv, 'decayed linear attention');
  ops.run(
    'decayedLinearAttention',
    decayedLinearAttentionWgsl,
    [ops.uniform(decayedParams(ops.T, dk, dv, scale), 'decayed dims'), q, k, v, g, skip, o],
    heads * 64,
  );
  return o;
}

/** (headNorm(o) ⊙ swish(x·W_g))·W_o, the output stage RetNet and GLA share. */
export function gatedOutput(ops: GpuOps, x: GPUBuffer, o: GPUBuffer, heads: number, pre: string): GPUBuffer {
  const { T, d } = ops;
  const normed = ops.rmsNorm(ops.mergeHeads(o, heads), T * heads, d / heads, null, 1e-5);
  const gate = ops.unary(ops.linear(x, d, d, `${pre}.mixer.W_g`, null, 'gate'), T * d, 'silu');
  return ops.linear(ops.mul(normed, gate, T * d), d, d, `${pre}.mixer.W_o`, null, `${pre} mixer out`);
}
