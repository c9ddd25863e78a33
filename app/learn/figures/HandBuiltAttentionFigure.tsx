import { useMemo, useState } from 'react';
import { AttentionMatrix } from '../../../components/AttentionMatrix/AttentionMatrix';
import { causalSoftmaxAttention } from '../../../simulations/attention/causalSoftmaxAttention';
import { buildHandBuiltHeads, HAND_BUILT_HEAD_NAMES } from '../../../simulations/attention/handBuiltHeads';

interface HandBuiltAttentionFigureProps {
  /** The sequence, space-separated words. */
  text?: string;
  /** Which hand-built head (0 = induction, 1 = copy-match). */
  head?: number;
  /** Plot size in px. */
  size?: number;
  /** Caption under the figure. */
  caption?: string;
}

/** The hand-built induction head's attention on a fixed sentence, computed by the CPU reference. */
export function HandBuiltAttentionFigure({
  text = 'ant 3 bee 5 cat 8 dog 2 bee ant dog cat',
  head = 0,
  size = 360,
  caption,
}: HandBuiltAttentionFigureProps) {
  const tokens = useMemo(() => text.split(' '), [text]);
  const weights = useMemo(() => causalSoftmaxAttention(buildHandBuiltHeads(tokens)).weights, [tokens]);
  const [locked, setLocked] = useState<number | null>(null);
  const T = tokens.length;
  return (
    <figure className="figure">
      <AttentionMatrix
        weights={weights.subarray(head * T * T, (head + 1) * T * T)}
        tokens={tokens}
        label={`Hand-built ${HAND_BUILT_HEAD_NAMES[head]} head: attention weights`}
        lockedRow={locked}
        onLockedRowChange={setLocked}
        size={size}
      />
      <figcaption>
        {caption ??
          `Each row is one query token, each column an earlier key; ${T} tokens make ${(T * (T + 1)) / 2} query–key pairs, every one computed. Click or press Enter on a row to lock it.`}
      </figcaption>
    </figure>
  );
}
