import { type JSX, type KeyboardEvent, useId, useMemo, useState } from 'react';
import { OrbitView } from '../Scene3D/OrbitView';
import { ORBIT_HINT } from '../Scene3D/orbit';
import { countNonFinite } from '../Scene3D/planeTexture';
import { useView3d } from '../Scene3D/useView3d';
import { NON_FINITE_COLOR } from '../shared/palette';
import { maxAbsFinite, stateColor } from '../shared/stateColor';
import { StateSliceHeatmap } from './StateSliceHeatmap';
import { StateVolumeScene, volumeCenter } from './StateVolumeScene';
import { sliceNorms } from './sliceNorms';
import { sliceSteps, sliceStride } from './sliceSteps';
import './StateVolume3D.css';

export interface StateVolume3DProps {
  /** The state after every step, shape [steps, rows, cols], row-major (e.g. linear attention's S_t, d_k × d_v). */
  states: Float32Array | readonly number[];
  /** Rows of one state (e.g. the feature dimension d_k). */
  rows: number;
  /** Columns of one state (e.g. the value dimension d_v). */
  cols: number;
  /** The token read at each step, length = steps. */
  tokens: readonly string[];
  /** Accessible name of the view, e.g. "Linear attention state S_t". */
  label: string;
  /** Name of the row axis. @default 'row' */
  rowLabel?: string;
  /** Name of the column axis. @default 'column' */
  colLabel?: string;
  /** Controlled selected step (0-based); leave undefined to let the view keep it. */
  step?: number;
  /** Called when the user selects a step (slider, [ and ] keys, or a click on a slice). */
  onStepChange?: (step: number) => void;
  /** Opacity of the slices that are not selected, 0.05 … 1. @default 0.2 */
  opacity?: number;
  /** Depth of the whole volume along the time axis, in slice widths. @default 3 */
  depth?: number;
  /** Slowly spin the view until the first interaction; never under prefers-reduced-motion. @default false */
  autoRotate?: boolean;
  /** Always draw the 2D fallback (the selected slice as a heatmap), as when WebGL 2 is missing. */
  forceFallback?: boolean;
  /** Width of the 3D view in CSS px. @default 640 */
  width?: number;
  /** Height of the 3D view in CSS px. @default 420 */
  height?: number;
}

export const STATE_VOLUME_HINT = `${ORBIT_HINT} [ and ] (or Page Up / Page Down) step through time.`;

const fmt = (x: number) =>
  Number.isFinite(x)
    ? Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3)
      ? x.toExponential(2)
      : x.toFixed(3)
    : '—';

function shapeProblem(states: { length: number }, rows: number, cols: number, steps: number): string | null {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    return `a state needs at least 1 × 1 entries, got ${rows} × ${cols}`;
  }
  if (steps === 0) return 'there are no time steps';
  if (states.length !== steps * rows * cols) {
    return `${steps} steps × ${rows} × ${cols} need ${steps * rows * cols} values, got ${states.length}`;
  }
  return null;
}

/**
 * A recurrent state over time as a volume: the rows × cols state after each token is a slice, and the slices
 * are stacked along the time axis in WebGL (@react-three/fiber), coloured by a diverging colour-blind-safe
 * scale (the library's state palette, RdBu: blue < 0 < red, white at 0; shared/stateColor.ts). Select a step with the slider, [ and ], or a click; orbit with the arrow keys,
 * +/− and 0. Without WebGL 2 (or with `forceFallback`) the selected slice is drawn as a 2D heatmap; its values
 * are also a table.
 */
export function StateVolume3D({
  states,
  rows,
  cols,
  tokens,
  label,
  rowLabel = 'row',
  colLabel = 'column',
  step,
  onStepChange,
  opacity = 0.2,
  depth = 3,
  autoRotate = false,
  forceFallback = false,
  width = 640,
  height = 420,
}: StateVolume3DProps): JSX.Element {
  const steps = tokens.length;
  const problem = shapeProblem(states, rows, cols, steps);
  const ids = useId();
  const initialOrbit = useMemo(
    () => ({ azimuth: -40, elevation: 20, distance: 2.3 + 0.9 * Math.max(depth, 1) }),
    [depth],
  );
  const view = useView3d(initialOrbit, autoRotate, forceFallback);
  const { mode } = view;
  const target = useMemo(() => volumeCenter(steps, depth), [steps, depth]);
  const [inner, setInner] = useState(0);
  const maxAbs = useMemo(() => (problem ? 0 : maxAbsFinite(states)), [problem, states]);
  const color = useMemo(() => stateColor(maxAbs, 'linear'), [maxAbs]);
  const nonFinite = useMemo(() => (problem ? 0 : countNonFinite(states)), [problem, states]);

  if (problem) {
    return (
      <div className="ba-state-volume" data-testid="state-volume-3d" role="alert">
        Cannot draw “{label}”: {problem}.
      </div>
    );
  }

  const t = Math.min(steps - 1, Math.max(0, Math.floor(step ?? inner)));
  const select = (next: number) => {
    const s = Math.min(steps - 1, Math.max(0, next));
    setInner(s);
    onStepChange?.(s);
  };
  // [ and ] (Page Up / Down) step through time before the orbit keys
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const delta = e.key === ']' || e.key === 'PageDown' ? 1 : e.key === '[' || e.key === 'PageUp' ? -1 : 0;
    if (delta === 0 || e.altKey || e.ctrlKey || e.metaKey) return false;
    e.preventDefault();
    select(t + delta);
    return true;
  };
  const drawn = sliceSteps(steps, t);
  const thinned = drawn.length < steps;
  const norms = sliceNorms(states, t, rows * cols);
  const stepName = `step ${t} (“${tokens[t]}”)`;
  const readout = `State after ${stepName}: ‖S‖_F = ${fmt(norms.frobenius)}, max |S| = ${fmt(norms.maxAbs)}.`;
  const offset = t * rows * cols;

  return (
    <div className="ba-state-volume" data-testid="state-volume-3d" data-step={t} {...view.dataAttributes}>
      <div className="ba-state-volume__controls">
        <label htmlFor={`${ids}-step`}>
          Step {t} of {steps - 1}: “{tokens[t]}”
        </label>
        <input
          id={`${ids}-step`}
          type="range"
          min={0}
          max={steps - 1}
          value={t}
          disabled={steps === 1}
          onChange={(e) => select(Number(e.target.value))}
        />
      </div>
      {nonFinite > 0 && (
        <p className="ba-state-volume__notice" role="status">
          {nonFinite} value{nonFinite > 1 ? 's are' : ' is'} NaN or ±Infinity: drawn as grey cells, left out
          of the colour scale.
        </p>
      )}
      {mode === '3d' && (
        <>
          <OrbitView
            controls={view.controls}
            target={target}
            className="ba-state-volume__view"
            roleDescription="3D state volume"
            label={`${label}: ${steps} states of ${rows} × ${cols} stacked along time${thinned ? ` (${drawn.length} of them drawn)` : ''}. ${readout}`}
            describedBy={`${ids}-hint`}
            width={width}
            height={height}
            onKey={onKey}
            onError={view.onGlError}
          >
            <StateVolumeScene
              states={states}
              steps={steps}
              rows={rows}
              cols={cols}
              tokens={tokens}
              color={color}
              opacity={Math.min(1, Math.max(0.05, opacity))}
              depth={depth}
              step={t}
              drawn={drawn}
              onSelect={select}
            />
          </OrbitView>
          <p id={`${ids}-hint`} className="ba-state-volume__hint">
            {STATE_VOLUME_HINT} Each slice is the {rows} × {cols} state ({rowLabel} down, {colLabel} across)
            after reading the token at that step; time runs away from the viewer.
            {thinned &&
              ` With ${steps} steps the volume draws one slice every ${sliceStride(steps)} steps, the last one and the selected one (${drawn.length} slices), each at its place in time; the slider and [ ] still reach every step.`}
          </p>
        </>
      )}
      {mode === 'probing' && <p className="ba-state-volume__notice">Checking for WebGL 2…</p>}
      {mode === '2d' && (
        <>
          <p className="ba-state-volume__notice" role="status">
            {view.fallbackReason}: showing the state after {stepName} as a 2D heatmap. Use the slider to step
            through time.
          </p>
          <StateSliceHeatmap
            states={states}
            step={t}
            rows={rows}
            cols={cols}
            color={color}
            size={Math.min(360, width)}
            rowLabel={rowLabel}
            colLabel={colLabel}
          />
        </>
      )}
      <div className="ba-state-volume__legend" aria-hidden="true">
        <span>{fmt(-maxAbs)}</span>
        <span
          className="ba-state-volume__ramp"
          style={{
            background: `linear-gradient(to right, ${color(-maxAbs)}, ${color(0)}, ${color(maxAbs)})`,
          }}
        />
        <span>{fmt(maxAbs)}</span>
        {nonFinite > 0 && (
          <>
            <span className="ba-state-volume__swatch" style={{ background: NON_FINITE_COLOR }} /> NaN / ±∞
          </>
        )}
      </div>
      <p className="ba-state-volume__readout" aria-live="polite" aria-atomic="true">
        {readout}
        {view.readout}
      </p>
      <details className="ba-state-volume__table">
        <summary>Show the selected state as a table</summary>
        <table>
          <caption>
            {label} after {stepName}: row = {rowLabel}, column = {colLabel}; colour scale ±{fmt(maxAbs)}
          </caption>
          <thead>
            <tr>
              <th scope="col">
                {rowLabel} \ {colLabel}
              </th>
              {Array.from({ length: cols }, (_, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
              <tr key={r}>
                <th scope="row">{r}</th>
                {Array.from({ length: cols }, (_, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions
                  <td key={c}>{fmt(states[offset + r * cols + c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
