/**
 * GLA, as simulations/model/mixers/glaMixer.ts (default 2 heads): q, k of width d/2,
 * log α = logsigmoid(x·W₁·W₂ + b)/16; out = (HeadNorm(o) ⊙ SiLU(x·W_g))·W_o, o the decayed linear attention with
 * q scaled by 1/√d_k (trained in the recurrent form).
 */
import { glaCard, glaShape } from '../../model/mixers/glaMixer';
import { headRmsNorm, mul, scale, unary } from '../ops/elementwise';
import { gatedLinearAttention } from '../ops/gatedLinearAttention';
import { linear } from '../ops/linear';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(glaCard, (tape, p, x, { batch, seqLen, config, options }) => {
  const { heads: H, keyDim } = glaShape(options, config.dModel);
  const q = linear(tape, x, p.W_q);
  const k = linear(tape, x, p.W_k);
  const v = linear(tape, x, p.W_v);
  const logits = linear(tape, linear(tape, x, p.W_alpha1), p.W_alpha2, p.b_alpha);
  const g = scale(tape, unary(tape, 'logSigmoid', logits), 1 / 16);
  const o = gatedLinearAttention(tape, q, k, v, g, {
    batch,
    seqLen,
    heads: H,
    scale: 1 / Math.sqrt(keyDim),
  });
  const gated = mul(tape, headRmsNorm(tape, o, H, 1e-5), unary(tape, 'silu', linear(tape, x, p.W_g)));
  return linear(tape, gated, p.W_o);
});
