import { useId } from 'react';
import { SequenceEditor } from '../../components/SequenceEditor/SequenceEditor';
import { presetOrDefault } from '../domain/presets';
import { useAppStore } from '../state/useAppStore';

/** The playground's sequence as editable text; problems inline, the last valid sequence stays in use. */
export function PlaySequenceEditor() {
  const id = useId();
  const { text, labels, problems, presetId } = useAppStore((s) => s.sequence);
  const truth = useAppStore((s) => s.truth);
  const setText = useAppStore((s) => s.setPlayText);
  const applyPreset = useAppStore((s) => s.applyPreset);
  const seed = useAppStore((s) => s.sequence.seed);
  const preset = presetOrDefault(presetId);
  // The chips' roles come from the ground truth itself (simulations/tasks: the binding rule's keys, values and
  // queries), so the chips and the readout's answers cannot disagree.
  const roles = truth?.ok ? truth.roles : undefined;
  const invalid = problems.length > 0;
  return (
    <div className="sequence-input">
      <label htmlFor={id}>Sequence ({labels.length} tokens)</label>
      <textarea
        id={id}
        value={text}
        rows={2}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={`${id}-help ${id}-problems`}
        data-testid="play-sequence"
        onChange={(e) => setText(e.target.value)}
      />
      <p id={`${id}-help`} className="hint">
        Keys are animal words (ant, bee, cat, …), values are numbers, <code>_</code> is filler. A key followed
        by a value binds it; a later copy of the key asks for its latest value.
        {preset.rule !== 'bindings' && ' This preset scores its own task’s answers (see its description).'}
      </p>
      <div id={`${id}-problems`} role="alert" className="problems">
        {invalid && (
          <>
            <ul>
              {problems.map((p) => (
                <li key={`${p.tokenIndex}-${p.offset}`}>{p.message}</li>
              ))}
            </ul>
            <p>Still using the last valid sequence ({labels.length} tokens).</p>
          </>
        )}
        {truth && !truth.ok && (
          <ul>
            {truth.problems.slice(0, 3).map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
      <SequenceEditor
        tokens={labels}
        onChange={(tokens) => setText(tokens.join(' '))}
        roles={roles}
        onRandomise={preset.generate ? () => applyPreset(presetId, seed + 1) : undefined}
        label="Sequence as tokens"
      />
    </div>
  );
}
