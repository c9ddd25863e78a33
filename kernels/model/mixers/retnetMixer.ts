/** RetNet on the GPU (simulations/model/mixers/retnetMixer.ts): q, k, v heads, fixed decays log γ_h, decayed linear attention, gated output. */
import { retnetGamma } from '../../../simulations/linearAttention/gatedLinearAttention';
import { type RetNetOptions, retnetCard, retnetShape } from '../../../simulations/model/mixers/retnetMixer';
import type { GpuOps } from '../gpuOps';
import { decayed, gatedOutput, keyDimLimit } from './decayedLinearAttention';
import { registerGpuMixer } from './gpuMixer';

function retnet(ops: GpuOps, x: GPUBuffer, pre: string, options: RetNetOptions): GPUBuffer {
  const { T, d } = ops;
  const { heads: H, headDim: w } = retnetShape(options, d);
  const [q, k, v] = ['W_q', 'W_k', 'W_v'].map((W) =>
    ops.splitHeads(ops.linear(x, d, d, `${pre}.mixer.${W}`, null, W), d, 0, H, w),
  );
  // log γ_h per head, a constant of the architecture (γ_h = 1 − 2^{−5−h}).
  const logDecay = new Float32Array(H * T * w);
  for (let h = 0; h < H; h++) logDecay.fill(Math.log(retnetGamma(h)), h * T * w, (h + 1) * T * w);
  ops.traceInfo({ gammas: Array.from({ length: H }, (_, h) => retnetGamma(h)) });
  const o = decayed(
    ops,
    H,
    w,
    w,
    1 / Math.sqrt(w),
    [q, k, v, ops.constant(logDecay, 'log γ')],
    ops.constant(new Float32Array(H), 'no skip'),
  );
  return gatedOutput(ops, x, o, H, pre);
}

registerGpuMixer(retnetCard, {
  forward: retnet,
  limit: (options, d) => keyDimLimit('head width', retnetShape(options, d).headDim),
});
