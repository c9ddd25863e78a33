import { type JSX, useId, useMemo, useState } from 'react';
import { AttentionMatrix } from '../AttentionMatrix/AttentionMatrix';
import { AttentionTable } from '../AttentionMatrix/AttentionTable';
import { OrbitView } from '../Scene3D/OrbitView';
import { ORBIT_HINT } from '../Scene3D/orbit';
import { countNonFinite } from '../Scene3D/planeTexture';
import { useView3d } from '../Scene3D/useView3d';
import { Attention3DScene, fitDistance, sceneCenter } from './Attention3DScene';
import { planeStats } from './planeStats';
import { MAX_PLANE_TEXELS } from './poolPlane';
import { WeightLegend } from './WeightLegend';
import './Attention3D.css';

export interface Attention3DProps {
  /** Attention weights of every layer and head, shape [layers, heads, T (query), T (key)], row-major. */
  weights: Float32Array | readonly number[];
  /** Number of layers (planes stacked front to back). */
  layers: number;
  /** Heads per layer (planes side by side). */
  heads: number;
  /** Token labels, length T. */
  tokens: readonly string[];
  /** Accessible name of the view, e.g. "Attention of the 2-layer model". */
  label: string;
  /** Draw the future (key > query) cells as nearly transparent. @default true */
  causal?: boolean;
  /** Colour scale of the weights, as in AttentionMatrix. @default 'linear' */
  colorScale?: 'linear' | 'log';
  /** Opacity of the planes that are not selected, 0.1 … 1. @default 0.5 */
  opacity?: number;
  /** Distance between stacked layers, in plane widths. @default 0.9 */
  layerGap?: number;
  /** Controlled selected layer (0-based); leave undefined to let the view keep it. */
  selectedLayer?: number;
  /** Controlled selected head (0-based); leave undefined to let the view keep it. */
  selectedHead?: number;
  /** Called when the user selects a plane (click, or the layer/head sliders). */
  onSelectedChange?: (layer: number, head: number) => void;
  /** Slowly spin the view until the first interaction; never under prefers-reduced-motion. @default false */
  autoRotate?: boolean;
  /** Always draw the 2D fallback (the selected head as an AttentionMatrix), as when WebGL 2 is missing. */
  forceFallback?: boolean;
  /** Width of the 3D view in CSS px. @default 640 */
  width?: number;
  /** Height of the 3D view in CSS px. @default 420 */
  height?: number;
}

const clampIndex = (i: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(i)));
const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

/** Why the input cannot be drawn, or null. */
function shapeProblem(
  weights: Float32Array | readonly number[],
  layers: number,
  heads: number,
  T: number,
): string | null {
  if (!Number.isInteger(layers) || layers < 1) return `need at least one layer, got ${layers}`;
  if (!Number.isInteger(heads) || heads < 1) return `need at least one head, got ${heads}`;
  if (T === 0) return 'there are no tokens';
  const expected = layers * heads * T * T;
  if (weights.length !== expected) {
    return `${layers} layers × ${heads} heads × ${T}² tokens need ${expected} weights, got ${weights.length}`;
  }
  return null;
}

/**
 * Attention of every layer and head at once: one semi-transparent T × T plane per (layer, head) — heads side
 * by side, layers stacked front to back — coloured with the AttentionMatrix scale, in WebGL
 * (@react-three/fiber). Orbit with the arrow keys, +/− and 0, or drag and scroll. Click a plane or use the
 * sliders to select one: it turns opaque, and its weights become the table below. Without WebGL 2 (or with
 * `forceFallback`) the selected head is drawn as a 2D AttentionMatrix.
 */
export function Attention3D({
  weights,
  layers,
  heads,
  tokens,
  label,
  causal = true,
  colorScale = 'linear',
  opacity = 0.5,
  layerGap = 0.9,
  selectedLayer,
  selectedHead,
  onSelectedChange,
  autoRotate = false,
  forceFallback = false,
  width = 640,
  height = 420,
}: Attention3DProps): JSX.Element {
  const T = tokens.length;
  const problem = shapeProblem(weights, layers, heads, T);
  const hintId = useId();
  const initialOrbit = useMemo(
    () => ({
      azimuth: -35,
      elevation: 20,
      distance: fitDistance(Math.max(layers, 1), Math.max(heads, 1), layerGap),
    }),
    [layers, heads, layerGap],
  );
  const view = useView3d(initialOrbit, autoRotate, forceFallback);
  const { mode } = view;
  const target = useMemo(() => sceneCenter(Math.max(layers, 1), layerGap), [layers, layerGap]);
  const [inner, setInner] = useState({ layer: 0, head: 0 });

  const nonFinite = useMemo(() => (problem ? 0 : countNonFinite(weights)), [problem, weights]);
  const stats = useMemo(
    () => (problem ? [] : Array.from({ length: layers * heads }, (_, p) => planeStats(weights, p, T))),
    [problem, weights, layers, heads, T],
  );

  if (problem) {
    return (
      <div className="ba-3d" data-testid="attention-3d" role="alert">
        Cannot draw “{label}”: {problem}.
      </div>
    );
  }

  const layer = clampIndex(selectedLayer ?? inner.layer, layers);
  const head = clampIndex(selectedHead ?? inner.head, heads);
  const select = (l: number, h: number) => {
    setInner({ layer: l, head: h });
    onSelectedChange?.(l, h);
  };
  const p = layer * heads + head;
  const plane =
    weights instanceof Float32Array
      ? weights.subarray(p * T * T, (p + 1) * T * T)
      : weights.slice(p * T * T, (p + 1) * T * T);
  const planeName = `layer ${layer + 1}, head ${head + 1}`;
  const s = stats[p];
  const pooled = Math.max(1, Math.ceil(T / MAX_PLANE_TEXELS));
  const summary =
    `${label}: ${layers} layer${layers > 1 ? 's' : ''} × ${heads} head${heads > 1 ? 's' : ''} of attention over ` +
    `${T} token${T > 1 ? 's' : ''} as stacked planes. Selected ${planeName}: mean peak weight ${fmt(s.meanPeak)}, ` +
    `mean entropy ${fmt(s.meanEntropyBits)} bits.`;

  return (
    <div
      className="ba-3d"
      data-testid="attention-3d"
      data-selected={`${layer},${head}`}
      {...view.dataAttributes}
    >
      <div className="ba-3d__controls">
        <span>
          <label htmlFor={`${hintId}-layer`}>
            Layer {layer + 1} of {layers}
          </label>
          <input
            id={`${hintId}-layer`}
            type="range"
            min={1}
            max={layers}
            value={layer + 1}
            disabled={layers === 1}
            onChange={(e) => select(Number(e.target.value) - 1, head)}
          />
        </span>
        <span>
          <label htmlFor={`${hintId}-head`}>
            Head {head + 1} of {heads}
          </label>
          <input
            id={`${hintId}-head`}
            type="range"
            min={1}
            max={heads}
            value={head + 1}
            disabled={heads === 1}
            onChange={(e) => select(layer, Number(e.target.value) - 1)}
          />
        </span>
      </div>
      {nonFinite > 0 && (
        <p className="ba-3d__notice" role="status">
          {nonFinite} weight{nonFinite > 1 ? 's are' : ' is'} NaN or ±Infinity: drawn as grey cells, left out
          of the statistics.
        </p>
      )}
      {mode === '3d' && (
        <>
          <OrbitView
            controls={view.controls}
            target={target}
            className="ba-3d__view"
            roleDescription="3D attention view"
            label={summary}
            describedBy={hintId}
            width={width}
            height={height}
            onError={view.onGlError}
          >
            <Attention3DScene
              weights={weights}
              layers={layers}
              heads={heads}
              seqLen={T}
              causal={causal}
              colorScale={colorScale}
              opacity={Math.min(1, Math.max(0.1, opacity))}
              layerGap={layerGap}
              selected={{ layer, head }}
              onSelect={select}
            />
          </OrbitView>
          <p id={hintId} className="ba-3d__hint">
            {ORBIT_HINT} Click a plane, or use the sliders, to select a layer and head. In each plane rows are
            queries (top to bottom) and columns are keys (left to right).
            {pooled > 1 &&
              ` With ${T} tokens each plane is drawn at ${Math.ceil(T / pooled)} × ${Math.ceil(T / pooled)}: a texel shows the largest weight of its ${pooled} × ${pooled} block (NaN if any is), so sharp peaks stay visible; the tables and the 2D view keep every weight.`}
          </p>
          <WeightLegend mode={colorScale} showNonFinite={nonFinite > 0} />
        </>
      )}
      {mode === 'probing' && <p className="ba-3d__notice">Checking for WebGL 2…</p>}
      <p className="ba-3d__readout" aria-live="polite" aria-atomic="true">
        Selected {planeName}: mean peak weight {fmt(s.meanPeak)}, mean entropy {fmt(s.meanEntropyBits)} bits.
        {view.readout}
      </p>
      {mode === '2d' && (
        <>
          <p className="ba-3d__notice" role="status">
            {view.fallbackReason}: showing {planeName} as a 2D matrix. Use the sliders to choose another.
          </p>
          <AttentionMatrix
            weights={plane}
            tokens={tokens}
            label={`${label}, ${planeName}`}
            causal={causal}
            colorScale={colorScale}
            size={Math.min(420, width)}
          />
        </>
      )}
      <details className="ba-3d__summary">
        <summary>Show every layer and head as a table</summary>
        <table>
          <caption>{label}: mean peak weight / mean entropy (bits) per layer and head</caption>
          <thead>
            <tr>
              <th scope="col">layer \ head</th>
              {Array.from({ length: heads }, (_, h) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are positions
                <th key={h} scope="col">
                  Head {h + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: layers }, (_, l) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions
              <tr key={l}>
                <th scope="row">Layer {l + 1}</th>
                {Array.from({ length: heads }, (_, h) => {
                  const st = stats[l * heads + h];
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positions
                    <td key={h}>
                      {st.finite ? `${fmt(st.meanPeak)} / ${fmt(st.meanEntropyBits)}` : 'NaN/∞'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {mode !== '2d' && (
        <AttentionTable weights={plane} tokens={tokens} label={`${label}, ${planeName}`} causal={causal} />
      )}
    </div>
  );
}
