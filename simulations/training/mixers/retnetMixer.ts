/**
 * RetNet, as simulations/model/mixers/retnetMixer.ts (default 2 heads): fixed per-head decay γ_h = 1 − 2^{−5−h};
 * out = (SiLU(x·W_g) ⊙ HeadNorm(o))·W_o, o the decayed linear attention with q scaled by 1/√d_k (trained in the
 * recurrent form).
 */
import { retnetGamma } from '../../linearAttention/gatedLinearAttention';
import { retnetCard, retnetShape } from '../../model/mixers/retnetMixer';
import { headRmsNorm, mul, unary } from '../ops/elementwise';
import { gatedLinearAttention } from '../ops/gatedLinearAttention';
import { linear } from '../ops/linear';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(retnetCard, (tape, p, x, { batch, seqLen, config, options }) => {
  const d = config.dModel;
  const { heads: H, headDim: w } = retnetShape(options, d);
  const [q, k, v] = [p.W_q, p.W_k, p.W_v].map((W) => linear(tape, x, W));
  // Constant log-decays (not parameters): log γ_h on every channel of head h.
  const g = tape.var(
    Float64Array.from({ length: x.rows * d }, (_, i) => Math.log(retnetGamma(Math.floor((i % d) / w)))),
    [x.rows, d],
  );
  const o = gatedLinearAttention(tape, q, k, v, g, { batch, seqLen, heads: H, scale: 1 / Math.sqrt(w) });
  const gated = mul(tape, headRmsNorm(tape, o, H, 1e-5), unary(tape, 'silu', linear(tape, x, p.W_g)));
  return linear(tape, gated, p.W_o);
});
