/** GLA on the GPU (simulations/model/mixers/glaMixer.ts): q, k (d/2 wide), v heads, data-dependent log α, decayed linear attention, gated output. */
import { type GlaOptions, glaCard, glaShape } from '../../../simulations/model/mixers/glaMixer';
import type { GpuOps } from '../gpuOps';
import { decayed, gatedOutput, keyDimLimit } from './decayedLinearAttention';
import { registerGpuMixer } from './gpuMixer';

function gla(ops: GpuOps, x: GPUBuffer, pre: string, options: GlaOptions): GPUBuffer {
  const { T, d } = ops;
  const { heads: H, keyDim: dk, valueDim: dv, lowRank } = glaShape(options, d);
  const q = ops.splitHeads(ops.linear(x, d, d / 2, `${pre}.mixer.W_q`, null, 'q'), d / 2, 0, H, dk);
  const k = ops.splitHeads(ops.linear(x, d, d / 2, `${pre}.mixer.W_k`, null, 'k'), d / 2, 0, H, dk);
  const v = ops.splitHeads(ops.linear(x, d, d, `${pre}.mixer.W_v`, null, 'v'), d, 0, H, dv);
  const low = ops.linear(x, d, lowRank, `${pre}.mixer.W_alpha1`, null, 'gate low rank');
  const gateLogits = ops.linear(
    low,
    lowRank,
    d / 2,
    `${pre}.mixer.W_alpha2`,
    `${pre}.mixer.b_alpha`,
    'gate logits',
  );
  // log α_t = logsigmoid(z)/16.
  const g = ops.splitHeads(ops.unary(gateLogits, (T * d) / 2, 'scaledLogSigmoid', 1 / 16), d / 2, 0, H, dk);
  // α_t = e^{g_t}, [H, T, dk] as in the CPU trace (exponentiated on readback).
  ops.trace('alpha', g, (T * d) / 2, (x) => x.map(Math.exp));
  const o = decayed(
    ops,
    H,
    dk,
    dv,
    1 / Math.sqrt(dk),
    [q, k, v, g],
    ops.constant(new Float32Array(H), 'no skip'),
  );
  return gatedOutput(ops, x, o, H, pre);
}

registerGpuMixer(glaCard, {
  forward: gla,
  limit: (options, d) => keyDimLimit('key width', glaShape(options, d).keyDim),
});
