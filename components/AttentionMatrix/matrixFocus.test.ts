import { describe, expect, it } from 'vitest';
import { highlightedRow, type MatrixFocusState, reduceMatrixFocus } from './matrixFocus';

const shape = { size: 4, causal: true };
const empty: MatrixFocusState = { active: null, lockedRow: null };

describe('reduceMatrixFocus', () => {
  it('starts moving from the top-left cell and stays under the diagonal when causal', () => {
    let s = reduceMatrixFocus(empty, { type: 'move', dRow: 0, dCol: 1 }, shape);
    expect(s.active).toEqual({ row: 0, col: 0 }); // row 0 has only key 0
    s = reduceMatrixFocus(s, { type: 'move', dRow: 2, dCol: 0 }, shape);
    s = reduceMatrixFocus(s, { type: 'move', dRow: 0, dCol: 5 }, shape);
    expect(s.active).toEqual({ row: 2, col: 2 });
    s = reduceMatrixFocus(s, { type: 'move', dRow: -1, dCol: 0 }, shape);
    expect(s.active).toEqual({ row: 1, col: 1 });
  });

  it('allows the upper triangle when not causal', () => {
    const s = reduceMatrixFocus(empty, { type: 'move', dRow: 0, dCol: 3 }, { size: 4, causal: false });
    expect(s.active).toEqual({ row: 0, col: 3 });
  });

  it('Home/End jump rows and keep the column clamped', () => {
    let s = reduceMatrixFocus(empty, { type: 'lastRow' }, shape);
    expect(s.active).toEqual({ row: 3, col: 0 });
    s = reduceMatrixFocus({ active: { row: 3, col: 3 }, lockedRow: null }, { type: 'firstRow' }, shape);
    expect(s.active).toEqual({ row: 0, col: 0 });
  });

  it('toggles the lock on the active row, unlocks, and the lock wins the highlight', () => {
    let s = reduceMatrixFocus({ active: { row: 2, col: 1 }, lockedRow: null }, { type: 'toggleLock' }, shape);
    expect(s.lockedRow).toBe(2);
    s = reduceMatrixFocus(s, { type: 'hover', row: 3, col: 0 }, shape);
    expect(highlightedRow(s)).toBe(2);
    s = reduceMatrixFocus(s, { type: 'toggleLock', row: 2 }, shape);
    expect(s.lockedRow).toBeNull();
    expect(highlightedRow(s)).toBe(3);
    s = reduceMatrixFocus({ ...s, lockedRow: 1 }, { type: 'unlock' }, shape);
    expect(s.lockedRow).toBeNull();
  });

  it('leave clears the active cell but not the lock', () => {
    const s = reduceMatrixFocus({ active: { row: 1, col: 0 }, lockedRow: 1 }, { type: 'leave' }, shape);
    expect(s).toEqual({ active: null, lockedRow: 1 });
  });

  it('clamps hovered cells into the matrix', () => {
    expect(reduceMatrixFocus(empty, { type: 'hover', row: 9, col: 9 }, shape).active).toEqual({
      row: 3,
      col: 3,
    });
  });
});
