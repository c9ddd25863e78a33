import { useId, useMemo, useState } from 'react';
import { HYBRID_PATTERNS } from '../../simulations/cost';
import { bytes } from '../domain/formatting';
import { DEFAULT_STACK } from '../domain/hybridTraining';
import { editStack, hybridPreset, MIXER_CHOICES, type StackEdit, stackCost } from '../domain/layerStack';
import { ScrollRegion } from '../layout/ScrollRegion';
import { HybridTrainer } from './HybridTrainer';

const LENGTHS = [4_096, 65_536, 1_048_576];
const nameOf = (id: string) => MIXER_CHOICES.find((m) => m.id === id)?.name ?? id;
const flopsText = (f: number) =>
  f >= 1e12 ? `${(f / 1e12).toFixed(1)} TFLOP` : `${(f / 1e9).toFixed(1)} GFLOP`;

/**
 * A layer-stack editor for hybrids: pick the mixer of every layer (or start from Griffin, Jamba, StripedHyena,
 * Based) and see the stack's FLOPs and inference state at a context length, against all-attention of equal depth
 * (the engine's cost models); then train a 2–4 layer stack in a Web Worker and run it next to the shipped models.
 */
export function HybridDesigner() {
  const id = useId();
  const [stack, setStack] = useState<string[]>(() => [...DEFAULT_STACK]);
  const [N, setN] = useState(65_536);
  const cost = useMemo(() => stackCost(stack, { d: 1024, N, heads: 8 }), [stack, N]);
  const edit = (e: StackEdit) => setStack((s) => editStack(s, e));
  return (
    <section className="hybrid" aria-labelledby={`${id}-title`} data-testid="hybrid-designer">
      <h2 id={`${id}-title`}>Design a hybrid</h2>
      <p className="hint">
        Layer by layer: what the stack costs at scale (d = 1024, 8 heads, float32), and — for a stack of 2–4
        layers — how well it recalls once trained. The shipped hybrids (Griffin, Jamba, StripedHyena, Based)
        are in the model list above.
      </p>
      <p>
        Start from{' '}
        {(Object.keys(HYBRID_PATTERNS) as (keyof typeof HYBRID_PATTERNS)[]).map((name) => (
          <button key={name} type="button" onClick={() => setStack(hybridPreset(name, 8))}>
            {name}
          </button>
        ))}{' '}
        <button type="button" onClick={() => setStack(Array.from({ length: 8 }, () => 'attention'))}>
          all attention
        </button>{' '}
        <label htmlFor={`${id}-n`}>Context N</label>{' '}
        <select id={`${id}-n`} value={N} onChange={(e) => setN(Number(e.target.value))}>
          {LENGTHS.map((n) => (
            <option key={n} value={n}>
              {n.toLocaleString('en')}
            </option>
          ))}
        </select>
      </p>
      <ol className="layer-stack">
        {stack.map((mixer, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a layer's identity is its position
          <li key={i}>
            <label htmlFor={`${id}-layer-${i}`}>Layer {i + 1}</label>{' '}
            <select
              id={`${id}-layer-${i}`}
              value={mixer}
              onChange={(e) => edit({ kind: 'set', index: i, mixer: e.target.value })}
            >
              {MIXER_CHOICES.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>{' '}
            <button
              type="button"
              aria-label={`Move layer ${i + 1} up`}
              disabled={i === 0}
              onClick={() => edit({ kind: 'move', index: i, by: -1 })}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`Move layer ${i + 1} down`}
              disabled={i === stack.length - 1}
              onClick={() => edit({ kind: 'move', index: i, by: 1 })}
            >
              ↓
            </button>
            <button
              type="button"
              aria-label={`Remove layer ${i + 1}`}
              disabled={stack.length === 1}
              onClick={() => edit({ kind: 'remove', index: i })}
            >
              ✕
            </button>{' '}
            <span className="hint">
              {bytes(cost.perLayer[i].stateBytes)} state{cost.perLayer[i].grows ? ' (grows with N)' : ''}
            </span>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => edit({ kind: 'add', mixer: 'mamba' })}>
        Add a layer
      </button>
      <ScrollRegion label="Cost of the stack">
        <table className="readout" data-testid="hybrid-cost">
          <caption>
            {stack.length} layers at N = {N.toLocaleString('en')}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Measure</span>
              </th>
              <th scope="col">This stack</th>
              <th scope="col">All attention</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Inference state</th>
              <td>{bytes(cost.stateBytes)}</td>
              <td>{bytes(cost.attentionStateBytes)}</td>
            </tr>
            <tr>
              <th scope="row">Forward FLOPs</th>
              <td>{flopsText(cost.flops)}</td>
              <td>{flopsText(cost.attentionFlops)}</td>
            </tr>
          </tbody>
        </table>
      </ScrollRegion>
      <p className="visually-hidden">Layers: {stack.map(nameOf).join(', ')}.</p>
      <HybridTrainer stack={stack} />
    </section>
  );
}
