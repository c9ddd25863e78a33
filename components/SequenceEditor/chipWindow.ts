/**
 * Windowed rendering of a long token sequence. From `windowFrom` tokens on, the chips sit in a grid of fixed
 * cells (CELL_PX × ROW_PX with GAP_PX between them), so the row of token i is exact: ⌊i / columns⌋. Only the rows
 * in view (plus OVERSCAN_ROWS above and below) are rendered, and always the row of the roving (focused) chip and
 * of a chip being dragged, so that keyboard focus survives scrolling; the rows in between are one spacer each.
 */

/** Width of one chip cell in the windowed grid (CSS px): a 4-digit index, a 6-letter label, a badge and ×. */
export const CELL_PX = 132;
/** Height of one row of chips (CSS px). */
export const ROW_PX = 30;
/** Gap between cells and rows (CSS px). */
export const GAP_PX = 4;
/** Padding inside the scrolling grid (CSS px), so that the focus ring of an edge chip is not clipped. */
export const PAD_PX = 4;
/** Rows rendered beyond the visible ones, above and below. */
export const OVERSCAN_ROWS = 3;

/** How many cells fit a content box `width` px wide (at least one). */
export function columnsFor(width: number): number {
  return Math.max(1, Math.floor((width + GAP_PX) / (CELL_PX + GAP_PX)));
}

/** One run of the rendered list: tokens [from, to), or a spacer standing for `rows` skipped rows. */
export type WindowPart = { kind: 'chips'; from: number; to: number } | { kind: 'spacer'; rows: number };

/**
 * The parts to render for `count` tokens in `columns` columns, scrolled to `scrollTop` in a viewport
 * `viewportHeight` px tall, always including the rows of the tokens in `keep` (e.g. the focused chip).
 */
export function windowParts(
  count: number,
  columns: number,
  scrollTop: number,
  viewportHeight: number,
  keep: readonly (number | null | undefined)[] = [],
): WindowPart[] {
  if (count <= 0) return [];
  const rows = Math.ceil(count / columns);
  const pitch = ROW_PX + GAP_PX;
  const first = Math.max(0, Math.floor(scrollTop / pitch) - OVERSCAN_ROWS);
  const last = Math.min(rows - 1, Math.ceil((scrollTop + viewportHeight) / pitch) + OVERSCAN_ROWS);
  const ranges: [number, number][] = [[first, Math.max(first, last)]];
  for (const i of keep) {
    if (i === null || i === undefined || i < 0 || i >= count) continue;
    const r = Math.floor(i / columns);
    ranges.push([r, r]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of ranges) {
    const top = merged[merged.length - 1];
    if (top && a <= top[1] + 1) top[1] = Math.max(top[1], b);
    else merged.push([a, b]);
  }
  const parts: WindowPart[] = [];
  let row = 0;
  for (const [a, b] of merged) {
    if (a > row) parts.push({ kind: 'spacer', rows: a - row });
    parts.push({ kind: 'chips', from: a * columns, to: Math.min(count, (b + 1) * columns) });
    row = b + 1;
  }
  if (row < rows) parts.push({ kind: 'spacer', rows: rows - row });
  return parts;
}

/** Height of a spacer for `rows` skipped rows: the rows and their gaps, less the grid gap after the spacer. */
export const spacerHeight = (rows: number) => rows * (ROW_PX + GAP_PX) - GAP_PX;
