import { useId, useState } from 'react';
import { AttentionMatrix } from '../../components/AttentionMatrix/AttentionMatrix';
import { HiddenStateEvolution } from '../../components/HiddenStateEvolution/HiddenStateEvolution';
import { modelLabel } from '../domain/formatting';
import type { StateView } from '../inference/readout';
import { useAppStore } from '../state/useAppStore';
import { GatePanel } from './GatePanel';

/**
 * A model's internals on this sequence: per layer, its softmax attention, or the implicit attention / retention
 * matrix a recurrent model's trace gives (same axes: query row, key column), plus gate signals where it has them.
 */
export function InspectorPanel() {
  const id = useId();
  const runs = useAppStore((s) => s.runs);
  const labels = useAppStore((s) => s.sequence.labels);
  const inspector = useAppStore((s) => s.inspector);
  const setInspector = useAppStore((s) => s.setInspector);
  const ready = Object.entries(runs).flatMap(([m, r]) =>
    r.status === 'ok' ? [{ model: m, run: r.run }] : [],
  );
  if (ready.length === 0) return null;
  const current = ready.find((r) => r.model === inspector.model) ?? ready[0];
  const { views, gates } = current.run;
  const view = views[Math.min(inspector.layer, views.length - 1)];
  const head = view ? Math.min(inspector.head, view.heads - 1) : 0;
  const T = labels.length;
  const usable = view && view.weights.length === view.heads * T * T;
  return (
    <section className="inspector" aria-labelledby={`${id}-title`} data-testid="inspector">
      <h2 id={`${id}-title`} tabIndex={-1}>
        Inspector
      </h2>
      <div className="inspector-controls">
        <label htmlFor={`${id}-model`}>Model</label>{' '}
        <select
          id={`${id}-model`}
          value={current.model}
          onChange={(e) => setInspector({ model: e.target.value })}
        >
          {ready.map((r) => (
            <option key={r.model} value={r.model}>
              {modelLabel(r.model)}
            </option>
          ))}
        </select>{' '}
        {views.length > 0 && (
          <>
            <label htmlFor={`${id}-view`}>Matrix</label>{' '}
            <select
              id={`${id}-view`}
              value={Math.min(inspector.layer, views.length - 1)}
              onChange={(e) => setInspector({ layer: Number(e.target.value), head: 0, row: null })}
            >
              {views.map((v, i) => (
                <option key={`${v.layer}-${v.what}`} value={i}>
                  Layer {v.layer + 1} ({v.mixer}): {v.what}
                </option>
              ))}
            </select>{' '}
          </>
        )}
        {view && view.heads > 1 && (
          <>
            <label htmlFor={`${id}-head`}>Head</label>{' '}
            <select
              id={`${id}-head`}
              value={head}
              onChange={(e) => setInspector({ head: Number(e.target.value), row: null })}
            >
              {Array.from({ length: view.heads }, (_, h) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: heads are numbered
                <option key={h} value={h}>
                  {h + 1}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      {usable ? (
        <AttentionMatrix
          weights={view.weights.subarray(head * T * T, (head + 1) * T * T)}
          tokens={labels}
          label={`${modelLabel(current.model)}, layer ${view.layer + 1}, head ${head + 1}: ${view.what}`}
          lockedRow={inspector.row !== null && inspector.row < T ? inspector.row : null}
          onLockedRowChange={(row) => setInspector({ row })}
          size={Math.min(420, 120 + 18 * T)}
        />
      ) : (
        <p className="hint">This model’s trace has no token-to-token matrix to show.</p>
      )}
      {view?.what === 'retention' && (
        <p className="hint">
          Retention: how much of token j’s contribution survives in the state at step i, averaged over
          channels (the model’s decay or convolution filter; it does not depend on what the tokens are for LTI
          models).
        </p>
      )}
      {gates.length > 0 && <GatePanel gates={gates} labels={labels} />}
      {current.run.states.length > 0 && (
        <StatePanel
          key={current.model}
          states={current.run.states}
          labels={labels}
          model={modelLabel(current.model)}
          step={inspector.row !== null && inspector.row < T ? inspector.row : null}
          onStepChange={(row) => setInspector({ row })}
        />
      )}
    </section>
  );
}

interface StatePanelProps {
  states: StateView[];
  labels: readonly string[];
  model: string;
  /** The inspected step (the locked query row), or null for the last step. */
  step: number | null;
  onStepChange(step: number): void;
}

const stateName = (s: StateView) =>
  `Layer ${s.layer + 1} (${s.mixer})${s.heads > 1 ? `, head ${s.head + 1}` : ''}`;

/** A recurrent model's state over the sequence, layer by layer (and head by head), scrubbed with the query row. */
function StatePanel({ states, labels, model, step, onStepChange }: StatePanelProps) {
  const id = useId();
  const [index, setIndex] = useState(0);
  const state = states[Math.min(index, states.length - 1)];
  const T = labels.length;
  if (state.shape[0] !== T) return null;
  return (
    <div className="state-panel" data-testid="state-panel">
      <h3>State over time</h3>
      <p>
        <label htmlFor={`${id}-state`}>State</label>{' '}
        <select
          id={`${id}-state`}
          value={Math.min(index, states.length - 1)}
          onChange={(e) => setIndex(Number(e.target.value))}
        >
          {states.map((s, i) => (
            <option key={`${s.layer}-${s.head}`} value={i}>
              {stateName(s)}
            </option>
          ))}
        </select>{' '}
        <span className="hint">{state.what}; the time step follows the inspected query row.</span>
      </p>
      <HiddenStateEvolution
        states={state.values}
        shape={state.shape}
        tokens={labels}
        label={`${model}, ${stateName(state)}: ${state.what}`}
        rowLabel={state.rowLabel}
        colLabel={state.colLabel}
        step={step ?? T - 1}
        onStepChange={onStepChange}
        colorScale="symlog"
        timeWidth={Math.min(520, 40 + 28 * T)}
        matrixSize={Math.min(240, Math.max(120, 6 * Math.max(state.shape[1], state.shape[2])))}
      />
    </div>
  );
}
