/**
 * The keyboard/hover state of a matrix view, kept apart from the DOM (as @visx/a11y does): a pure reducer of
 * intents, and a small hook that binds it to React with an optionally controlled locked row.
 *
 * State: the active cell (under the pointer or the keyboard cursor) and an optional locked query row. Keyboard
 * moves stay in the causal lower triangle (key ≤ query) when `causal` is set; the pointer may rest on a masked
 * cell (the readout says it is masked). The locked row wins the highlight over the active one (hover-then-lock).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** A cell of the matrix: query row, key column. */
export interface MatrixCell {
  row: number;
  col: number;
}

export interface MatrixFocusState {
  /** The cell under the pointer or keyboard cursor, or null when nothing is active. */
  active: MatrixCell | null;
  /** The locked query row, or null. */
  lockedRow: number | null;
}

/** What the user asked for, independent of which key or pointer event asked it. */
export type MatrixFocusIntent =
  | { type: 'hover'; row: number; col: number }
  | { type: 'leave' }
  | { type: 'focus' }
  | { type: 'moveUp' }
  | { type: 'moveDown' }
  | { type: 'moveLeft' }
  | { type: 'moveRight' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'lock'; row?: number }
  | { type: 'toggleLock'; row?: number }
  | { type: 'unlock' };

export interface MatrixShape {
  /** T: the matrix is T × T. */
  size: number;
  /** Keyboard moves stay in the lower triangle (key ≤ query). */
  causal: boolean;
}

export const INITIAL_MATRIX_FOCUS: MatrixFocusState = { active: null, lockedRow: null };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const sameCell = (a: MatrixCell | null, b: MatrixCell | null) =>
  a === b || (a !== null && b !== null && a.row === b.row && a.col === b.col);

/** Clamps a cell into the matrix, and under the diagonal when `causal`. */
export function clampCell(row: number, col: number, { size, causal }: MatrixShape): MatrixCell {
  const r = clamp(Math.trunc(row), 0, size - 1);
  return { row: r, col: clamp(Math.trunc(col), 0, causal ? r : size - 1) };
}

/** Drops an active cell or locked row that no longer fits the shape (e.g. after the sequence got shorter). */
export function normalizeMatrixFocus(state: MatrixFocusState, { size }: MatrixShape): MatrixFocusState {
  const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < size;
  const activeOk = state.active === null || (inRange(state.active.row) && inRange(state.active.col));
  const lockOk = state.lockedRow === null || inRange(state.lockedRow);
  if (activeOk && lockOk) return state;
  return { active: activeOk ? state.active : null, lockedRow: lockOk ? state.lockedRow : null };
}

/** Where the keyboard cursor starts: the active cell, else the locked row's first key, else the top-left cell. */
function origin(state: MatrixFocusState, shape: MatrixShape): MatrixCell {
  return state.active ?? clampCell(state.lockedRow ?? 0, 0, shape);
}

function nextState(state: MatrixFocusState, intent: MatrixFocusIntent, shape: MatrixShape): MatrixFocusState {
  const at = origin(state, shape);
  const moveTo = (row: number, col: number) => ({ ...state, active: clampCell(row, col, shape) });
  switch (intent.type) {
    case 'hover':
      return { ...state, active: clampCell(intent.row, intent.col, { ...shape, causal: false }) };
    case 'leave':
      return { ...state, active: null };
    case 'focus':
      return { ...state, active: at };
    case 'moveUp':
      return moveTo(at.row - 1, at.col);
    case 'moveDown':
      return moveTo(at.row + 1, at.col);
    case 'moveLeft':
      return moveTo(at.row, at.col - 1);
    case 'moveRight':
      return moveTo(at.row, at.col + 1);
    case 'first':
      return moveTo(0, at.col);
    case 'last':
      return moveTo(shape.size - 1, at.col);
    case 'lock':
      return { active: state.active ?? at, lockedRow: clampCell(intent.row ?? at.row, 0, shape).row };
    case 'toggleLock': {
      const row = clampCell(intent.row ?? at.row, 0, shape).row;
      return { active: state.active ?? at, lockedRow: state.lockedRow === row ? null : row };
    }
    case 'unlock':
      return { ...state, lockedRow: null };
  }
}

/**
 * The next state for an intent. Pure; returns `state` itself when nothing changed, so React can skip a render
 * (pointer moves within one cell cost nothing).
 */
export function reduceMatrixFocus(
  state: MatrixFocusState,
  intent: MatrixFocusIntent,
  shape: MatrixShape,
): MatrixFocusState {
  if (shape.size < 1) return state.active === null && state.lockedRow === null ? state : INITIAL_MATRIX_FOCUS;
  const next = nextState(normalizeMatrixFocus(state, shape), intent, shape);
  return sameCell(next.active, state.active) && next.lockedRow === state.lockedRow ? state : next;
}

/** The query row the view emphasises: the locked one wins over the active one. */
export function highlightedRow(state: MatrixFocusState): number | null {
  return state.lockedRow ?? state.active?.row ?? null;
}

const KEY_INTENTS: Readonly<Record<string, MatrixFocusIntent>> = {
  ArrowUp: { type: 'moveUp' },
  ArrowDown: { type: 'moveDown' },
  ArrowLeft: { type: 'moveLeft' },
  ArrowRight: { type: 'moveRight' },
  Home: { type: 'first' },
  End: { type: 'last' },
  Enter: { type: 'toggleLock' },
  Escape: { type: 'unlock' },
};

/** The intent of a `KeyboardEvent.key`, or null for keys the matrix leaves to the browser. */
export function intentForKey(key: string): MatrixFocusIntent | null {
  return Object.hasOwn(KEY_INTENTS, key) ? KEY_INTENTS[key] : null;
}

export interface UseMatrixFocusOptions extends MatrixShape {
  /** Controlled locked row; undefined lets the hook keep it. */
  lockedRow?: number | null;
  /** Called when an intent locks or unlocks a row. */
  onLockedRowChange?: (row: number | null) => void;
  /** Called when the highlighted row changes (not on mount while nothing is highlighted). */
  onActiveRowChange?: (row: number | null) => void;
}

export interface MatrixFocus {
  /** The current state (locked row from the controlling prop when there is one). */
  state: MatrixFocusState;
  /** The highlighted query row: locked, else active, else null. */
  row: number | null;
  /** Applies an intent. Stable across renders. */
  dispatch: (intent: MatrixFocusIntent) => void;
}

/** Binds `reduceMatrixFocus` to React: internal state, an optionally controlled locked row, change callbacks. */
export function useMatrixFocus({
  size,
  causal,
  lockedRow,
  onLockedRowChange,
  onActiveRowChange,
}: UseMatrixFocusOptions): MatrixFocus {
  const [internal, setInternal] = useState(INITIAL_MATRIX_FOCUS);
  const shape = { size, causal };
  const state = normalizeMatrixFocus(
    lockedRow === undefined ? internal : { ...internal, lockedRow: lockedRow ?? null },
    shape,
  );
  const row = highlightedRow(state);

  // The latest committed state, shape and callback, for the stable `dispatch` (several intents may arrive
  // between two renders, e.g. pointerleave then click).
  const latest = useRef({ state, shape, onLockedRowChange });
  useLayoutEffect(() => {
    latest.current = { state, shape, onLockedRowChange };
  });
  const dispatch = useCallback((intent: MatrixFocusIntent) => {
    const { state: current, shape: currentShape, onLockedRowChange: onLock } = latest.current;
    const next = reduceMatrixFocus(current, intent, currentShape);
    if (next === current) return;
    latest.current = { ...latest.current, state: next };
    setInternal(next);
    if (next.lockedRow !== current.lockedRow) onLock?.(next.lockedRow);
  }, []);

  const reported = useRef<number | null>(null);
  useEffect(() => {
    if (reported.current === row) return;
    reported.current = row;
    onActiveRowChange?.(row);
  }, [row, onActiveRowChange]);

  return { state, row, dispatch };
}
