import { type JSX, useEffect, useMemo, useRef } from 'react';
import { NON_FINITE_COLOR } from '../shared/palette';
import { paletteLut } from '../shared/stateColor';

export interface StateMatrixProps {
  /** The state at the scrubbed step, [rows × cols] row-major. */
  matrix: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Value → palette position in [0, 1] (NaN for non-finite). */
  position: (v: number) => number;
  /** Value → CSS colour. */
  color: (v: number) => string;
  /** Side of the larger dimension in CSS px. */
  size: number;
  /** Most cells drawn as SVG (hoverable cells); above, one canvas bitmap. */
  svgMaxCells: number;
  /** Row axis title. */
  rowLabel: string;
  /** Column axis title. */
  colLabel: string;
  /** The hovered cell, outlined. */
  active: { row: number; col: number } | null;
  /** Pointer over a cell, or null when it leaves. */
  onHover: (cell: { row: number; col: number } | null) => void;
}

const MARGIN = 30;

/** The rows × cols state matrix at one step (e.g. linear attention's d_k × d_v S_t). */
export function StateMatrix({
  matrix,
  rows,
  cols,
  position,
  color,
  size,
  svgMaxCells,
  rowLabel,
  colLabel,
  active,
  onHover,
}: StateMatrixProps): JSX.Element {
  // Square cells, unless the matrix is so elongated (e.g. 273 Taylor features × 32) that a side would fall
  // under a third of `size`; then that side is stretched to a third.
  const cell = size / Math.max(rows, cols);
  const w = Math.max(cols * cell, size / 3);
  const h = Math.max(rows * cell, size / 3);
  const cellW = w / cols;
  const cellH = h / rows;
  const useSvg = rows * cols <= svgMaxCells;
  const ref = useRef<HTMLCanvasElement>(null);
  const lut = useMemo(() => paletteLut(), []);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (useSvg || !ctx) return;
    const image = ctx.createImageData(cols, rows);
    const grey = [0x7a, 0x7a, 0x7a];
    for (let i = 0; i < rows * cols; i++) {
      const t = position(matrix[i]);
      const c = Number.isNaN(t) ? grey : lut[Math.round(t * 255)];
      image.data.set([c[0], c[1], c[2], 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
  }, [useSvg, matrix, rows, cols, position, lut]);

  const cells = useMemo(() => {
    if (!useSvg) return null;
    const out: JSX.Element[] = [];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const v = matrix[r * cols + c];
        out.push(
          <rect
            key={`${r}-${c}`}
            data-row={r}
            data-col={c}
            x={c * cellW}
            y={r * cellH}
            width={cellW}
            height={cellH}
            fill={Number.isFinite(v) ? color(v) : NON_FINITE_COLOR}
            onPointerEnter={() => onHover({ row: r, col: c })}
          />,
        );
      }
    return out;
  }, [useSvg, matrix, rows, cols, cellW, cellH, color, onHover]);

  return (
    <div className="ba-state-evolution__matrix" style={{ width: w + MARGIN + 4, height: h + MARGIN + 4 }}>
      {!useSvg && (
        <canvas
          ref={ref}
          width={cols}
          height={rows}
          data-testid="state-matrix-canvas"
          style={{ left: MARGIN, top: MARGIN, width: w, height: h }}
          onPointerMove={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            const c = Math.floor(((e.clientX - box.left) / box.width) * cols);
            const r = Math.floor(((e.clientY - box.top) / box.height) * rows);
            onHover(r >= 0 && r < rows && c >= 0 && c < cols ? { row: r, col: c } : null);
          }}
          onPointerLeave={() => onHover(null)}
        />
      )}
      <svg
        width={w + MARGIN + 4}
        height={h + MARGIN + 4}
        aria-hidden="true"
        style={useSvg ? undefined : { pointerEvents: 'none' }}
      >
        <text x={MARGIN + w / 2} y={11} textAnchor="middle" className="ba-state-evolution__axis-title">
          {colLabel} →
        </text>
        <text
          transform={`translate(11, ${MARGIN + h / 2}) rotate(-90)`}
          textAnchor="middle"
          className="ba-state-evolution__axis-title"
        >
          ← {rowLabel}
        </text>
        <g transform={`translate(${MARGIN}, ${MARGIN})`} onPointerLeave={() => onHover(null)}>
          {cells}
          <rect width={w} height={h} className="ba-state-evolution__frame" pointerEvents="none" />
          {active && (
            <rect
              x={active.col * cellW}
              y={active.row * cellH}
              width={cellW}
              height={cellH}
              className="ba-state-evolution__active-cell"
              pointerEvents="none"
            />
          )}
        </g>
      </svg>
    </div>
  );
}
