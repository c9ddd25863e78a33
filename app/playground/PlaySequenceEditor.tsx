import { useId } from 'react';
import { useAppStore } from '../state/useAppStore';
import { presetOrDefault } from './presets';

/** The playground's sequence as editable text; problems inline, the last valid sequence stays in use. */
export function PlaySequenceEditor() {
  const id = useId();
  const { text, labels, problems, presetId } = useAppStore((s) => s.sequence);
  const truth = useAppStore((s) => s.truth);
  const setText = useAppStore((s) => s.setPlayText);
  const preset = presetOrDefault(presetId);
  const queryPositions = new Set(truth?.ok ? truth.queries.map((q) => q.position) : []);
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
      <ol className="token-chips" aria-label="Tokens in use (queries marked)">
        {labels.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens repeat; the position is the identity
          <li key={i} className={queryPositions.has(i) ? 'token-chip token-query' : 'token-chip'}>
            <span className="token-index">{i}</span> {t}
            {queryPositions.has(i) && <span className="visually-hidden"> (query)</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
