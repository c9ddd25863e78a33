import { type JSX, useCallback, useId, useMemo, useState } from 'react';
import { weightColorScale } from '../AttentionMatrix/colorScale';
import { formatValue } from '../shared/format';
import { NON_FINITE_COLOR } from '../shared/palette';
import {
  colorPosition,
  paletteAt,
  type StateColorMode,
  stateColor,
  stateLegendTicks,
} from '../shared/stateColor';
import { StateMatrix } from './StateMatrix';
import { StateTables } from './StateTables';
import { StepLineChart } from './StepLineChart';
import { stepForKey } from './scrubKeys';
import {
  countNonFinite,
  finiteMaxAbs,
  frobeniusNorms,
  memorySummary,
  probeProblems,
  retrievalCosines,
  type StateProbe,
  type StateShape,
  stateAt,
  stateShapeProblem,
} from './stateSeries';
import { TimeHeatmap } from './TimeHeatmap';
import './HiddenStateEvolution.css';

export interface HiddenStateEvolutionProps {
  /** State snapshots S_0 … S_{T−1}, row-major [T, rows, cols] (e.g. linear attention's S_t [T, d_k, d_v]). */
  states: Float32Array | Float64Array;
  /** [T, rows, cols] of `states`. */
  shape: StateShape;
  /** Token label of each step, length T. */
  tokens: readonly string[];
  /** Accessible name, e.g. "Linear attention state, head 0". */
  label: string;
  /** What a row of the state is. @default 'key feature φ(k)' */
  rowLabel?: string;
  /** What a column of the state is. @default 'value dim' */
  colLabel?: string;
  /** Stored key → value pairs to read back from the state at every step (associative-memory fill and interference). */
  probes?: readonly StateProbe[];
  /** The scrubbed step (controlled). Leave undefined to let the component keep it, from `defaultStep`. */
  step?: number;
  /** First scrubbed step when uncontrolled. @default the last step */
  defaultStep?: number;
  /** Called when the user scrubs to another step. */
  onStepChange?: (step: number) => void;
  /** Colour scale of the state values: 'symlog' keeps small entries visible next to huge ones. @default 'linear' */
  colorScale?: StateColorMode;
  /** Width of the time axis in CSS px (every time plot shares it). @default 520 */
  timeWidth?: number;
  /** Side of the state matrix view in CSS px. @default 240 */
  matrixSize?: number;
  /** Most cells of the state matrix drawn as SVG; above, one canvas bitmap. @default 1024 */
  svgMaxCells?: number;
}

const LEFT = 64;
const CHANNEL_HEIGHT = 160;

type Hover =
  | { kind: 'channel'; step: number; row: number }
  | { kind: 'matrix'; row: number; col: number }
  | { kind: 'probe'; step: number; row: number }
  | null;

const fmtCos = (c: number) => (Number.isFinite(c) ? c.toFixed(2).replace(/^-/, '−') : 'not finite');

/**
 * A recurrent model's state over time, with a time scrubber: every state entry as a channels × steps heatmap,
 * the d_k × d_v state matrix at the scrubbed step, its norm per step, and — given stored key → value probes —
 * how well the state still returns each value (associative-memory fill and interference).
 */
export function HiddenStateEvolution({
  states,
  shape,
  tokens,
  label,
  rowLabel = 'key feature φ(k)',
  colLabel = 'value dim',
  probes = [],
  step,
  defaultStep,
  onStepChange,
  colorScale = 'linear',
  timeWidth = 520,
  matrixSize = 240,
  svgMaxCells = 1024,
}: HiddenStateEvolutionProps): JSX.Element {
  const [T, rows, cols] = shape;
  const sliderId = useId();
  const hintId = useId();
  const problem = stateShapeProblem(states, shape, tokens) ?? (probeProblems(probes, shape)[0] || null);
  const [ownStep, setOwnStep] = useState(defaultStep ?? Math.max(0, T - 1));
  const current = Math.max(0, Math.min(T - 1, step ?? ownStep));
  const [hover, setHover] = useState<Hover>(null);

  const maxAbs = useMemo(() => finiteMaxAbs(states), [states]);
  const nonFinite = useMemo(() => countNonFinite(states), [states]);
  const norms = useMemo(
    () => (problem ? new Float64Array(0) : frobeniusNorms(states, shape)),
    [problem, states, shape],
  );
  const cosines = useMemo(
    () => (problem || probes.length === 0 ? new Float64Array(0) : retrievalCosines(states, shape, probes)),
    [problem, states, shape, probes],
  );
  const meanCosines = useMemo(
    () =>
      Float64Array.from(
        { length: probes.length ? T : 0 },
        (_, t) => memorySummary(cosines, probes, shape, t).meanCosine,
      ),
    [cosines, probes, shape, T],
  );
  const color = useMemo(() => stateColor(maxAbs, colorScale), [maxAbs, colorScale]);
  const position = useCallback((v: number) => colorPosition(v, maxAbs, colorScale), [maxAbs, colorScale]);
  const size = rows * cols;
  const channelAt = useCallback(
    (s: number, r: number) => position(states[s * size + r]),
    [position, states, size],
  );
  const viridis = useMemo(() => weightColorScale('linear'), []);
  const probeAt = useCallback(
    (s: number, r: number) => {
      if (s < probes[r].position) return null;
      const c = cosines[r * T + s];
      return Number.isFinite(c) ? Math.max(0, c) : Number.NaN;
    },
    [probes, cosines, T],
  );
  const onMatrixHover = useCallback(
    (c: { row: number; col: number } | null) => setHover(c && { kind: 'matrix', ...c }),
    [],
  );

  if (problem) {
    return (
      <div className="ba-state-evolution" data-testid="state-evolution" role="alert">
        Cannot draw “{label}”: {problem}
      </div>
    );
  }

  const scrub = (t: number) => {
    const next = Math.max(0, Math.min(T - 1, t));
    if (step === undefined) setOwnStep(next);
    onStepChange?.(next);
  };
  const matrix = stateAt(states, shape, current);
  const memory = probes.length ? memorySummary(cosines, probes, shape, current) : null;
  const probeHeight = Math.min(18 * probes.length, 180);

  // readout
  let detail: string;
  if (hover?.kind === 'channel') {
    const r = Math.floor(hover.row / cols);
    const c = hover.row % cols;
    detail = `Step ${hover.step} “${tokens[hover.step]}”, entry (${r}, ${c}): ${formatValue(states[hover.step * size + hover.row])}. Click to scrub here.`;
  } else if (hover?.kind === 'matrix') {
    detail = `State at step ${current}, ${rowLabel} ${hover.row}, ${colLabel} ${hover.col}: ${formatValue(matrix[hover.row * cols + hover.col])}.`;
  } else if (hover?.kind === 'probe') {
    const p = probes[hover.row];
    detail =
      hover.step < p.position
        ? `“${p.label}” is written at step ${p.position}; nothing to read at step ${hover.step}.`
        : `“${p.label}” at step ${hover.step}: recall cosine ${fmtCos(cosines[hover.row * T + hover.step])} (written at step ${p.position}).`;
  } else {
    detail = `Step ${current} “${tokens[current]}”: ‖S‖ = ${formatValue(norms[current])}.`;
  }
  const memoryLine = memory
    ? `Memory at step ${current}: ${memory.stored} of ${probes.length} pairs written into ${rows} key dimensions (fill ${memory.fill.toFixed(2)}); ` +
      (memory.worst
        ? `mean recall cosine ${fmtCos(memory.meanCosine)}, worst “${memory.worst.label}” ${fmtCos(memory.worst.cosine)}.`
        : 'nothing to recall yet.')
    : '';

  const ticks = stateLegendTicks(maxAbs);
  const legendW = Math.max(matrixSize, 200);

  return (
    <div className="ba-state-evolution" data-testid="state-evolution" data-step={current}>
      <div className="ba-state-evolution__scrubber">
        <label htmlFor={sliderId}>Time step</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={T - 1}
          step={1}
          value={current}
          disabled={T === 1}
          aria-valuetext={`step ${current} of ${T - 1}, token “${tokens[current]}”`}
          aria-describedby={hintId}
          onChange={(e) => scrub(Number(e.currentTarget.value))}
          onKeyDown={(e) => {
            // The keys a range input moves by, handled here so every browser (and synthetic events) agree.
            const target = stepForKey(e.key, current, T);
            if (target === null || e.altKey || e.ctrlKey || e.metaKey) return;
            e.preventDefault();
            scrub(target);
          }}
          style={{ width: timeWidth }}
        />
        <output htmlFor={sliderId} className="ba-state-evolution__step-label">
          {current} “{tokens[current]}”
        </output>
      </div>
      <p id={hintId} className="ba-state-evolution__hint">
        ←/→ on the scrubber move one step, Home/End jump to the first/last; click a time plot to scrub there.
      </p>
      <div className="ba-state-evolution__panels">
        <section
          className="ba-state-evolution__time"
          aria-label={`${label} over ${T} steps: ${size} state entries, norm${probes.length ? ' and recall' : ''}`}
        >
          <h4>
            State entries over time ({rows} × {cols} = {size} entries)
          </h4>
          <div className="ba-state-evolution__row">
            <span className="ba-state-evolution__ylabel" style={{ width: LEFT }}>
              entry
            </span>
            <TimeHeatmap
              steps={T}
              rows={size}
              positionAt={channelAt}
              width={timeWidth}
              height={CHANNEL_HEIGHT}
              step={current}
              testId="state-channels-canvas"
              onHover={(c) => setHover(c && { kind: 'channel', ...c })}
              onPick={scrub}
            />
          </div>
          <StepLineChart
            values={norms}
            width={timeWidth}
            height={60}
            step={current}
            title="‖S_t‖ (Frobenius norm)"
            left={LEFT}
            showStepAxis={probes.length === 0}
          />
          {probes.length > 0 && (
            <>
              <h4>Recall of each stored pair: cos(S_tᵀ k, v)</h4>
              <div className="ba-state-evolution__row">
                <span
                  className="ba-state-evolution__probe-labels"
                  style={{ width: LEFT, height: probeHeight }}
                >
                  {probeHeight / probes.length >= 11 &&
                    probes.map((p) => (
                      <span key={p.label} style={{ height: probeHeight / probes.length }}>
                        {p.label}
                      </span>
                    ))}
                </span>
                <TimeHeatmap
                  steps={T}
                  rows={probes.length}
                  positionAt={probeAt}
                  palette={viridis}
                  width={timeWidth}
                  height={probeHeight}
                  step={current}
                  testId="state-probes-canvas"
                  onHover={(c) => setHover(c && { kind: 'probe', ...c })}
                  onPick={scrub}
                />
              </div>
              <StepLineChart
                showStepAxis
                values={meanCosines}
                width={timeWidth}
                height={50}
                step={current}
                title="mean recall cosine"
                domain={[0, 1]}
                left={LEFT}
              />
            </>
          )}
          <p className="ba-state-evolution__axis-note" style={{ marginLeft: LEFT }}>
            step (token) 0 … {T - 1} →
          </p>
        </section>
        <section className="ba-state-evolution__at-step" aria-label={`${label} at step ${current}`}>
          <h4>
            S at step {current} “{tokens[current]}”
          </h4>
          <StateMatrix
            matrix={matrix}
            rows={rows}
            cols={cols}
            position={position}
            color={color}
            size={matrixSize}
            svgMaxCells={svgMaxCells}
            rowLabel={rowLabel}
            colLabel={colLabel}
            active={hover?.kind === 'matrix' ? hover : null}
            onHover={onMatrixHover}
          />
          <div className="ba-state-evolution__legend" style={{ width: legendW }}>
            <div
              className="ba-state-evolution__gradient"
              style={{
                background: `linear-gradient(to right, ${Array.from({ length: 11 }, (_, k) => paletteAt(k / 10)).join(', ')})`,
              }}
            />
            <div className="ba-state-evolution__ticks">
              {ticks.map((t) => (
                <span key={t}>{formatValue(t)}</span>
              ))}
            </div>
            <p>
              state value ({colorScale}; blue &lt; 0 &lt; red)
              {probes.length > 0 && '; recall: viridis 0 → 1, light grey = not written yet'}
            </p>
            {nonFinite > 0 && (
              <p>
                <span className="ba-state-evolution__swatch" style={{ background: NON_FINITE_COLOR }} /> not a
                finite number
              </p>
            )}
          </div>
        </section>
      </div>
      {nonFinite > 0 && (
        <p className="ba-state-evolution__warning" role="status">
          {nonFinite} of {states.length} state values are not finite numbers (NaN or ±∞); they are drawn in
          grey and left out of the colour scale and the norms.
        </p>
      )}
      <p className="ba-state-evolution__readout" aria-live="polite" aria-atomic="true">
        {detail}
        {memoryLine && (
          <>
            <br />
            {memoryLine}
          </>
        )}
      </p>
      <StateTables
        matrix={matrix}
        rows={rows}
        cols={cols}
        step={current}
        token={tokens[current]}
        norms={norms}
        tokens={tokens}
        probes={probes}
        cosines={cosines}
        label={label}
      />
    </div>
  );
}
