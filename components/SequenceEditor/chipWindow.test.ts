import { describe, expect, it } from 'vitest';
import { CELL_PX, columnsFor, GAP_PX, OVERSCAN_ROWS, ROW_PX, spacerHeight, windowParts } from './chipWindow';

const rendered = (parts: ReturnType<typeof windowParts>) =>
  parts.flatMap((p) =>
    p.kind === 'chips' ? Array.from({ length: p.to - p.from }, (_, k) => p.from + k) : [],
  );
const rowsCovered = (parts: ReturnType<typeof windowParts>, columns: number) =>
  parts.reduce((n, p) => n + (p.kind === 'spacer' ? p.rows : Math.ceil((p.to - p.from) / columns)), 0);

describe('columnsFor', () => {
  it('fits whole cells with gaps between them, at least one', () => {
    expect(columnsFor(CELL_PX)).toBe(1);
    expect(columnsFor(2 * CELL_PX + GAP_PX)).toBe(2);
    expect(columnsFor(2 * CELL_PX + GAP_PX - 1)).toBe(1);
    expect(columnsFor(0)).toBe(1);
  });
});

describe('windowParts', () => {
  it('renders only the rows in view plus the overscan, with spacers for the rest', () => {
    const parts = windowParts(1024, 6, 0, 10 * (ROW_PX + GAP_PX));
    const shown = rendered(parts);
    expect(shown[0]).toBe(0);
    expect(shown).toHaveLength((10 + OVERSCAN_ROWS + 1) * 6);
    expect(parts.at(-1)).toEqual({ kind: 'spacer', rows: Math.ceil(1024 / 6) - (10 + OVERSCAN_ROWS + 1) });
    expect(rowsCovered(parts, 6)).toBe(Math.ceil(1024 / 6));
  });

  it('always renders the row of a kept token (the focused chip), far from the view', () => {
    const parts = windowParts(1024, 6, 0, 200, [1023]);
    const shown = rendered(parts);
    expect(shown).toContain(1023);
    expect(shown).toContain(1020); // its whole row: 1020 … 1023
    expect(shown).not.toContain(600);
    expect(rowsCovered(parts, 6)).toBe(Math.ceil(1024 / 6));
    expect(parts.map((p) => p.kind)).toEqual(['chips', 'spacer', 'chips']);
  });

  it('merges a kept row next to the view into one run, and covers every token once when all fit', () => {
    const all = windowParts(40, 5, 0, 10_000, [39, 0]);
    expect(all).toEqual([{ kind: 'chips', from: 0, to: 40 }]);
    const scrolled = windowParts(1024, 4, 100 * (ROW_PX + GAP_PX), 5 * (ROW_PX + GAP_PX), [0]);
    expect(scrolled[0]).toEqual({ kind: 'chips', from: 0, to: 4 });
    expect(new Set(rendered(scrolled)).size).toBe(rendered(scrolled).length);
    expect(rowsCovered(scrolled, 4)).toBe(256);
  });

  it('ignores kept indices out of range and answers nothing for no tokens', () => {
    expect(windowParts(0, 4, 0, 100)).toEqual([]);
    expect(rendered(windowParts(8, 4, 0, 1000, [-1, 99, null]))).toHaveLength(8);
  });

  it('a spacer is as tall as the rows it replaces', () => {
    expect(spacerHeight(3) + GAP_PX).toBe(3 * (ROW_PX + GAP_PX));
  });
});
