import { interpolateViridis } from 'd3';
import { type JSX, type KeyboardEvent, type PointerEvent, useId, useMemo, useState } from 'react';
import { formatNumber } from '../shared/format';
import { SeriesChart } from '../shared/SeriesChart';
import { retentionCurve, retentionDrop } from './retentionCurve';
import { StripCanvas } from './StripCanvas';
import { channelMeans, finiteExtent, rowHeight, tokenAt, tokenForKey } from './stripLayout';
import './GateStrips.css';

/** One gate's values per token and channel. */
export interface GateStrip {
  /** Stable identity, e.g. "mamba-delta". */
  id: string;
  /** Name shown above the strip, e.g. "Mamba Δ (step size)". */
  label: string;
  /** Values [T, channels], row-major (token-major, as the engine's traces). */
  values: ArrayLike<number>;
  /** Number of channels (rows of the strip). */
  channels: number;
  /** Colour domain; otherwise the strip's finite range. */
  domain?: [number, number];
}

/** Per-step decays a_t ∈ [0, 1] of the recurrence h_t = a_t ⊙ h_{t−1} + …, for the retention curve. */
export interface GateDecays {
  /** What the decays are, e.g. "RG-LRU a_t" or "Mamba exp(Δ_t·A), all states". */
  label: string;
  /** Decays [T, channels], row-major. */
  values: ArrayLike<number>;
  /** Number of channels. */
  channels: number;
}

export interface GateStripsProps {
  /** Token labels, length T. */
  tokens: readonly string[];
  /** The gate strips to draw, top to bottom. */
  strips: readonly GateStrip[];
  /** Decays for the retention curve of the selected token; no curve without them. */
  decays?: GateDecays;
  /** Controlled selected token (the retention curve's source s). Leave undefined to let the component keep it. */
  selectedToken?: number;
  /** Called when the user selects another token (click, arrow keys). */
  onSelectedTokenChange?: (token: number) => void;
  /** Width of the strips in CSS px. @default 640 */
  width?: number;
}

export const GATE_STRIPS_HINT =
  'Click a token, or focus the strips and use ←/→ (PageUp/PageDown by 10, Home/End) to choose the token whose retention is plotted.';

/** Room right of the strips for the last rotated token label. */
const AXIS_OVERHANG = 48;

interface Hover {
  strip: number;
  token: number;
  channel: number;
}

/**
 * Gate and step-size strips (Mamba Δ, RG-LRU r/i/a, GLA α): one channels × tokens heatmap per gate, viridis
 * over each strip's own range, NaN/∞ hatched. Pick a token (click or arrow keys) to plot its retention curve —
 * how much of what it wrote survives at each later step, the product of the decays since.
 */
export function GateStrips({
  tokens,
  strips,
  decays,
  selectedToken,
  onSelectedTokenChange,
  width = 640,
}: GateStripsProps): JSX.Element {
  const T = tokens.length;
  const hintId = useId();
  const [ownSelected, setOwnSelected] = useState(0);
  const [hover, setHover] = useState<Hover | null>(null);
  const selected = Math.min(Math.max(0, selectedToken ?? ownSelected), Math.max(0, T - 1));
  const select = (t: number) => {
    if (selectedToken === undefined) setOwnSelected(t);
    if (t !== selected) onSelectedTokenChange?.(t);
  };

  const prepared = useMemo(
    () =>
      strips.map((s) => {
        const valid = s.channels >= 1 && s.values.length === T * s.channels;
        const extent = valid ? (s.domain ?? finiteExtent(s.values)) : null;
        return { ...s, valid, extent, rowPx: rowHeight(s.channels) };
      }),
    [strips, T],
  );
  const decaysValid =
    decays !== undefined && decays.channels >= 1 && decays.values.length === T * decays.channels;
  const curve = useMemo(
    () =>
      decays && decaysValid && T > 0 ? retentionCurve(decays.values, T, decays.channels, selected) : null,
    [decays, decaysValid, T, selected],
  );

  if (T === 0) {
    return (
      <div className="ba-gate-strips" data-testid="gate-strips" role="status">
        No tokens: the gate strips need a sequence of at least one token.
      </div>
    );
  }

  const cw = width / T;
  const labelEvery = Math.max(1, Math.ceil(30 / cw));
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = tokenForKey(e.key, selected, T);
    if (next === null || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    select(next);
  };
  const hoverAt = (e: PointerEvent<HTMLDivElement>, strip: number, channels: number, rowPx: number) => {
    const box = e.currentTarget.getBoundingClientRect();
    const token = tokenAt(e.clientX - box.left, box.width, T);
    const channel = Math.min(channels - 1, Math.max(0, Math.floor((e.clientY - box.top) / rowPx)));
    setHover({ strip, token, channel });
  };
  const quoted = (t: number) => `${t} “${tokens[t]}”`;
  const hovered = hover ? prepared[hover.strip] : null;
  const hoverLine =
    hover && hovered?.valid
      ? `Token ${quoted(hover.token)}, channel ${hover.channel}: ${hovered.label} = ${formatNumber(
          Number(hovered.values[hover.token * hovered.channels + hover.channel]),
        )}`
      : `Selected token ${quoted(selected)}.`;
  const half = curve ? retentionDrop(curve, selected, 0.5) : null;

  return (
    <div className="ba-gate-strips" data-testid="gate-strips" data-selected-token={selected}>
      <div
        className="ba-gate-strips__strips"
        role="slider"
        aria-label="Token whose retention is plotted"
        aria-valuemin={0}
        aria-valuemax={T - 1}
        aria-valuenow={selected}
        aria-valuetext={`token ${quoted(selected)}`}
        aria-describedby={hintId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ width: width + AXIS_OVERHANG }}
      >
        {prepared.map((s, i) => (
          <div key={s.id} className="ba-gate-strips__strip" data-strip={s.id}>
            <div className="ba-gate-strips__label">
              <span className="ba-gate-strips__name">{s.label}</span>
              <span className="ba-gate-strips__range">
                {s.valid
                  ? s.extent
                    ? `${s.channels} channels · ${formatNumber(s.extent[0])} … ${formatNumber(s.extent[1])}`
                    : 'no finite values'
                  : `cannot draw: ${T} tokens × ${s.channels} channels need ${T * s.channels} values, got ${s.values.length}`}
              </span>
            </div>
            {s.valid && (
              // biome-ignore lint/a11y/noStaticElementInteractions: the pointer twin of the slider's keys
              // biome-ignore lint/a11y/useKeyWithClickEvents: the slider that contains it handles the keys
              <div
                className="ba-gate-strips__plot"
                style={{ width, height: s.channels * s.rowPx }}
                onPointerMove={(e) => hoverAt(e, i, s.channels, s.rowPx)}
                onPointerLeave={() => setHover(null)}
                onClick={(e) => {
                  const box = e.currentTarget.getBoundingClientRect();
                  select(tokenAt(e.clientX - box.left, box.width, T));
                }}
                data-testid={`strip-${s.id}`}
              >
                <StripCanvas
                  values={s.values}
                  tokens={T}
                  channels={s.channels}
                  domain={s.extent ?? [0, 1]}
                  width={width}
                  rowPx={s.rowPx}
                />
                <svg
                  className="ba-gate-strips__overlay"
                  width={width}
                  height={s.channels * s.rowPx}
                  aria-hidden="true"
                >
                  {hover && hover.strip === i && (
                    <rect
                      x={hover.token * cw}
                      y={0}
                      width={Math.max(cw, 1)}
                      height={s.channels * s.rowPx}
                      className="ba-gate-strips__hover"
                    />
                  )}
                  <rect
                    x={selected * cw - 1}
                    y={1}
                    width={Math.max(cw, 1) + 2}
                    height={s.channels * s.rowPx - 2}
                    className="ba-gate-strips__selected"
                  />
                </svg>
              </div>
            )}
          </div>
        ))}
        <svg className="ba-gate-strips__axis" width={width + AXIS_OVERHANG} height={44} aria-hidden="true">
          {tokens.map((label, t) =>
            t % labelEvery === 0 || t === selected ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: tokens are identified by position
              <g key={t} transform={`translate(${(t + 0.5) * cw}, 4)`}>
                <line y2={4} className="ba-gate-strips__tick" />
                <text
                  transform="translate(0, 10) rotate(35)"
                  textAnchor="start"
                  dy="0.7em"
                  className={
                    t === selected
                      ? 'ba-gate-strips__token ba-gate-strips__token--selected'
                      : 'ba-gate-strips__token'
                  }
                >
                  {T <= 64 ? `${label.length > 6 ? `${label.slice(0, 5)}…` : label}` : t}
                </text>
              </g>
            ) : null,
          )}
        </svg>
      </div>
      <div className="ba-gate-strips__legend" aria-hidden="true">
        <span
          className="ba-gate-strips__ramp"
          style={{
            background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((v) => interpolateViridis(v)).join(', ')})`,
          }}
        />
        low → high (each strip over its own range)
        <span className="ba-gate-strips__nan-swatch" /> not a number / infinite
      </div>
      <p id={hintId} className="ba-gate-strips__hint">
        {GATE_STRIPS_HINT}
      </p>
      <p className="ba-gate-strips__readout" aria-live="polite" aria-atomic="true">
        {hoverLine}
      </p>
      {decays && !decaysValid && (
        <p role="alert" className="ba-gate-strips__problem">
          Cannot plot retention: {T} tokens × {decays.channels} channels need {T * decays.channels} decays,
          got {decays.values.length}.
        </p>
      )}
      {curve && decays && (
        <>
          <SeriesChart
            title={`Retention of token ${quoted(selected)}`}
            series={[
              {
                id: 'retention',
                name: decays.label,
                points: Array.from(curve, (y, t) => ({ x: t, y, label: `token “${tokens[t]}”` })).slice(
                  selected,
                ),
              },
            ]}
            xLabel="position t"
            yLabel="fraction retained"
            yDomain={[0, 1]}
            xDomain={T > 1 ? [0, T - 1] : undefined}
            width={width}
            height={220}
            description={`Mean over channels of the product of the decays from token ${selected} to t.`}
          />
          <p className="ba-gate-strips__summary" data-testid="retention-summary">
            {half === null
              ? `Token ${quoted(selected)} keeps more than half of its write until the end of the sequence (${formatNumber(curve[T - 1])} at t = ${T - 1}).`
              : `Token ${quoted(selected)} falls below half after ${half - selected} ${half - selected === 1 ? 'step' : 'steps'} (t = ${half}).`}
          </p>
        </>
      )}
      <details className="ba-gate-strips__table">
        <summary>Show channel means as a table</summary>
        <table>
          <caption>Mean over channels of each gate per token{T > 64 ? ' (first 64 tokens)' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">token</th>
              {prepared.map((s) => (
                <th key={s.id} scope="col">
                  {s.label}
                </th>
              ))}
              {curve && <th scope="col">retention of token {selected}</th>}
            </tr>
          </thead>
          <tbody>
            {(() => {
              const means = prepared.map((s) => (s.valid ? channelMeans(s.values, T, s.channels) : null));
              return tokens.slice(0, 64).map((label, t) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
                <tr key={t}>
                  <th scope="row">
                    {t} {label}
                  </th>
                  {means.map((m, i) => (
                    <td key={prepared[i].id}>{m ? formatNumber(m[t]) : '–'}</td>
                  ))}
                  {curve && <td>{t < selected ? '–' : formatNumber(curve[t])}</td>}
                </tr>
              ));
            })()}
          </tbody>
        </table>
      </details>
    </div>
  );
}
