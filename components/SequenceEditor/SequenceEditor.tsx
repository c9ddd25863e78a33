import {
  type ClipboardEvent,
  type DragEvent,
  type JSX,
  type KeyboardEvent,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { MAX_SEQUENCE_LENGTH } from '../../simulations/vocabulary/parseSequence';
import { chipIntent } from './chipKeys';
import { CELL_PX, columnsFor, GAP_PX, PAD_PX, ROW_PX, spacerHeight, windowParts } from './chipWindow';
import { insertTokens, moveToken, parseEntry, removeToken, replaceToken } from './sequenceEdits';
import './SequenceEditor.css';

/** What a token does in a recall task, for highlighting. */
export type TokenRole = 'key' | 'value' | 'query';

/** A named sequence offered as a one-click starting point. */
export interface SequencePreset {
  /** Button text, e.g. "Two pairs". */
  name: string;
  /** The tokens it loads. */
  tokens: readonly string[];
}

export interface SequenceEditorProps {
  /** The sequence (controlled). */
  tokens: readonly string[];
  /** Called with the new sequence after every edit. */
  onChange: (tokens: string[]) => void;
  /** Role of each token (key, value, query, or null), aligned with `tokens`; drawn as a badge and a border. */
  roles?: readonly (TokenRole | null | undefined)[];
  /** Sequences offered as buttons. */
  presets?: readonly SequencePreset[];
  /** When given, a "Randomise" button calls it (the parent draws a new sequence, e.g. a seeded MQAR example). */
  onRandomise?: () => void;
  /** Accessible name of the editor. @default 'Token sequence' */
  label?: string;
  /** Most tokens allowed. @default 1024 (the engine's MAX_SEQUENCE_LENGTH) */
  maxTokens?: number;
  /** A token to highlight from outside (e.g. the query hovered in the recall readout). */
  highlightedIndex?: number | null;
  /**
   * From this many tokens on, the chips sit in a grid of equal cells and only the rows in view (and the focused
   * chip's row) are rendered, so 1024 tokens stay fast; long labels are cut with … (the full label is the chip's
   * accessible name and tooltip). @default 256
   */
  windowFrom?: number;
}

export const SEQUENCE_EDITOR_HINT =
  '←/→ move between tokens, Home/End jump to the first/last, Alt+←/→ move the token (the keyboard way to drag it), Delete or Backspace remove it, Enter edits it; typing below inserts after the focused token. Paste inserts words too.';

const ROLE_BADGE: Record<TokenRole, string> = { key: 'K', value: 'V', query: 'Q' };

type Mode = { kind: 'insert'; at: number } | { kind: 'replace'; index: number };

/**
 * The sequence editor: tokens as chips with readable labels and their role (key / value / query) as a badge,
 * a border style and words for screen readers. Type or paste words to insert them after the focused chip,
 * edit a chip in place, delete it, drag it (or Alt+←/→) to reorder, load a preset or randomise. Bad words are
 * rejected inline with the engine parser's message; the sequence keeps every good token.
 */
export function SequenceEditor({
  tokens,
  onChange,
  roles,
  presets = [],
  onRandomise,
  label = 'Token sequence',
  maxTokens = MAX_SEQUENCE_LENGTH,
  highlightedIndex = null,
  windowFrom = 256,
}: SequenceEditorProps): JSX.Element {
  const id = useId();
  const chips = useRef<(HTMLButtonElement | null)[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<number | 'input' | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'insert', at: tokens.length });
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [drag, setDrag] = useState<{ from: number; over: number | null } | null>(null);
  const T = tokens.length;
  const roving = Math.min(focusIndex, Math.max(0, T - 1));
  const windowed = T >= windowFrom;
  const list = useRef<HTMLOListElement>(null);
  const [viewport, setViewport] = useState({ width: 640, height: 256, scrollTop: 0 });
  const columns = columnsFor(viewport.width);

  // The windowed grid's geometry: its width (→ columns), height and scroll offset.
  useLayoutEffect(() => {
    const el = list.current;
    if (!windowed || !el) return;
    const measure = () => {
      const width = el.clientWidth - 2 * PAD_PX; // the grid's content box
      setViewport((v) =>
        v.width === width && v.height === el.clientHeight && v.scrollTop === el.scrollTop
          ? v
          : { width, height: el.clientHeight, scrollTop: el.scrollTop },
      );
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer?.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [windowed]);
  const insertAt = mode.kind === 'insert' ? Math.min(mode.at, T) : mode.index;

  // Focus follows an edit once the parent has re-rendered with the new tokens.
  useEffect(() => {
    if (pendingFocus === null) return;
    if (pendingFocus === 'input') input.current?.focus();
    else chips.current[Math.min(pendingFocus, T - 1)]?.focus();
    setPendingFocus(null);
  }, [pendingFocus, T]);

  const quoted = (i: number) => `${i} “${tokens[i]}”`;
  const commit = (next: string[], message: string, focus: number | 'input' | null) => {
    onChange(next);
    setAnnouncement(message);
    setProblems([]);
    if (typeof focus === 'number') setFocusIndex(Math.max(0, Math.min(focus, next.length - 1)));
    setPendingFocus(next.length === 0 ? 'input' : focus);
  };

  const onChipKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const intent = chipIntent(e.key, e);
    if (!intent) return;
    e.preventDefault();
    const focus = (j: number) => {
      const k = Math.max(0, Math.min(T - 1, j));
      setFocusIndex(k);
      setMode({ kind: 'insert', at: k + 1 });
      // A chip outside the rendered window mounts with the next render (its row is always kept), then takes focus.
      const el = chips.current[k];
      if (el?.isConnected) el.focus();
      else setPendingFocus(k);
    };
    switch (intent) {
      case 'previous':
        return focus(i - 1);
      case 'next':
        return focus(i + 1);
      case 'first':
        return focus(0);
      case 'last':
        return focus(T - 1);
      case 'moveLeft':
      case 'moveRight': {
        const to = intent === 'moveLeft' ? i - 1 : i + 1;
        if (to < 0 || to >= T) return;
        setMode({ kind: 'insert', at: to + 1 });
        return commit(moveToken(tokens, i, to), `Moved “${tokens[i]}” to position ${to}.`, to);
      }
      case 'deleteForward':
      case 'deleteBackward': {
        const next = removeToken(tokens, i);
        const to = intent === 'deleteForward' ? i : i - 1;
        setMode({ kind: 'insert', at: Math.max(0, to + 1) });
        return commit(next, `Deleted ${quoted(i)}. ${next.length} tokens left.`, Math.max(0, to));
      }
      case 'edit':
        return startEdit(i);
    }
  };

  const startEdit = (i: number) => {
    setMode({ kind: 'replace', index: i });
    setText(tokens[i]);
    setProblems([]);
    setPendingFocus('input');
  };

  const submit = (entry: string) => {
    const room = maxTokens - T + (mode.kind === 'replace' ? 1 : 0);
    const result = parseEntry(entry, room);
    if (!result.ok) {
      setProblems(result.problems);
      setAnnouncement('');
      return false;
    }
    if (mode.kind === 'replace') {
      const next = replaceToken(tokens, mode.index, result.words);
      setMode({ kind: 'insert', at: mode.index + result.words.length });
      commit(next, `Replaced ${quoted(mode.index)} with ${result.words.join(' ')}.`, 'input');
    } else {
      const next = insertTokens(tokens, insertAt, result.words);
      setMode({ kind: 'insert', at: insertAt + result.words.length });
      commit(
        next,
        `Inserted ${result.words.length} ${result.words.length === 1 ? 'token' : 'tokens'} at position ${insertAt}.`,
        'input',
      );
    }
    setText('');
    return true;
  };

  const onInputKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit(text);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setText('');
      setProblems([]);
      setMode({ kind: 'insert', at: T });
    }
  };

  // Paste on a chip inserts the clipboard's words after it (typing into the field pastes natively).
  const onChipPaste = (e: ClipboardEvent<HTMLButtonElement>, i: number) => {
    const pasted = e.clipboardData.getData('text/plain');
    e.preventDefault();
    const result = parseEntry(pasted, maxTokens - T);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    commit(
      insertTokens(tokens, i + 1, result.words),
      `Pasted ${result.words.length} tokens after ${quoted(i)}.`,
      i + result.words.length,
    );
  };

  const onDrop = (e: DragEvent<HTMLLIElement>, to: number) => {
    e.preventDefault();
    if (!drag) return;
    const from = drag.from;
    setDrag(null);
    if (from === to) return;
    commit(moveToken(tokens, from, to), `Moved “${tokens[from]}” to position ${to}.`, to);
  };

  const renderChip = (i: number) => {
    const token = tokens[i];
    const role = roles?.[i] ?? null;
    return (
      <li
        key={i}
        className="ba-seq-editor__item"
        // windowed, only some items are in the DOM: say where this one sits in the whole list
        aria-posinset={windowed ? i + 1 : undefined}
        aria-setsize={windowed ? T : undefined}
        // a fixed row height in the windowed grid (not grid-auto-rows, which would squash the spacers' rows too)
        style={windowed ? { height: ROW_PX } : undefined}
        data-drop-target={drag !== null && drag.over === i && drag.from !== i}
        onDragOver={(e) => {
          if (!drag) return;
          e.preventDefault();
          if (drag.over !== i) setDrag({ ...drag, over: i });
        }}
        onDrop={(e) => onDrop(e, i)}
      >
        <button
          ref={(el) => {
            chips.current[i] = el;
          }}
          type="button"
          className="ba-seq-editor__chip"
          data-index={i}
          title={windowed ? token : undefined}
          data-role={role ?? undefined}
          data-highlighted={highlightedIndex === i}
          data-dragging={drag?.from === i}
          tabIndex={i === roving ? 0 : -1}
          draggable
          onKeyDown={(e) => onChipKeyDown(e, i)}
          onFocus={() => {
            setFocusIndex(i);
            if (mode.kind === 'insert') setMode({ kind: 'insert', at: i + 1 });
          }}
          onDoubleClick={() => startEdit(i)}
          onPaste={(e) => onChipPaste(e, i)}
          onDragStart={(e) => {
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', token);
            setDrag({ from: i, over: null });
          }}
          onDragEnd={() => setDrag(null)}
        >
          {/* accessible name "3 bee, key": index, label and role in words; the visible parts are hidden */}
          <span className="ba-visually-hidden">{`${i} ${token}${role ? `, ${role}` : ''}`}</span>
          <span className="ba-seq-editor__index" aria-hidden="true">
            {i}
          </span>
          <span className="ba-seq-editor__token" aria-hidden="true">
            {token}
          </span>
          {role && (
            <span className="ba-seq-editor__badge" aria-hidden="true">
              {ROLE_BADGE[role]}
            </span>
          )}
        </button>
        <button
          type="button"
          className="ba-seq-editor__delete"
          tabIndex={-1}
          aria-label={`Delete token ${i} “${token}”`}
          onClick={() => commit(removeToken(tokens, i), `Deleted ${quoted(i)}.`, Math.min(i, T - 2))}
        >
          ×
        </button>
      </li>
    );
  };

  const modeLine =
    mode.kind === 'replace'
      ? `Replaces token ${quoted(mode.index)} (Escape cancels).`
      : insertAt >= T
        ? 'Adds at the end.'
        : insertAt === 0
          ? 'Adds at the start.'
          : `Adds after token ${quoted(insertAt - 1)}.`;

  return (
    <section className="ba-seq-editor" data-testid="sequence-editor" aria-labelledby={`${id}-label`}>
      <div className="ba-seq-editor__header">
        <span id={`${id}-label`} className="ba-seq-editor__title">
          {label}
        </span>
        <span className="ba-seq-editor__count" data-testid="token-count">
          {T} / {maxTokens} tokens
        </span>
      </div>
      {(presets.length > 0 || onRandomise) && (
        <fieldset className="ba-seq-editor__actions">
          <legend className="ba-visually-hidden">Load a sequence</legend>
          {presets.map((p) => (
            <button
              key={p.name}
              type="button"
              onClick={() => {
                setMode({ kind: 'insert', at: p.tokens.length });
                commit([...p.tokens], `Loaded preset “${p.name}” (${p.tokens.length} tokens).`, null);
              }}
            >
              {p.name}
            </button>
          ))}
          {onRandomise && (
            <button type="button" onClick={onRandomise}>
              Randomise
            </button>
          )}
          {T > 0 && (
            <button
              type="button"
              onClick={() => {
                setMode({ kind: 'insert', at: 0 });
                commit([], 'Cleared the sequence.', 'input');
              }}
            >
              Clear
            </button>
          )}
        </fieldset>
      )}
      {T === 0 ? (
        <p className="ba-seq-editor__empty">The sequence is empty: type words below and press Enter.</p>
      ) : (
        <ol
          ref={list}
          className={`ba-seq-editor__chips${windowed ? ' ba-seq-editor__chips--windowed' : ''}`}
          aria-label={`${label}: ${T} tokens`}
          aria-describedby={`${id}-hint`}
          style={
            windowed
              ? { gridTemplateColumns: `repeat(${columns}, ${CELL_PX}px)`, gap: GAP_PX, padding: PAD_PX }
              : undefined
          }
        >
          {windowed
            ? // one flat list keyed by position, so a chip keeps its element (and focus) as the window moves
              windowParts(T, columns, viewport.scrollTop, viewport.height, [roving, drag?.from]).flatMap(
                (part, k) =>
                  part.kind === 'spacer'
                    ? [
                        <li
                          // biome-ignore lint/suspicious/noArrayIndexKey: spacers are identified by their place
                          key={`spacer-${k}`}
                          className="ba-seq-editor__spacer"
                          aria-hidden="true"
                          style={{ height: spacerHeight(part.rows) }}
                        />,
                      ]
                    : Array.from({ length: part.to - part.from }, (_, j) => renderChip(part.from + j)),
              )
            : tokens.map((_, i) => renderChip(i))}
        </ol>
      )}
      <p id={`${id}-hint`} className="ba-seq-editor__hint">
        {SEQUENCE_EDITOR_HINT}
        {roles && ' Badges: K key, V value, Q query.'}
      </p>
      <div className="ba-seq-editor__entry">
        <label htmlFor={`${id}-input`}>{mode.kind === 'replace' ? 'Edit token' : 'Add tokens'}</label>
        <input
          ref={input}
          id={`${id}-input`}
          type="text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder="e.g. cow 8"
          aria-invalid={problems.length > 0}
          aria-describedby={`${id}-mode ${id}-problems`}
          onChange={(e) => {
            setText(e.target.value);
            if (problems.length > 0) setProblems([]);
          }}
          onKeyDown={onInputKeyDown}
          data-testid="sequence-entry"
        />
        <button type="button" onClick={() => submit(text)}>
          {mode.kind === 'replace' ? 'Replace' : 'Insert'}
        </button>
        <span id={`${id}-mode`} className="ba-seq-editor__mode">
          {modeLine}
        </span>
      </div>
      <div id={`${id}-problems`} role="alert" className="ba-seq-editor__problems">
        {problems.length > 0 && (
          <>
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <p>Nothing was changed: the sequence keeps its {T} tokens. Fix the text above and press Enter.</p>
          </>
        )}
      </div>
      <p className="ba-visually-hidden" aria-live="polite" data-testid="sequence-announcement">
        {announcement}
      </p>
    </section>
  );
}
