/** Softmax attention (full or sliding window, optional RoPE), as simulations/model/mixers/attentionMixer.ts. */

import type { AttentionOptions } from '../../model/mixers/attentionMixer';
import { attentionCard, slidingWindowCard } from '../../model/mixers/attentionMixer';
import { causalAttention } from '../ops/attention';
import { columns } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { rope } from '../ops/rope';
import { type CardTrainableMixer, registerTrainableMixer } from './trainableMixer';

const attention: CardTrainableMixer<AttentionOptions> = (tape, p, x, { batch, seqLen, config, options }) => {
  const d = config.dModel;
  const { heads, positional, mask } = options;
  let window: number | undefined;
  if (mask.kind === 'slidingWindow') window = mask.window;
  else if (mask.kind !== 'full')
    throw new Error(`Training supports full and sliding-window attention, not the '${mask.kind}' mask`);
  const qkv = linear(tape, x, p.W_qkv, p.b_qkv);
  let [q, k] = [columns(tape, qkv, 0, d), columns(tape, qkv, d, d)];
  const v = columns(tape, qkv, 2 * d, d);
  if (positional === 'rope') {
    q = rope(tape, q, seqLen, heads);
    k = rope(tape, k, seqLen, heads);
  }
  const y = causalAttention(tape, q, k, v, { batch, seqLen, heads, window });
  return linear(tape, y, p.W_o, p.b_o);
};

registerTrainableMixer(attentionCard, attention);
registerTrainableMixer(slidingWindowCard, attention);
