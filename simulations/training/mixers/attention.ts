/** Softmax attention (full or sliding window, optional RoPE), as simulations/model/mixers/attentionMixer.ts. */
import type { MaskSpec } from '../../attention/masks/maskSpec';
import { causalAttention } from '../ops/attention';
import { columns } from '../ops/elementwise';
import { linear } from '../ops/linear';
import { rope } from '../ops/rope';
import type { TrainableMixer } from './trainableMixer';

export const attention: TrainableMixer = (tape, p, x, { batch, seqLen, spec, config }) => {
  const d = config.dModel;
  const heads = (spec.heads as number | undefined) ?? 1;
  const mask = spec.mask as MaskSpec | undefined;
  let window: number | undefined;
  if (spec.kind === 'slidingWindow') window = spec.window as number;
  else if (mask && mask.kind !== 'full')
    throw new Error(`Training supports full and sliding-window attention, not the '${mask.kind}' mask`);
  const qkv = linear(tape, x, p.W_qkv, p.b_qkv);
  let [q, k] = [columns(tape, qkv, 0, d), columns(tape, qkv, d, d)];
  const v = columns(tape, qkv, 2 * d, d);
  if (spec.positional === 'rope') {
    q = rope(tape, q, seqLen, heads);
    k = rope(tape, k, seqLen, heads);
  }
  const y = causalAttention(tape, q, k, v, { batch, seqLen, heads, window });
  return linear(tape, y, p.W_o, p.b_o);
};
