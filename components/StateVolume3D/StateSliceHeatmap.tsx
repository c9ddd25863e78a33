import { NON_FINITE_COLOR } from '../shared/palette';

export interface StateSliceHeatmapProps {
  /** The whole state tensor [steps, rows, cols], row-major. */
  states: Float32Array | readonly number[];
  /** The slice drawn. */
  step: number;
  rows: number;
  cols: number;
  /** Value → colour. */
  color: (v: number) => string;
  /** Largest side of the heatmap in px. */
  size: number;
  /** Names of the row and column axes. */
  rowLabel: string;
  colLabel: string;
}

/** The 2D fallback of StateVolume3D: one time slice as an SVG heatmap (grey cells are NaN/±∞). */
export function StateSliceHeatmap({
  states,
  step,
  rows,
  cols,
  color,
  size,
  rowLabel,
  colLabel,
}: StateSliceHeatmapProps) {
  const cell = size / Math.max(rows, cols);
  const left = 30;
  const top = 24;
  const offset = step * rows * cols;
  const cells = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = states[offset + r * cols + c];
      cells.push(
        <rect
          key={`${r}-${c}`}
          x={c * cell}
          y={r * cell}
          width={cell}
          height={cell}
          fill={Number.isFinite(v) ? color(v) : NON_FINITE_COLOR}
        />,
      );
    }
  }
  return (
    <svg
      width={left + cols * cell + 8}
      height={top + rows * cell + 8}
      aria-hidden="true"
      className="ba-state-volume__heatmap"
    >
      <text x={left} y={12} fontSize={11} fill="currentColor">
        {colLabel} →
      </text>
      <text
        transform={`translate(12, ${top + (rows * cell) / 2}) rotate(-90)`}
        fontSize={11}
        fill="currentColor"
        textAnchor="middle"
      >
        ← {rowLabel}
      </text>
      <g transform={`translate(${left}, ${top})`}>
        {cells}
        <rect width={cols * cell} height={rows * cell} fill="none" stroke="#6b7280" />
      </g>
    </svg>
  );
}
