/**
 * The keyboard/hover state machine of a matrix view, kept apart from the DOM (as @visx/a11y does):
 * an active cell (where the pointer or keyboard focus is) and an optional locked query row.
 * Movement is clamped to the causal lower triangle (key ≤ query) when `causal` is set.
 */
export interface MatrixFocusState {
  /** The highlighted cell, or null when nothing is active. */
  active: { row: number; col: number } | null;
  /** The locked query row, or null. */
  lockedRow: number | null;
}

export type MatrixFocusIntent =
  | { type: 'hover'; row: number; col: number }
  | { type: 'leave' }
  | { type: 'move'; dRow: number; dCol: number }
  | { type: 'firstRow' }
  | { type: 'lastRow' }
  | { type: 'toggleLock'; row?: number }
  | { type: 'unlock' }
  | { type: 'focus' };

export interface MatrixShape {
  size: number;
  causal: boolean;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Clamps a cell into the matrix (and under the diagonal when causal). */
export function clampCell(
  row: number,
  col: number,
  { size, causal }: MatrixShape,
): { row: number; col: number } {
  const r = clamp(row, 0, size - 1);
  return { row: r, col: clamp(col, 0, causal ? r : size - 1) };
}

/** The next state for an intent. Pure: same inputs, same output. */
export function reduceMatrixFocus(
  state: MatrixFocusState,
  intent: MatrixFocusIntent,
  shape: MatrixShape,
): MatrixFocusState {
  if (shape.size < 1) return { active: null, lockedRow: null };
  const origin = state.active ?? clampCell(state.lockedRow ?? 0, 0, shape);
  switch (intent.type) {
    case 'hover':
      return { ...state, active: clampCell(intent.row, intent.col, shape) };
    case 'leave':
      return { ...state, active: null };
    case 'focus':
      return { ...state, active: origin };
    case 'move':
      return { ...state, active: clampCell(origin.row + intent.dRow, origin.col + intent.dCol, shape) };
    case 'firstRow':
      return { ...state, active: clampCell(0, origin.col, shape) };
    case 'lastRow':
      return { ...state, active: clampCell(shape.size - 1, origin.col, shape) };
    case 'toggleLock': {
      const row = intent.row ?? origin.row;
      return { active: state.active ?? origin, lockedRow: state.lockedRow === row ? null : row };
    }
    case 'unlock':
      return { ...state, lockedRow: null };
  }
}

/** The query row the view should emphasise: the locked one wins over the hovered one. */
export function highlightedRow(state: MatrixFocusState): number | null {
  return state.lockedRow ?? state.active?.row ?? null;
}
