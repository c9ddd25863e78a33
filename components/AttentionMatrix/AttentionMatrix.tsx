import { type JSX, type KeyboardEvent, type MouseEvent, useId, useMemo } from 'react';
import { AttentionMatrixCanvas } from './AttentionMatrixCanvas';
import { AttentionTable } from './AttentionTable';
import {
  formatTick,
  legendPosition,
  legendStops,
  legendTicks,
  MASKED_FILL,
  MASKED_STROKE,
  textColorOn,
  weightColorScale,
} from './colorScale';
import { topKeys } from './topKeys';
import { intentForKey, type MatrixCell, type MatrixFocusState, useMatrixFocus } from './useMatrixFocus';
import './AttentionMatrix.css';

export interface AttentionMatrixProps {
  /** Attention weights of one head, shape [T (query) × T (key)], row-major: row i holds query i's weights. */
  weights: Float32Array | readonly number[];
  /** Token labels, length T (query i and key i are the same token). */
  tokens: readonly string[];
  /** Accessible name, e.g. "Head 1 attention". */
  label: string;
  /** Shade the masked upper triangle (key j > query i) as "not visible to this query". @default true */
  causal?: boolean;
  /** Colour scale: 'log' separates small weights. @default 'linear' */
  colorScale?: 'linear' | 'log';
  /** Side length of the square plot in CSS px (labels and legend add to it). @default 420 */
  size?: number;
  /** Largest T drawn as SVG cells with labels; above it the cells go on a canvas. @default 64 */
  svgMaxTokens?: number;
  /** Controlled locked query row (null = none). Leave undefined to let the component keep it. */
  lockedRow?: number | null;
  /** Called when the user locks or unlocks a query row (click, Enter, Escape). */
  onLockedRowChange?: (row: number | null) => void;
  /** Called when the highlighted (locked, hovered or keyboard-focused) query row changes, to link other views. */
  onActiveRowChange?: (row: number | null) => void;
}

export const ATTENTION_MATRIX_HINT =
  'Arrow keys move between cells, Home/End jump to the first/last query, Enter locks the query row, Escape unlocks.';

// bounds
const MAX_LABEL_CHARS = 8;
const LABEL_CHAR_PX = 6.8; // 11px monospace
const RIGHT_MARGIN = 36; // room for the last rotated key label
const LEGEND_GAP = 14;
const LEGEND_MAX_WIDTH = 260;
const OUTLINE = '#1d2330';
const ROW_OUTLINE = '#d35400';

const formatWeight = (w: number) => (w >= 0.01 || w === 0 ? w.toFixed(2) : w.toExponential(1));
const shortLabel = (s: string) => (s.length > MAX_LABEL_CHARS ? `${s.slice(0, MAX_LABEL_CHARS - 1)}…` : s);
const quoted = (tokens: readonly string[], i: number) => `${i} “${tokens[i]}”`;

/** The staircase outline of the upper triangle (key > query), for hatching it over the canvas. */
function upperTrianglePath(T: number, cell: number): string {
  const points = [`M${cell},0`, `H${T * cell}`, `V${(T - 1) * cell}`];
  for (let k = T - 1; k >= 1; k--) points.push(`H${k * cell}`, `V${(k - 1) * cell}`);
  return `${points.join('')}Z`;
}

/** The live readout: the inspected cell, then the highlighted row's three largest keys. */
function readoutLines(
  weights: Float32Array | readonly number[],
  tokens: readonly string[],
  state: MatrixFocusState,
  row: number | null,
  causal: boolean,
): [string, string] {
  const T = tokens.length;
  if (row === null) return ['Hover a cell or focus the matrix to inspect a query row.', ''];
  const { active, lockedRow } = state;
  const cellLine = active
    ? `Query ${quoted(tokens, active.row)} → key ${quoted(tokens, active.col)}: ${
        causal && active.col > active.row
          ? 'masked (the key comes after the query)'
          : formatWeight(weights[active.row * T + active.col])
      }`
    : `Query ${quoted(tokens, row)}`;
  const top = topKeys(weights, T, row, 3)
    .map((k) => `${quoted(tokens, k.key)} ${formatWeight(k.weight)}`)
    .join(', ');
  const lock = lockedRow !== null ? ` Query ${lockedRow} is locked; Escape unlocks.` : '';
  return [cellLine, `Top keys of query ${row}: ${top || 'none'}.${lock}`];
}

/**
 * A heatmap of one attention head: row i shows how query i spreads its attention over keys 0…T−1. Hover or
 * arrow-key to inspect a cell, click or Enter to lock a query row. SVG cells up to `svgMaxTokens`, one canvas
 * bitmap beyond (T = 1024 draws in milliseconds). A table of the weights is the text alternative.
 */
export function AttentionMatrix({
  weights,
  tokens,
  label,
  causal = true,
  colorScale = 'linear',
  size = 420,
  svgMaxTokens = 64,
  lockedRow,
  onLockedRowChange,
  onActiveRowChange,
}: AttentionMatrixProps): JSX.Element {
  const T = tokens.length;
  const valid = T > 0 && weights.length === T * T;
  const hintId = useId();
  const gradientId = useId();
  const hatchId = useId();
  const { state, row, dispatch } = useMatrixFocus({
    size: valid ? T : 0,
    causal,
    lockedRow,
    onLockedRowChange,
    onActiveRowChange,
  });

  // scales
  const color = useMemo(() => weightColorScale(colorScale), [colorScale]);
  const cell = size / Math.max(T, 1);
  const useSvgCells = T <= svgMaxTokens;
  const labelEvery = Math.max(1, Math.ceil(12 / cell));
  const longestLabel = tokens.reduce((n, t) => Math.max(n, Math.min(t.length, MAX_LABEL_CHARS)), 1);
  const labelPx = Math.ceil((longestLabel + String(Math.max(T - 1, 0)).length + 1) * LABEL_CHAR_PX);
  const plotLeft = 24 + labelPx;
  const plotTop = 24 + Math.ceil(labelPx * Math.sin(Math.PI / 3));

  const cells = useMemo(() => {
    if (!valid || !useSvgCells) return null;
    const rects: JSX.Element[] = [];
    const values: JSX.Element[] = [];
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        const masked = causal && j > i;
        const w = weights[i * T + j];
        rects.push(
          <rect
            key={`${i}-${j}`}
            data-row={i}
            data-col={j}
            data-weight={masked ? undefined : w}
            x={j * cell}
            y={i * cell}
            width={cell}
            height={cell}
            fill={masked ? `url(#${hatchId})` : color(w)}
          />,
        );
        if (!masked && cell >= 26) {
          values.push(
            <text
              key={`v${i}-${j}`}
              x={(j + 0.5) * cell}
              y={(i + 0.5) * cell}
              dy="0.35em"
              textAnchor="middle"
              className="ba-attention-matrix__cell-value"
              fill={textColorOn(color(w))}
            >
              {w.toFixed(2).replace(/^0/, '')}
            </text>,
          );
        }
      }
    }
    return { rects, values };
  }, [valid, useSvgCells, weights, T, causal, cell, color, hatchId]);

  const labels = useMemo(
    () =>
      tokens.map((t, i) =>
        i % labelEvery === 0 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: labels are identified by position
          <g key={i}>
            <text
              x={-6}
              y={(i + 0.5) * cell}
              dy="0.35em"
              textAnchor="end"
              className="ba-attention-matrix__label"
            >
              {shortLabel(t)} <tspan className="ba-attention-matrix__index">{i}</tspan>
            </text>
            <text
              transform={`translate(${(i + 0.5) * cell}, -6) rotate(-60)`}
              dy="0.35em"
              className="ba-attention-matrix__label"
            >
              {shortLabel(t)} <tspan className="ba-attention-matrix__index">{i}</tspan>
            </text>
          </g>
        ) : null,
      ),
    [tokens, labelEvery, cell],
  );

  const maskPath = useMemo(
    () => (causal && !useSvgCells && T > 1 ? upperTrianglePath(T, cell) : null),
    [causal, useSvgCells, T, cell],
  );

  if (!valid) {
    return (
      <div className="ba-attention-matrix" data-testid="attention-matrix" role="alert">
        {T === 0
          ? `Cannot draw “${label}”: there are no tokens.`
          : `Cannot draw “${label}”: ${T} tokens need ${T} × ${T} = ${T * T} weights, got ${weights.length}.`}
      </div>
    );
  }

  // interaction
  const cellAt = (event: MouseEvent<SVGGElement>): MatrixCell => {
    const target = event.target as Element;
    const r = target.getAttribute('data-row');
    const c = target.getAttribute('data-col');
    if (r !== null && c !== null) return { row: Number(r), col: Number(c) };
    const box = event.currentTarget.getBoundingClientRect();
    return {
      row: Math.floor(((event.clientY - box.top) / box.height) * T),
      col: Math.floor(((event.clientX - box.left) / box.width) * T),
    };
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const intent = intentForKey(event.key);
    if (!intent || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    dispatch(intent);
  };

  const { active } = state;
  const [cellLine, rowLine] = readoutLines(weights, tokens, state, row, causal);
  const legendWidth = Math.min(size, LEGEND_MAX_WIDTH);
  const legendX = legendPosition(colorScale, legendWidth);
  const legendHeight = causal ? 74 : 54;
  const width = plotLeft + size + RIGHT_MARGIN;
  const height = plotTop + size + LEGEND_GAP + legendHeight;

  return (
    <div
      className="ba-attention-matrix"
      data-testid="attention-matrix"
      data-locked-row={state.lockedRow ?? ''}
      data-active-row={row ?? ''}
      data-render-mode={useSvgCells ? 'svg' : 'canvas'}
    >
      <div
        className="ba-attention-matrix__plot"
        // "application": the widget handles the arrow keys itself (screen readers pass them through instead of
        // browsing); a roving tab order over T² cells would be unusable. The readout below is its live text.
        role="application"
        aria-roledescription="attention matrix"
        aria-label={`${label}: ${T} queries × ${T} keys`}
        aria-describedby={hintId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application" is a focusable widget with its own keys
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => dispatch({ type: 'focus' })}
        onBlur={() => dispatch({ type: 'leave' })}
        style={{ width, height }}
      >
        {!useSvgCells && (
          <AttentionMatrixCanvas
            weights={weights}
            size={T}
            causal={causal}
            mode={colorScale}
            style={{ left: plotLeft, top: plotTop, width: size, height: size }}
          />
        )}
        <svg width={width} height={height} aria-hidden="true" className="ba-attention-matrix__svg">
          <defs>
            <pattern
              id={hatchId}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill={MASKED_FILL} />
              <line x1="0" y1="0" x2="0" y2="6" stroke={MASKED_STROKE} strokeWidth="2" />
            </pattern>
            <linearGradient id={gradientId}>
              {legendStops(colorScale).map((s) => (
                <stop key={s.offset} offset={`${s.offset * 100}%`} stopColor={s.color} />
              ))}
            </linearGradient>
          </defs>
          <text
            x={plotLeft + size / 2}
            y={12}
            className="ba-attention-matrix__axis-title"
            textAnchor="middle"
          >
            key (attended to) →
          </text>
          <text
            transform={`translate(12, ${plotTop + size / 2}) rotate(-90)`}
            className="ba-attention-matrix__axis-title"
            textAnchor="middle"
          >
            ← query (attending)
          </text>
          <g transform={`translate(${plotLeft}, ${plotTop})`}>
            {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer twin of the keys handled by the focusable container */}
            <g
              style={{ cursor: 'crosshair' }}
              onPointerMove={(e) => dispatch({ type: 'hover', ...cellAt(e) })}
              onPointerLeave={() => dispatch({ type: 'leave' })}
              onClick={(e) => dispatch({ type: 'toggleLock', row: cellAt(e).row })}
            >
              {cells?.rects}
              {maskPath && <path d={maskPath} fill={`url(#${hatchId})`} />}
              {!useSvgCells && <rect className="ba-attention-matrix__hit-area" width={size} height={size} />}
            </g>
            <g pointerEvents="none">
              {cells?.values}
              <rect width={size} height={size} fill="none" stroke="#6b7280" strokeWidth={1} />
              {labels}
              {active && (
                <rect
                  x={active.col * cell}
                  y={0}
                  width={cell}
                  height={size}
                  fill="none"
                  stroke={OUTLINE}
                  strokeWidth={1}
                  strokeDasharray="4 3"
                />
              )}
              {row !== null && (
                <rect
                  x={0}
                  y={row * cell}
                  width={size}
                  height={cell}
                  fill="none"
                  stroke="#ffffff"
                  strokeWidth={5}
                />
              )}
              {row !== null && (
                <rect
                  className="ba-attention-matrix__row-outline"
                  x={0}
                  y={row * cell}
                  width={size}
                  height={cell}
                  data-locked={state.lockedRow !== null}
                  stroke={ROW_OUTLINE}
                />
              )}
              {active && (
                <>
                  <rect
                    x={active.col * cell}
                    y={active.row * cell}
                    width={cell}
                    height={cell}
                    fill="none"
                    stroke="#ffffff"
                    strokeWidth={4}
                  />
                  <rect
                    x={active.col * cell}
                    y={active.row * cell}
                    width={cell}
                    height={cell}
                    fill="none"
                    stroke={OUTLINE}
                    strokeWidth={2}
                  />
                </>
              )}
            </g>
          </g>
          <g transform={`translate(${plotLeft}, ${plotTop + size + LEGEND_GAP})`}>
            <rect
              width={legendWidth}
              height={10}
              fill={`url(#${gradientId})`}
              stroke="#6b7280"
              strokeWidth={0.5}
            />
            {legendTicks(colorScale).map((tick) => (
              <g key={tick} transform={`translate(${legendX(tick)}, 10)`}>
                <line y2={4} stroke="#4a5263" />
                <text y={16} textAnchor="middle" className="ba-attention-matrix__label">
                  {formatTick(colorScale, tick)}
                </text>
              </g>
            ))}
            <text y={44} className="ba-attention-matrix__axis-title">
              attention weight ({colorScale} scale)
            </text>
            {causal && (
              <g transform="translate(0, 54)">
                <rect width={14} height={14} fill={`url(#${hatchId})`} stroke="#6b7280" strokeWidth={0.5} />
                <text x={20} y={7} dy="0.35em" className="ba-attention-matrix__axis-title">
                  hatched: masked, the key comes after the query
                </text>
              </g>
            )}
          </g>
        </svg>
      </div>
      <p id={hintId} className="ba-attention-matrix__hint">
        {ATTENTION_MATRIX_HINT}
      </p>
      <p className="ba-attention-matrix__readout" aria-live="polite" aria-atomic="true">
        {cellLine}
        {rowLine && (
          <>
            <br />
            {rowLine}
          </>
        )}
      </p>
      <AttentionTable weights={weights} tokens={tokens} label={label} causal={causal} />
    </div>
  );
}
