import { useId } from 'react';
import { useAppStore } from '../state/useAppStore';

/** The text field the user edits; bad words are reported inline and the last good sequence stays in use. */
export function SequenceInput() {
  const id = useId();
  const text = useAppStore((s) => s.sequenceText);
  const problems = useAppStore((s) => s.problems);
  const tokens = useAppStore((s) => s.tokens);
  const setText = useAppStore((s) => s.setSequenceText);
  const invalid = problems.length > 0;
  return (
    <div className="sequence-input">
      <label htmlFor={id}>Token sequence (words separated by spaces)</label>
      <input
        id={id}
        type="text"
        value={text}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid}
        aria-describedby={`${id}-help ${id}-problems`}
        onChange={(e) => setText(e.target.value)}
        data-testid="sequence-input"
      />
      <p id={`${id}-help`} className="hint">
        Repeat a word to make the induction head recall what followed it, e.g. “… bee 5 … bee”.
      </p>
      <div id={`${id}-problems`} role="alert" className="problems">
        {invalid && (
          <>
            <ul>
              {problems.map((p) => (
                <li key={`${p.tokenIndex}-${p.offset}`}>{p.message}</li>
              ))}
            </ul>
            <p>Still showing the last valid sequence ({tokens.length} tokens).</p>
          </>
        )}
      </div>
      <ol className="token-chips" aria-label="Tokens in use">
        {tokens.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens repeat; the position is the identity
          <li key={i} className="token-chip">
            <span className="token-index">{i}</span> {t}
          </li>
        ))}
      </ol>
    </div>
  );
}
