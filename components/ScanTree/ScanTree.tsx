import { type JSX, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { buildScanNetwork, SCAN_KINDS, type ScanKind } from '../../simulations/scans/scanNetworks';
import { formatValue } from '../shared/format';
import { useReducedMotion } from '../shared/useReducedMotion';
import { ScanCircuitCanvas } from './ScanCircuitCanvas';
import { type ScanCircuitGeometry, ScanCircuitSvg } from './ScanCircuitSvg';
import { ScanTable } from './ScanTable';
import { describeOp, SCAN_NAMES, scanNodes } from './scanNodes';
import {
  INITIAL_PLAYBACK,
  playbackIntentForKey,
  reducePlayback,
  type ScanPlaybackIntent,
} from './scanPlayback';
import { positionsDone, progressAt, runScan, type ScanRun, scanInputProblem } from './scanRun';
import './ScanTree.css';

export interface ScanTreeProps {
  /** Decays `a_t` of the scalar recurrence `h_t = a_t·h_{t−1} + b_t` (`h₋₁ = 0`), `t = 0 … n−1`. */
  a: ArrayLike<number>;
  /** Inputs `b_t` of the recurrence, same length as `a`. */
  b: ArrayLike<number>;
  /** Accessible name, e.g. "Mamba channel 0, state 1". */
  label: string;
  /** The network shown (controlled). Leave undefined to let the component keep it, starting at `defaultKind`. */
  kind?: ScanKind;
  /** The first network shown when `kind` is not controlled. @default 'hillisSteele' */
  defaultKind?: ScanKind;
  /** Called when the user picks another network. */
  onKindChange?: (kind: ScanKind) => void;
  /** The networks offered by the selector. @default every network of the engine */
  kinds?: readonly ScanKind[];
  /** Levels already executed when the component mounts or the network changes (clamped to the depth). @default 0 */
  initialLevel?: number;
  /** Milliseconds per level while playing. @default 900 */
  stepMs?: number;
  /** Start playing on mount (never under reduced motion). @default false */
  autoPlay?: boolean;
  /** Force reduced motion on or off; undefined follows the user's `prefers-reduced-motion`. */
  reducedMotion?: boolean;
  /** Width of the circuit's wire area in CSS px (the level labels add to it). @default 640 */
  width?: number;
  /** Most wires drawn as SVG with values; larger networks go on a canvas. @default 64 */
  svgMaxSlots?: number;
  /** Called when the number of executed levels changes. */
  onLevelChange?: (level: number) => void;
}

export const SCAN_TREE_HINT =
  '→ runs the next level, ← goes back one, Home/End jump to the inputs/the end, Space plays or pauses, ' +
  '↑/↓ pick the position the readout describes.';

const GUTTER = 150;
const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
const MIN_VALUE_COLUMN = 46;

/** The readout: the level just executed, then the inspected node or wire with its real values. */
function readoutLines(
  run: ScanRun,
  level: number,
  inspected: { level: number; slot: number } | null,
): [string, string] {
  const { network, slots } = run;
  const head =
    level === 0
      ? `Inputs: ${network.n} elements (a_t, b_t) of h_t = a_t·h_{t−1} + b_t. Run level 1 to start.`
      : `Level ${level} of ${network.depth} (${network.levels[level - 1].phase}): ${plural(network.levels[level - 1].ops.length, 'operation')}.`;
  if (!inspected) return [head, ''];
  const { slot } = inspected;
  const k = Math.min(inspected.level, network.depth);
  const op = k >= 1 ? network.levels[k - 1].ops.find((o) => o.target === slot) : undefined;
  const pair = (l: number, s: number) => `(${formatValue(slots[l].a[s])}, ${formatValue(slots[l].b[s])})`;
  if (!op) {
    const at = Math.min(level, network.depth);
    const name = slot < network.n ? `Position ${slot}` : `Padding slot ${slot}`;
    return [
      head,
      `${name} after level ${at}: (a, b) = ${pair(at, slot)}; its b is h = ${formatValue(slots[at].b[slot])}.`,
    ];
  }
  const when = k > level ? ` (level ${k}, not run yet)` : ` (level ${k})`;
  const result = k > level ? '' : ` → ${pair(k, slot)}`;
  const operands =
    op.type === 'combine'
      ? `: ${pair(k - 1, op.left)} ∘ ${pair(k - 1, op.right)}`
      : op.type === 'copy'
        ? `: ${pair(k - 1, op.source)}`
        : op.type === 'combineInput'
          ? `: ${pair(k - 1, slot)} ∘ ${pair(0, slot)}`
          : '';
  return [head, `${describeOp(op)}${when}${operands}${result}`];
}

/**
 * A parallel-scan network of the engine drawn as a circuit — one wire per position, one row per level, one node
 * per ∘ — executed level by level on the real (a, b) values of a linear recurrence, with depth and work
 * counters, a selector to compare networks, and the sequential scan the result must (and does) equal.
 */
export function ScanTree({
  a,
  b,
  label,
  kind,
  defaultKind = 'hillisSteele',
  onKindChange,
  kinds = SCAN_KINDS,
  initialLevel = 0,
  stepMs = 900,
  autoPlay = false,
  reducedMotion,
  width = 640,
  svgMaxSlots = 64,
  onLevelChange,
}: ScanTreeProps): JSX.Element {
  const hintId = useId();
  const nameId = useId();
  const [ownKind, setOwnKind] = useState<ScanKind>(defaultKind);
  const current = kind ?? ownKind;
  const reduced = useReducedMotion(reducedMotion);
  const problem = scanInputProblem(a, b);
  const run = useMemo(() => (problem ? null : runScan(current, a, b)), [problem, current, a, b]);
  const nodes = useMemo(() => (run ? scanNodes(run.network) : []), [run]);
  const depth = run?.network.depth ?? 0;
  const n = a.length;
  const comparison = useMemo(
    () => (problem ? [] : kinds.map((k) => buildScanNetwork(k, n))),
    [problem, kinds, n],
  );

  const [playback, setPlayback] = useState(() => ({
    ...reducePlayback(INITIAL_PLAYBACK, { type: 'reset', level: initialLevel }, depth),
    playing: autoPlay && !reduced && depth > 0,
  }));
  const [hovered, setHovered] = useState<{ level: number; slot: number } | null>(null);
  const [selectedSlot, setSelectedSlot] = useState<number | null>(null);
  const dispatch = (intent: ScanPlaybackIntent) => setPlayback((s) => reducePlayback(s, intent, depth));

  // A new network (or new data) starts again from `initialLevel`.
  const shownRun = useRef(run);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the network itself changes
  useEffect(() => {
    if (shownRun.current === run) return;
    shownRun.current = run;
    setPlayback(reducePlayback(INITIAL_PLAYBACK, { type: 'reset', level: initialLevel }, depth));
    setHovered(null);
  }, [run]);
  useEffect(() => {
    if (!playback.playing || reduced) return;
    const id = window.setInterval(
      () => setPlayback((s) => reducePlayback(s, { type: 'tick' }, depth)),
      stepMs,
    );
    return () => window.clearInterval(id);
  }, [playback.playing, reduced, stepMs, depth]);
  useEffect(() => {
    if (reduced) setPlayback((s) => (s.playing ? { ...s, playing: false } : s));
  }, [reduced]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: report level changes only
  useEffect(() => onLevelChange?.(playback.level), [playback.level]);

  const selectKind = (k: ScanKind) => {
    if (kind === undefined) setOwnKind(k);
    onKindChange?.(k);
  };

  const selector = (
    <fieldset className="ba-scan-tree__selector">
      <legend>Scan network</legend>
      {kinds.map((k) => (
        <label key={k}>
          <input
            type="radio"
            name={`${nameId}-kind`}
            value={k}
            checked={k === current}
            onChange={() => selectKind(k)}
          />
          {SCAN_NAMES[k]}
        </label>
      ))}
    </fieldset>
  );

  if (!run || problem) {
    return (
      <div className="ba-scan-tree" data-testid="scan-tree">
        {selector}
        <p className="ba-scan-tree__problem" role="alert">
          Cannot draw the scan “{label}”: {problem}
        </p>
      </div>
    );
  }

  const { network } = run;
  const level = Math.min(playback.level, depth);
  const useSvg = network.paddedSize <= svgMaxSlots;
  const colW = width / network.paddedSize;
  const showValues = useSvg && colW >= MIN_VALUE_COLUMN;
  const geometry: ScanCircuitGeometry = {
    gutter: GUTTER,
    colW,
    headerH: showValues ? 50 : 24,
    rowH: showValues ? 64 : Math.max(useSvg ? 10 : 0.4, Math.min(28, 560 / Math.max(depth, 1))),
  };
  const { work, moves } = progressAt(network, level);
  const done = positionsDone(run, level);
  const inspected = hovered ?? (selectedSlot !== null ? { level, slot: selectedSlot } : null);
  const [head, detail] = readoutLines(run, level, inspected);
  const finished = level === depth;
  const matches =
    run.maxError <= 1e-9 * Math.max(1, ...run.reference.map((r) => (Number.isFinite(r) ? Math.abs(r) : 0)));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setHovered(null);
      setSelectedSlot((s) => Math.min(network.paddedSize - 1, Math.max(0, s === null ? 0 : s + step)));
      return;
    }
    const intent = playbackIntentForKey(event.key);
    if (!intent || (reduced && intent.type === 'togglePlay')) return;
    event.preventDefault();
    dispatch(intent);
  };

  return (
    <div
      className="ba-scan-tree"
      data-testid="scan-tree"
      data-kind={current}
      data-level={level}
      data-depth={depth}
      data-playing={playback.playing}
      data-render-mode={useSvg ? 'svg' : 'canvas'}
    >
      {selector}
      <div className="ba-scan-tree__controls">
        <button type="button" onClick={() => dispatch({ type: 'first' })} disabled={level === 0}>
          ⇤ Inputs
        </button>
        <button type="button" onClick={() => dispatch({ type: 'stepBack' })} disabled={level === 0}>
          ◀ Back
        </button>
        {!reduced && (
          <button
            type="button"
            onClick={() => dispatch({ type: 'togglePlay' })}
            disabled={depth === 0}
            aria-pressed={playback.playing}
          >
            {playback.playing ? '❚❚ Pause' : '▶ Play'}
          </button>
        )}
        <button type="button" onClick={() => dispatch({ type: 'stepForward' })} disabled={finished}>
          Step ▶
        </button>
        <button type="button" onClick={() => dispatch({ type: 'last' })} disabled={finished}>
          End ⇥
        </button>
        {reduced && <span className="ba-scan-tree__note">Reduced motion: step through the levels.</span>}
      </div>
      <dl className="ba-scan-tree__counters">
        <div>
          <dt>level</dt>
          <dd data-testid="scan-level">
            {level} / {depth}
          </dd>
        </div>
        <div>
          <dt>work (∘)</dt>
          <dd data-testid="scan-work">
            {work} / {network.work}
          </dd>
        </div>
        {network.moves > 0 && (
          <div>
            <dt>moves</dt>
            <dd>
              {moves} / {network.moves}
            </dd>
          </div>
        )}
        <div>
          <dt>positions done</dt>
          <dd data-testid="scan-done">
            {done} / {network.n}
          </dd>
        </div>
      </dl>
      <div
        className="ba-scan-tree__plot"
        // "application": the circuit handles its own keys (levels and positions); the readout is its live text.
        role="application"
        aria-roledescription="scan circuit"
        aria-label={`${label}: ${SCAN_NAMES[current]} scan of ${network.n} elements, depth ${depth}, work ${network.work}`}
        aria-describedby={hintId}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: role="application" is a focusable widget with its own keys
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {useSvg ? (
          <ScanCircuitSvg
            run={run}
            nodes={nodes}
            level={level}
            geometry={geometry}
            showValues={showValues}
            inspected={inspected}
            onInspect={setHovered}
          />
        ) : (
          <ScanCircuitCanvas
            nodes={nodes}
            paddedSize={network.paddedSize}
            n={network.n}
            depth={depth}
            level={level}
            geometry={geometry}
            onInspect={setHovered}
          />
        )}
      </div>
      <p className="ba-scan-tree__legend">
        ● x ← x ∘ y (combine) {network.moves > 0 && '■ copy ◆ identity '}
        {network.kind === 'blelloch' && '◉ ∘ own input '}
        <span className="ba-scan-tree__swatch ba-scan-tree__swatch--done" /> executed{' '}
        <span className="ba-scan-tree__swatch ba-scan-tree__swatch--current" /> last level run{' '}
        <span className="ba-scan-tree__swatch ba-scan-tree__swatch--future" /> to come
      </p>
      <p id={hintId} className="ba-scan-tree__hint">
        {SCAN_TREE_HINT}
      </p>
      <p className="ba-scan-tree__readout" aria-live="polite" aria-atomic="true">
        {head}
        {detail && (
          <>
            <br />
            {detail}
          </>
        )}
      </p>
      <p className="ba-scan-tree__status" data-testid="scan-status">
        {finished
          ? matches
            ? `Done: all ${network.n} outputs equal the sequential scan (max |Δ| = ${formatValue(run.maxError)}), in ${depth} levels and ${network.work} ∘ operations.`
            : `The outputs differ from the sequential scan by up to ${formatValue(run.maxError)}.`
          : `${done} of ${network.n} positions already hold their final h_t; the sequential scan needs ${Math.max(0, network.n - 1)} levels.`}
      </p>
      <table className="ba-scan-tree__compare">
        <caption>Networks for n = {network.n}</caption>
        <thead>
          <tr>
            <th scope="col">network</th>
            <th scope="col">depth (levels)</th>
            <th scope="col">work (∘)</th>
          </tr>
        </thead>
        <tbody>
          {comparison.map((net) => (
            <tr key={net.kind} aria-current={net.kind === current ? 'true' : undefined}>
              <th scope="row">{SCAN_NAMES[net.kind]}</th>
              <td>{net.depth}</td>
              <td>{net.work}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ScanTable run={run} />
    </div>
  );
}
