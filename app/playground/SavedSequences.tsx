import { useId, useState } from 'react';
import { useAppStore } from '../state/useAppStore';

/** Save the current sequence under a name (kept in this browser), and load or delete saved ones. */
export function SavedSequences() {
  const id = useId();
  const [name, setName] = useState('');
  const saved = useAppStore((s) => s.saved);
  const save = useAppStore((s) => s.saveCurrentSequence);
  const load = useAppStore((s) => s.loadSavedSequence);
  const remove = useAppStore((s) => s.deleteSavedSequence);
  return (
    <details className="saved-sequences">
      <summary>My sequences ({saved.length})</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save(name);
          setName('');
        }}
      >
        <label htmlFor={id}>Name</label>{' '}
        <input
          id={id}
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
          data-testid="save-name"
        />{' '}
        <button type="submit">Save this sequence</button>
      </form>
      {saved.length > 0 && (
        <ul data-testid="saved-list">
          {saved.map((s) => (
            <li key={s.name}>
              <button type="button" className="link-button" onClick={() => load(s.name)}>
                {s.name}
              </button>{' '}
              <code>{s.text.length > 60 ? `${s.text.slice(0, 60)}…` : s.text}</code>{' '}
              <button type="button" onClick={() => remove(s.name)} aria-label={`Delete ${s.name}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        Saved in this browser only (localStorage); share a sequence with the page’s link.
      </p>
    </details>
  );
}
