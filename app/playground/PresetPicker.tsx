import { useId } from 'react';
import { PRESETS, presetOrDefault } from '../domain/presets';
import { useAppStore } from '../state/useAppStore';

/** Task preset and seed: each (preset, seed) generates the same example everywhere. */
export function PresetPicker() {
  const id = useId();
  const { presetId, seed } = useAppStore((s) => s.sequence);
  const applyPreset = useAppStore((s) => s.applyPreset);
  const setSelectedModels = useAppStore((s) => s.setSelectedModels);
  const preset = presetOrDefault(presetId);
  return (
    <fieldset className="preset-picker">
      <legend>Task</legend>
      <label htmlFor={`${id}-preset`}>Preset</label>{' '}
      <select
        id={`${id}-preset`}
        value={presetId}
        data-testid="preset-select"
        onChange={(e) => {
          applyPreset(e.target.value);
          // A new task: back to that task's default models.
          if (e.target.value !== 'free') setSelectedModels(null);
        }}
      >
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>{' '}
      <label htmlFor={`${id}-seed`}>Seed</label>{' '}
      <input
        id={`${id}-seed`}
        type="number"
        min={0}
        max={1000000}
        value={seed}
        data-testid="seed-input"
        onChange={(e) => {
          const n = Number(e.target.value);
          if (Number.isInteger(n) && n >= 0 && n <= 1_000_000) applyPreset(presetId, n);
        }}
      />{' '}
      <button type="button" onClick={() => applyPreset(presetId, seed + 1)} disabled={!preset.generate}>
        New example
      </button>
      <p className="hint">{preset.description}</p>
    </fieldset>
  );
}
