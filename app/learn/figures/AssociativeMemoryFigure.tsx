import { useId, useMemo, useState } from 'react';
import { HiddenStateEvolution } from '../../../components/HiddenStateEvolution/HiddenStateEvolution';
import type { StateProbe, StateShape } from '../../../components/HiddenStateEvolution/stateSeries';
import { linearAttentionRecurrent } from '../../../simulations/linearAttention/linearAttention';
import { createRng } from '../../../simulations/random/rng';
import { keyWord } from '../../../simulations/vocabulary/vocabulary';

const KEY_DIM = 4;
const VALUE_DIM = 6;

/**
 * Pairs "k v" written into one linear-attention state S_t = S_{t−1} + k vᵀ (identity feature map; the key of the
 * previous token is written at each value token, as Based's short convolution arranges). Random unit keys in
 * d_k dimensions: up to d_k pairs can be nearly orthogonal, beyond that they interfere.
 */
function memoryStates(pairs: number, seed: number) {
  const rng = createRng(seed);
  const unit = (n: number) => {
    const v = Array.from({ length: n }, () => rng.nextNormal());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const tokens: string[] = [];
  const k: number[] = [];
  const v: number[] = [];
  const probes: StateProbe[] = [];
  for (let p = 0; p < pairs; p++) {
    const key = unit(KEY_DIM);
    const value = unit(VALUE_DIM);
    tokens.push(keyWord(p), String(p));
    k.push(...new Array(KEY_DIM).fill(0), ...key);
    v.push(...new Array(VALUE_DIM).fill(0), ...value);
    probes.push({ label: `${keyWord(p)} → ${p}`, position: tokens.length - 1, key, value });
  }
  const T = tokens.length;
  const { trace } = linearAttentionRecurrent(
    {
      q: new Float32Array(k),
      k: new Float32Array(k),
      v: new Float32Array(v),
      heads: 1,
      seqLen: T,
      keyDim: KEY_DIM,
      valueDim: VALUE_DIM,
      featureMap: 'identity',
    },
    { trace: true },
  );
  return {
    states: trace?.states as Float32Array,
    shape: [T, KEY_DIM, VALUE_DIM] as StateShape,
    tokens,
    probes,
  };
}

/** A fixed-size associative memory filling up: recall of each stored pair falls as more pairs share the state. */
export function AssociativeMemoryFigure() {
  const id = useId();
  const [pairs, setPairs] = useState(3);
  const data = useMemo(() => memoryStates(pairs, 4), [pairs]);
  return (
    <figure className="figure" data-testid="memory-figure">
      <label htmlFor={id}>Pairs stored</label>{' '}
      <input
        id={id}
        type="range"
        min={1}
        max={12}
        value={pairs}
        onChange={(e) => setPairs(Number(e.target.value))}
      />{' '}
      <output htmlFor={id}>{pairs}</output>
      <HiddenStateEvolution
        key={pairs}
        states={data.states}
        shape={data.shape}
        tokens={data.tokens}
        probes={data.probes}
        label={`Linear-attention state (${KEY_DIM} × ${VALUE_DIM}) after ${pairs} key–value pairs`}
      />
      <figcaption>
        One {KEY_DIM} × {VALUE_DIM} state, computed by our linear-attention reference. With {KEY_DIM} key
        dimensions, a few random keys are nearly orthogonal and read back cleanly; add more pairs and every
        read-out picks up the others — interference, the recall problem in miniature.
      </figcaption>
    </figure>
  );
}
