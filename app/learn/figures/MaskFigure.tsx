import { useId, useMemo, useState } from 'react';
import { AttentionMatrix } from '../../../components/AttentionMatrix/AttentionMatrix';
import { buildMask, type MaskSpec, maskStats, receptiveField } from '../../../simulations/attention/masks';

const T = 32;
const HEAD_DIM = 16;

/** The fixed (data-independent) sparse patterns; each one is a MaskSpec from simulations/attention/masks. */
export const MASK_CHOICES: { id: string; label: string; spec: MaskSpec }[] = [
  { id: 'full', label: 'Full causal attention', spec: { kind: 'full' } },
  {
    id: 'window',
    label: 'Sliding window (W = 4, Mistral-style)',
    spec: { kind: 'slidingWindow', window: 4 },
  },
  {
    id: 'dilated',
    label: 'Dilated window (W = 4, δ = 2)',
    spec: { kind: 'dilatedWindow', window: 4, dilation: 2 },
  },
  { id: 'strided', label: 'Sparse Transformer, strided (l = 6)', spec: { kind: 'strided', stride: 6 } },
  {
    id: 'fixed',
    label: 'Sparse Transformer, fixed (l = 8, c = 2)',
    spec: { kind: 'fixed', stride: 8, summaryTokens: 2 },
  },
  {
    id: 'longformer',
    label: 'Longformer: window + global tokens',
    spec: { kind: 'windowGlobal', window: 3, globalTokens: [0, 16] },
  },
  {
    id: 'bigbird',
    label: 'BigBird: window + global + random blocks',
    spec: { kind: 'bigBird', blockSize: 4, windowBlocks: 3, globalBlocks: 1, randomBlocks: 1, seed: 3 },
  },
];

interface MaskFigureProps {
  /** Initially selected pattern id. */
  initial?: string;
  /** Plot size in px. */
  size?: number;
}

/** A sparse attention pattern on 32 tokens: which keys each query may see, with density, FLOPs and reach. */
export function MaskFigure({ initial = 'window', size = 340 }: MaskFigureProps) {
  const id = useId();
  const [choice, setChoice] = useState(initial);
  const current = MASK_CHOICES.find((c) => c.id === choice) ?? MASK_CHOICES[0];
  const { weights, stats, reach2, reach4 } = useMemo(() => {
    const mask = buildMask(current.spec, T);
    // Shown as the uniform attention a query would give its allowed keys: 1/|allowed| per allowed key.
    const w = new Float32Array(T * T);
    for (let i = 0; i < T; i++) {
      let n = 0;
      for (let j = 0; j < T; j++) n += mask.allowed[i * T + j];
      for (let j = 0; j < T; j++) w[i * T + j] = mask.allowed[i * T + j] / Math.max(1, n);
    }
    return {
      weights: w,
      stats: maskStats(mask, HEAD_DIM),
      reach2: receptiveField(mask, 2)[T - 1],
      reach4: receptiveField(mask, 4)[T - 1],
    };
  }, [current]);
  const tokens = useMemo(() => Array.from({ length: T }, (_, i) => String(i)), []);
  return (
    <figure className="figure" data-testid="mask-figure">
      <label htmlFor={id}>Pattern</label>{' '}
      <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
        {MASK_CHOICES.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
      <AttentionMatrix
        weights={weights}
        tokens={tokens}
        label={`${current.label}: allowed query–key pairs`}
        size={size}
      />
      <figcaption>
        {current.label}: {stats.allowedPairs} of {(T * (T + 1)) / 2} causal pairs (
        {(100 * stats.densityVsCausal).toFixed(0)}% of the work of full attention). The last token can be
        reached by {reach2} positions after 2 layers and {reach4} after 4: stacking layers widens what a
        sparse pattern sees.
      </figcaption>
    </figure>
  );
}
