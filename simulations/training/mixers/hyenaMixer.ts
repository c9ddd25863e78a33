/**
 * Hyena order 2, as simulations/model/mixers/hyenaMixer.ts: short conv over [x1 ‖ x2 ‖ v], v ← v ⊙ x1, a long
 * convolution with the implicit filter h (an FFN with Sin activations over positional features, times a fixed
 * exponential decay per channel; simulations/longConv/hyenaFilter.ts) plus bias ⊙ v, gated by x2, projected.
 * The filter is the first T lags of the one built at config.maxSeqLen (Zoology's `PositionalEmbedding`, built at
 * l_max and truncated; hyenaFilter.ts), as in the reference forward; training runs at T = maxSeqLen, where this
 * is the whole filter.
 */
import { hyenaDecays, hyenaPositions, hyenaTime } from '../../longConv/hyenaFilter';
import { HYENA_INNER, hyenaCard } from '../../model/mixers/hyenaMixer';
import { causalConv } from '../ops/causalConv';
import { add, columns, mul, mulChannels, sinFreq, transposeVar } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { longConv } from '../ops/longConv';
import { registerTrainableMixer } from './trainableMixer';

registerTrainableMixer(hyenaCard, (tape, p, u, { seqLen: T, config }) => {
  const d = config.dModel;
  const proj = causalConv(tape, linear(tape, u, p.W_in, p.b_in), p.short_conv_weight, p.short_conv_bias, T);
  // The implicit filter: rows are lags ℓ = 0 … T−1 of the filter built at maxSeqLen (never rebuilt at T).
  const L = config.maxSeqLen;
  let act = tape.var(hyenaPositions(T, L), [T, 3]);
  for (let k = 0; k <= HYENA_INNER; k++)
    act = sinFreq(tape, linear(tape, act, p[`filter_W${k}`], p[`filter_b${k}`]), p[`filter_freq${k}`]);
  const shape = linear(tape, act, p[`filter_W${HYENA_INNER + 1}`]);
  const decays = hyenaDecays(d);
  const window = tape.var(
    Float64Array.from({ length: T * d }, (_, i) =>
      Math.exp(-decays[i % d] * hyenaTime(Math.floor(i / d), L)),
    ),
    [T, d],
  );
  const filters = transposeVar(tape, mul(tape, shape, window));
  const v = mul(tape, columns(tape, proj, 2 * d, d), columns(tape, proj, 0, d));
  const conv = add(tape, longConv(tape, v, filters, T), mulChannels(tape, v, p.bias));
  return linear(tape, mul(tape, conv, columns(tape, proj, d, d)), p.W_out, p.b_out);
});
