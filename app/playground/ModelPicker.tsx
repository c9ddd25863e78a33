import { useShallow } from 'zustand/react/shallow';
import { bytes, modelLabel, percent } from '../domain/formatting';
import type { ModelIndexEntry } from '../domain/modelIndex';
import { MAX_SELECTED_MODELS } from '../state/urlCodec';
import { useAppStore } from '../state/useAppStore';

const settingName = (m: ModelIndexEntry) => {
  const t = m.task;
  if (t.kind === 'mqar') return `MQAR, L = ${t.seqLen}, K = ${t.numKvPairs}, V = ${t.vocabSize}`;
  return `${t.kind.replace('-', ' ')}, V = ${t.vocabSize}`;
};

/** Every shipped model, grouped by the task it was trained on; tick any subset to run side by side. */
export function ModelPicker() {
  const index = useAppStore((s) => s.modelIndex);
  const active = useAppStore(useShallow((s) => s.activeModels()));
  const toggle = useAppStore((s) => s.toggleModel);
  const trained = useAppStore((s) => s.trainedModels);
  if (index.status === 'loading') return <p role="status">Loading the model list…</p>;
  if (index.status === 'error')
    return (
      <p className="notice" role="alert">
        {index.message}
      </p>
    );
  const groups = new Map<string, ModelIndexEntry[]>();
  for (const m of index.models) groups.set(settingName(m), [...(groups.get(settingName(m)) ?? []), m]);
  const full = active.length >= MAX_SELECTED_MODELS;
  return (
    <details className="model-picker" open>
      <summary>
        Models ({active.length} of {index.models.length + trained.length} selected, up to{' '}
        {MAX_SELECTED_MODELS})
      </summary>
      {trained.length > 0 && (
        <fieldset data-testid="trained-models">
          <legend>Trained in this tab (MQAR, L = 16, K = 2, V = 32; kept in memory only)</legend>
          <ul>
            {trained.map((m) => {
              const checked = active.includes(m.id);
              return (
                <ModelChoice
                  key={m.id}
                  id={m.id}
                  name={modelLabel(m.id)}
                  detail={`test ${percent(m.testAccuracy)} after ${m.stepsRun} steps · state ${bytes(m.stateBytes)} · ${m.parameters.toLocaleString('en')} params`}
                  checked={checked}
                  disabled={!checked && full}
                  onToggle={() => toggle(m.id)}
                />
              );
            })}
          </ul>
        </fieldset>
      )}
      {[...groups].map(([name, models]) => (
        <fieldset key={name}>
          <legend>Trained on {name}</legend>
          <ul>
            {models.map((m) => {
              const checked = active.includes(m.id);
              return (
                <ModelChoice
                  key={m.id}
                  id={m.id}
                  name={m.architecture}
                  detail={`test ${percent(m.testAccuracy)} · state ${bytes(m.stateBytes)} · ${m.parameters.toLocaleString('en')} params`}
                  fullName={modelLabel(m.id, m.architecture)}
                  checked={checked}
                  disabled={!checked && full}
                  onToggle={() => toggle(m.id)}
                />
              );
            })}
          </ul>
        </fieldset>
      ))}
    </details>
  );
}

interface ModelChoiceProps {
  id: string;
  name: string;
  detail: string;
  /** Read after the label by screen readers when `name` alone is ambiguous. */
  fullName?: string;
  checked: boolean;
  disabled: boolean;
  onToggle: () => void;
}

/** One model of the list: a checkbox, its name and its numbers. */
function ModelChoice({ id, name, detail, fullName, checked, disabled, onToggle }: ModelChoiceProps) {
  return (
    <li>
      <label>
        <input type="checkbox" checked={checked} disabled={disabled} onChange={onToggle} data-model={id} />{' '}
        <strong>{name}</strong> <span className="hint">{detail}</span>
      </label>
      {fullName && <span className="visually-hidden"> ({fullName})</span>}
    </li>
  );
}
