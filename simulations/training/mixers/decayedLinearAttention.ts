/**
 * RetNet and GLA, as simulations/model/mixers/decayedLinearAttentionMixers.ts (default 2 heads):
 *   RetNet: fixed per-head decay γ_h = 1 − 2^{−5−h}; out = (SiLU(x·W_g) ⊙ HeadNorm(o))·W_o
 *   GLA:    q, k of width d/2, log α = logsigmoid(x·W₁·W₂ + b)/16; out = (HeadNorm(o) ⊙ SiLU(x·W_g))·W_o
 * o is the decayed linear attention with q scaled by 1/√d_k (trained in the recurrent form).
 */
import { retnetGamma } from '../../linearAttention/gatedLinearAttention';
import { headRmsNorm, mul, scale, unary } from '../ops/elementwise';
import { gatedLinearAttention } from '../ops/gatedLinearAttention';
import { linear } from '../ops/linear';
import type { TrainableMixer } from './trainableMixer';

const headsOf = (spec: Record<string, unknown>) => (spec.heads as number | undefined) ?? 2;

export const retnet: TrainableMixer = (tape, p, x, { batch, seqLen, spec, config }) => {
  const d = config.dModel;
  const H = headsOf(spec);
  const w = d / H;
  const [q, k, v] = [p.W_q, p.W_k, p.W_v].map((W) => linear(tape, x, W));
  // Constant log-decays (not parameters): log γ_h on every channel of head h.
  const g = tape.var(
    Float64Array.from({ length: x.rows * d }, (_, i) => Math.log(retnetGamma(Math.floor((i % d) / w)))),
    [x.rows, d],
  );
  const o = gatedLinearAttention(tape, q, k, v, g, { batch, seqLen, heads: H, scale: 1 / Math.sqrt(w) });
  const gated = mul(tape, headRmsNorm(tape, o, H, 1e-5), unary(tape, 'silu', linear(tape, x, p.W_g)));
  return linear(tape, gated, p.W_o);
};

export const gla: TrainableMixer = (tape, p, x, { batch, seqLen, spec, config }) => {
  const d = config.dModel;
  const H = headsOf(spec);
  const q = linear(tape, x, p.W_q);
  const k = linear(tape, x, p.W_k);
  const v = linear(tape, x, p.W_v);
  const logits = linear(tape, linear(tape, x, p.W_alpha1), p.W_alpha2, p.b_alpha);
  const g = scale(tape, unary(tape, 'logSigmoid', logits), 1 / 16);
  const o = gatedLinearAttention(tape, q, k, v, g, {
    batch,
    seqLen,
    heads: H,
    scale: 1 / Math.sqrt(d / 2 / H),
  });
  const gated = mul(tape, headRmsNorm(tape, o, H, 1e-5), unary(tape, 'silu', linear(tape, x, p.W_g)));
  return linear(tape, gated, p.W_o);
};
