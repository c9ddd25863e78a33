import { type KeyboardEvent, type MouseEvent, useEffect, useId, useMemo, useReducer, useRef } from 'react';
import { AttentionMatrixCanvas } from './AttentionMatrixCanvas';
import { AttentionTable } from './AttentionTable';
import { legendTicks, textColorOn, weightColorScale } from './colorScale';
import {
  highlightedRow,
  type MatrixFocusIntent,
  type MatrixFocusState,
  reduceMatrixFocus,
} from './matrixFocus';
import { topKeys } from './topKeys';
import './AttentionMatrix.css';

export interface AttentionMatrixProps {
  /** Attention weights of one head, shape [T (query) × T (key)], row-major: row i holds query i's weights. */
  weights: Float32Array | readonly number[];
  /** Token labels, length T (query i and key i are the same token). */
  tokens: readonly string[];
  /** Accessible name, e.g. "Head 1 attention". */
  label: string;
  /** Shade the masked upper triangle (key after query) as "not visible to this query". */
  causal?: boolean;
  /** Colour scale: 'log' separates small weights. */
  colorScale?: 'linear' | 'log';
  /** Side length of the square plot in CSS pixels (labels and legend add to it). */
  size?: number;
  /** Largest T drawn as SVG cells (with labels); above it the cells are drawn on a canvas. */
  svgMaxTokens?: number;
  /** Controlled locked query row (null = none). Leave undefined to let the component keep it. */
  lockedRow?: number | null;
  /** Called when the user locks or unlocks a query row (click, Enter/Space, Escape). */
  onLockedRowChange?: (row: number | null) => void;
  /** Called when the highlighted query row changes (hover, keyboard or lock), to link other views. */
  onActiveRowChange?: (row: number | null) => void;
}

const LABEL_SPACE = 76;
const LEGEND_HEIGHT = 58;
const HINT =
  'Arrow keys move between cells, Home and End jump to the first and last query, Enter or Space locks the query row, Escape unlocks.';

const formatWeight = (w: number) => (w >= 0.01 || w === 0 ? w.toFixed(2) : w.toExponential(1));
const shortLabel = (s: string, max = 8) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * A heatmap of one attention head: row i shows how query i distributes its attention over keys 0…T−1.
 * Hover or arrow-key to inspect a cell, click or Enter to lock a query row. SVG up to `svgMaxTokens`, canvas
 * beyond (T up to 1024). A table of the weights is the text alternative.
 */
export function AttentionMatrix({
  weights,
  tokens,
  label,
  causal = true,
  colorScale = 'linear',
  size = 420,
  svgMaxTokens = 64,
  lockedRow: controlledLockedRow,
  onLockedRowChange,
  onActiveRowChange,
}: AttentionMatrixProps) {
  const T = tokens.length;
  const hintId = useId();
  const gradientId = useId();
  const hatchId = useId();
  const isControlled = controlledLockedRow !== undefined;
  const [internal, dispatchInternal] = useReducer(
    (state: MatrixFocusState, intent: MatrixFocusIntent) =>
      reduceMatrixFocus(state, intent, { size: T, causal }),
    { active: null, lockedRow: null },
  );
  const state: MatrixFocusState = isControlled ? { ...internal, lockedRow: controlledLockedRow } : internal;
  const color = useMemo(() => weightColorScale(colorScale), [colorScale]);
  const valid = weights.length === T * T && T > 0;

  const dispatch = (intent: MatrixFocusIntent) => {
    const next = reduceMatrixFocus(state, intent, { size: T, causal });
    dispatchInternal(
      isControlled ? { type: 'hover', row: next.active?.row ?? 0, col: next.active?.col ?? 0 } : intent,
    );
    if (isControlled && next.active === null) dispatchInternal({ type: 'leave' });
    if (next.lockedRow !== state.lockedRow) onLockedRowChange?.(next.lockedRow);
  };

  const row = valid ? highlightedRow(state) : null;
  const lastReported = useRef<number | null>(null);
  useEffect(() => {
    if (lastReported.current === row) return;
    lastReported.current = row;
    onActiveRowChange?.(row);
  }, [row, onActiveRowChange]);

  if (!valid) {
    return (
      <div className="ba-attention-matrix" data-testid="attention-matrix" role="alert">
        Cannot draw “{label}”: expected {T} × {T} = {T * T} weights for {T} tokens, got {weights.length}.
      </div>
    );
  }

  const cell = size / T;
  const useSvgCells = T <= svgMaxTokens;
  const labelEvery = Math.max(1, Math.ceil(12 / cell));
  const weightAt = (i: number, j: number) => weights[i * T + j];
  const active = state.active;

  const cellFromPointer = (event: MouseEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const col = Math.floor(((event.clientX - box.left) / box.width) * T);
    const r = Math.floor(((event.clientY - box.top) / box.height) * T);
    return { row: Math.min(T - 1, Math.max(0, r)), col: Math.min(T - 1, Math.max(0, col)) };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const intents: Record<string, MatrixFocusIntent> = {
      ArrowUp: { type: 'move', dRow: -1, dCol: 0 },
      ArrowDown: { type: 'move', dRow: 1, dCol: 0 },
      ArrowLeft: { type: 'move', dRow: 0, dCol: -1 },
      ArrowRight: { type: 'move', dRow: 0, dCol: 1 },
      Home: { type: 'firstRow' },
      End: { type: 'lastRow' },
      Enter: { type: 'toggleLock' },
      ' ': { type: 'toggleLock' },
      Escape: { type: 'unlock' },
    };
    const intent = intents[event.key];
    if (!intent) return;
    event.preventDefault();
    dispatch(intent);
  };

  const readout = (() => {
    if (row === null) return 'Hover or focus the matrix to inspect a query row.';
    const top = topKeys(weights, T, row, 3)
      .map((k) => `${k.key} “${tokens[k.key]}” ${formatWeight(k.weight)}`)
      .join(', ');
    const cellText =
      active && active.row === row
        ? `Query ${row} “${tokens[row]}” → key ${active.col} “${tokens[active.col]}”: ${formatWeight(weightAt(row, active.col))}. `
        : `Query ${row} “${tokens[row]}”. `;
    return `${cellText}Top keys: ${top}.${state.lockedRow !== null ? ' (row locked)' : ''}`;
  })();

  const plotLeft = LABEL_SPACE;
  const plotTop = LABEL_SPACE;
  const width = plotLeft + size + 8;
  const height = plotTop + size + LEGEND_HEIGHT;
  const ticks = legendTicks(colorScale);
  const legendWidth = Math.min(size, 260);

  return (
    <figure
      className="ba-attention-matrix"
      data-testid="attention-matrix"
      data-locked-row={state.lockedRow ?? ''}
      data-active-row={row ?? ''}
      data-render-mode={useSvgCells ? 'svg' : 'canvas'}
    >
      <div
        className="ba-attention-matrix__plot"
        // "application": the widget handles arrow keys itself (a 2-D grid of T² cells is too big for a roving tab
        // order); the readout below is its live text and the table its static alternative.
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
              <rect width="6" height="6" fill="#eceef2" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#b9bec9" strokeWidth="2" />
            </pattern>
            <linearGradient id={gradientId}>
              {Array.from({ length: 11 }, (_, s) => {
                const t = s / 10;
                const w = colorScale === 'log' ? 10 ** (-4 + 4 * t) : t;
                return <stop key={t} offset={`${t * 100}%`} stopColor={color(w)} />;
              })}
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
            {useSvgCells &&
              tokens.map((_, i) =>
                tokens.map((_, j) => {
                  const masked = causal && j > i;
                  const w = weightAt(i, j);
                  return (
                    <rect
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are identified by position
                      key={`${i}-${j}`}
                      data-row={i}
                      data-col={j}
                      data-weight={masked ? undefined : w}
                      x={j * cell}
                      y={i * cell}
                      width={cell}
                      height={cell}
                      fill={masked ? `url(#${hatchId})` : color(w)}
                    />
                  );
                }),
              )}
            {useSvgCells &&
              cell >= 26 &&
              tokens.map((_, i) =>
                tokens.map((_, j) =>
                  causal && j > i ? null : (
                    <text
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells are identified by position
                      key={`t${i}-${j}`}
                      x={(j + 0.5) * cell}
                      y={(i + 0.5) * cell}
                      dy="0.35em"
                      textAnchor="middle"
                      className="ba-attention-matrix__cell-value"
                      fill={textColorOn(color(weightAt(i, j)))}
                    >
                      {weightAt(i, j).toFixed(2).replace(/^0/, '')}
                    </text>
                  ),
                ),
              )}
            {tokens.map((t, i) =>
              i % labelEvery === 0 ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: labels are identified by position
                <g key={`l${i}`}>
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
            )}
            {row !== null && (
              <rect
                className="ba-attention-matrix__row-outline"
                x={0}
                y={row * cell}
                width={size}
                height={cell}
                data-locked={state.lockedRow !== null}
              />
            )}
            {active && (
              <rect
                className="ba-attention-matrix__cell-outline"
                x={active.col * cell}
                y={active.row * cell}
                width={cell}
                height={cell}
              />
            )}
            {/* biome-ignore lint/a11y/noStaticElementInteractions: pointer twin of the keyboard handling on the focusable container */}
            <rect
              className="ba-attention-matrix__hit-area"
              width={size}
              height={size}
              onPointerMove={(e) => dispatch({ type: 'hover', ...cellFromPointer(e) })}
              onPointerLeave={() => dispatch({ type: 'leave' })}
              onClick={(e) => dispatch({ type: 'toggleLock', row: cellFromPointer(e).row })}
            />
          </g>
          <g transform={`translate(${plotLeft}, ${plotTop + size + 12})`}>
            <rect
              width={legendWidth}
              height={10}
              fill={`url(#${gradientId})`}
              stroke="#6b7280"
              strokeWidth={0.5}
            />
            {ticks.map((tick, k) => {
              const x = (k / (ticks.length - 1)) * legendWidth;
              return (
                <g key={tick} transform={`translate(${x}, 10)`}>
                  <line y2={4} stroke="#4a5263" />
                  <text y={16} textAnchor="middle" className="ba-attention-matrix__label">
                    {colorScale === 'log' ? `1e${Math.round(Math.log10(tick))}` : tick}
                  </text>
                </g>
              );
            })}
            <text y={42} className="ba-attention-matrix__label">
              weight ({colorScale}){causal ? ' · hatched: future, masked' : ''}
            </text>
          </g>
        </svg>
      </div>
      <p id={hintId} className="ba-attention-matrix__hint">
        {HINT}
      </p>
      <figcaption className="ba-attention-matrix__readout" aria-live="polite">
        {readout}
      </figcaption>
      <AttentionTable weights={weights} tokens={tokens} label={label} causal={causal} />
    </figure>
  );
}
