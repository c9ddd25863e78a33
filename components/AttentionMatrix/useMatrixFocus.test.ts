import { describe, expect, it } from 'vitest';
import {
  clampCell,
  highlightedRow,
  INITIAL_MATRIX_FOCUS,
  intentForKey,
  type MatrixFocusIntent,
  type MatrixFocusState,
  type MatrixShape,
  normalizeMatrixFocus,
  reduceMatrixFocus,
} from './useMatrixFocus';

const causal: MatrixShape = { size: 4, causal: true };
const full: MatrixShape = { size: 4, causal: false };

/** Applies intents in order from `state`. */
function run(
  intents: MatrixFocusIntent['type'][] | MatrixFocusIntent[],
  shape = causal,
  state = INITIAL_MATRIX_FOCUS,
) {
  return intents.reduce<MatrixFocusState>(
    (s, intent) =>
      reduceMatrixFocus(
        s,
        typeof intent === 'string' ? ({ type: intent } as MatrixFocusIntent) : intent,
        shape,
      ),
    state,
  );
}

describe('keyboard moves', () => {
  it('focus starts at the top-left cell and arrows move from there', () => {
    expect(run(['focus']).active).toEqual({ row: 0, col: 0 });
    expect(run(['focus', 'moveDown', 'moveDown', 'moveRight']).active).toEqual({ row: 2, col: 1 });
  });

  it('a move without focus first starts from the top-left cell', () => {
    expect(run(['moveDown']).active).toEqual({ row: 1, col: 0 });
  });

  it('stays in the causal lower triangle', () => {
    expect(run(['focus', 'moveRight']).active).toEqual({ row: 0, col: 0 }); // query 0 sees only key 0
    expect(run(['moveDown', 'moveDown', 'moveRight', 'moveRight', 'moveRight', 'moveRight']).active).toEqual({
      row: 2,
      col: 2,
    });
    // Up from the diagonal pulls the column back under the diagonal.
    expect(run(['moveUp'], causal, { active: { row: 2, col: 2 }, lockedRow: null }).active).toEqual({
      row: 1,
      col: 1,
    });
  });

  it('may enter the upper triangle when not causal', () => {
    expect(run(['moveRight', 'moveRight', 'moveRight', 'moveRight'], full).active).toEqual({
      row: 0,
      col: 3,
    });
  });

  it('clamps at the edges', () => {
    expect(run(['moveUp', 'moveLeft']).active).toEqual({ row: 0, col: 0 });
    expect(run(['last', 'moveDown', 'moveDown']).active).toEqual({ row: 3, col: 0 });
  });

  it('first/last jump to the first/last query and keep the column where it fits', () => {
    const at = { active: { row: 3, col: 3 }, lockedRow: null };
    expect(run(['first'], causal, at).active).toEqual({ row: 0, col: 0 });
    expect(run(['first'], full, at).active).toEqual({ row: 0, col: 3 });
    expect(run(['last'], causal, { active: { row: 1, col: 1 }, lockedRow: null }).active).toEqual({
      row: 3,
      col: 1,
    });
  });

  it('focus resumes at the locked row', () => {
    expect(run(['focus'], causal, { active: null, lockedRow: 2 }).active).toEqual({ row: 2, col: 0 });
  });
});

describe('pointer', () => {
  it('hover sets the active cell, even a masked one, clamped into the matrix', () => {
    expect(run([{ type: 'hover', row: 1, col: 3 }]).active).toEqual({ row: 1, col: 3 });
    expect(run([{ type: 'hover', row: 9, col: -2 }]).active).toEqual({ row: 3, col: 0 });
  });

  it('leave clears the active cell but not the lock', () => {
    expect(run(['leave'], causal, { active: { row: 1, col: 0 }, lockedRow: 1 })).toEqual({
      active: null,
      lockedRow: 1,
    });
  });

  it('returns the same object when nothing changes (no re-render per pointer move)', () => {
    const s = run([{ type: 'hover', row: 2, col: 1 }]);
    expect(reduceMatrixFocus(s, { type: 'hover', row: 2, col: 1 }, causal)).toBe(s);
    expect(reduceMatrixFocus(INITIAL_MATRIX_FOCUS, { type: 'leave' }, causal)).toBe(INITIAL_MATRIX_FOCUS);
    expect(reduceMatrixFocus(INITIAL_MATRIX_FOCUS, { type: 'unlock' }, causal)).toBe(INITIAL_MATRIX_FOCUS);
  });
});

describe('locking', () => {
  it('toggleLock locks the active row and unlocks it again', () => {
    const locked = run(['focus', 'moveDown', 'moveDown', 'toggleLock']);
    expect(locked.lockedRow).toBe(2);
    expect(run(['toggleLock'], causal, locked).lockedRow).toBeNull();
  });

  it('a click toggles the clicked row; another row moves the lock', () => {
    const s = run([{ type: 'toggleLock', row: 3 }]);
    expect(s.lockedRow).toBe(3);
    expect(run([{ type: 'toggleLock', row: 1 }], causal, s).lockedRow).toBe(1);
    expect(run([{ type: 'toggleLock', row: 3 }], causal, s).lockedRow).toBeNull();
  });

  it('lock is idempotent and unlock clears', () => {
    const s = run([
      { type: 'lock', row: 1 },
      { type: 'lock', row: 1 },
    ]);
    expect(s.lockedRow).toBe(1);
    expect(run(['unlock'], causal, s).lockedRow).toBeNull();
  });

  it('the lock wins the highlight over hover, and the hover returns after unlocking', () => {
    let s = run([
      { type: 'lock', row: 2 },
      { type: 'hover', row: 3, col: 0 },
    ]);
    expect(highlightedRow(s)).toBe(2);
    s = run(['unlock'], causal, s);
    expect(highlightedRow(s)).toBe(3);
    expect(highlightedRow(run(['leave'], causal, s))).toBeNull();
  });

  it('keyboard moves while locked keep the lock', () => {
    const s = run(['focus', 'moveDown', 'toggleLock', 'last', 'moveRight']);
    expect(s.lockedRow).toBe(1);
    expect(s.active).toEqual({ row: 3, col: 1 });
    expect(highlightedRow(s)).toBe(1);
  });
});

describe('shape changes', () => {
  it('normalize drops an active cell or lock outside a shorter matrix', () => {
    const s: MatrixFocusState = { active: { row: 5, col: 1 }, lockedRow: 6 };
    expect(normalizeMatrixFocus(s, causal)).toEqual(INITIAL_MATRIX_FOCUS);
    const ok: MatrixFocusState = { active: { row: 1, col: 1 }, lockedRow: 3 };
    expect(normalizeMatrixFocus(ok, causal)).toBe(ok);
  });

  it('an empty matrix has no focus', () => {
    const empty = { size: 0, causal: true };
    expect(reduceMatrixFocus({ active: { row: 0, col: 0 }, lockedRow: 0 }, { type: 'focus' }, empty)).toEqual(
      INITIAL_MATRIX_FOCUS,
    );
    expect(reduceMatrixFocus(INITIAL_MATRIX_FOCUS, { type: 'moveDown' }, empty)).toBe(INITIAL_MATRIX_FOCUS);
  });

  it('clampCell truncates fractional positions', () => {
    expect(clampCell(2.7, 1.9, causal)).toEqual({ row: 2, col: 1 });
  });
});

describe('intentForKey', () => {
  it('maps the documented keys and ignores the rest', () => {
    expect(intentForKey('ArrowDown')).toEqual({ type: 'moveDown' });
    expect(intentForKey('Home')).toEqual({ type: 'first' });
    expect(intentForKey('End')).toEqual({ type: 'last' });
    expect(intentForKey('Enter')).toEqual({ type: 'toggleLock' });
    expect(intentForKey('Escape')).toEqual({ type: 'unlock' });
    expect(intentForKey('Tab')).toBeNull();
    expect(intentForKey('toString')).toBeNull();
  });
});
