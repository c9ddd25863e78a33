import { type JSX, useId, useMemo, useState } from 'react';
import {
  type AttentionInputs,
  causalSoftmaxAttention,
} from '../../simulations/attention/causalSoftmaxAttention';
import { ringAttention } from '../../simulations/attention/ringAttention';
import { countNonFinite } from '../Scene3D/planeTexture';
import { formatGrouped } from '../shared/format';
import { OKABE_ITO_BY_NAME } from '../shared/palette';
import { StepControls } from '../shared/StepControls';
import '../shared/figure.css';

export interface RingAttentionProps {
  /** Queries, keys and values of every head ([heads, T, d_h] each), split across the devices by position. */
  inputs: AttentionInputs;
  /** Number of simulated devices on the ring, 1 … min(T, 16). */
  devices: number;
  /** Controlled ring step (0 … devices − 1); leave undefined to let the figure keep it. */
  step?: number;
  /** Called when the user moves through the steps. */
  onStepChange?: (step: number) => void;
  /** Accessible name of the figure. @default 'Ring attention' */
  label?: string;
}

/** Most devices drawn on the ring. */
export const MAX_RING_DEVICES = 16;
/** A colour per K/V block (Okabe–Ito, cycling). */
const BLOCK_COLORS = [
  OKABE_ITO_BY_NAME.skyBlue,
  OKABE_ITO_BY_NAME.orange,
  OKABE_ITO_BY_NAME.green,
  OKABE_ITO_BY_NAME.yellow,
  OKABE_ITO_BY_NAME.purple,
  '#b5d7f0',
  '#f3cf80',
  '#8fd6bf',
];
const blockColor = (b: number) => BLOCK_COLORS[b % BLOCK_COLORS.length];

function compute(inputs: AttentionInputs, devices: number) {
  const bad = countNonFinite(inputs.q) + countNonFinite(inputs.k) + countNonFinite(inputs.v);
  if (bad > 0)
    return {
      error: `q, k and v hold ${bad} NaN or infinite value${bad > 1 ? 's' : ''}; attention is undefined`,
    };
  if (devices > MAX_RING_DEVICES)
    return { error: `at most ${MAX_RING_DEVICES} devices can be drawn, got ${devices}` };
  try {
    const ring = ringAttention(inputs, devices);
    const full = causalSoftmaxAttention(inputs);
    let maxDiff = 0;
    for (let i = 0; i < full.output.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(ring.output[i] - full.output[i]));
    return { ring, maxDiff, values: full.output.length };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * Ring Attention (Liu et al. 2023) on simulated devices: the sequence is split into contiguous blocks, one per
 * device; at every step each device attends its own queries to the K/V block it holds, folds the partial
 * softmax into its running (m, ℓ, acc), and passes the block to the next device. After N steps every device
 * has seen every block, and the result equals full causal attention — the figure computes both and shows the
 * largest difference. Blocks from later devices are entirely in the future (causal) and cost no compute.
 */
export function RingAttention({
  inputs,
  devices,
  step,
  onStepChange,
  label = 'Ring attention',
}: RingAttentionProps): JSX.Element {
  const hatchId = useId();
  const [inner, setInner] = useState(0);
  const result = useMemo(() => compute(inputs, devices), [inputs, devices]);
  if ('error' in result) {
    return (
      <div className="ba-figure" data-testid="ring-attention" role="alert">
        Cannot run “{label}”: {result.error}.
      </div>
    );
  }
  const { ring, maxDiff, values } = result;
  const N = devices;
  const s = Math.min(N - 1, Math.max(0, Math.floor(step ?? inner)));
  const setStep = (next: number) => {
    setInner(next);
    onStepChange?.(next);
  };
  const current = ring.steps[s];
  const scoresSoFar = ring.steps
    .slice(0, s + 1)
    .reduce((n, st) => n + st.devices.reduce((m, d) => m + d.scores, 0), 0);
  const allScores = ring.steps.reduce((n, st) => n + st.devices.reduce((m, d) => m + d.scores, 0), 0);
  const floatsSoFar = ring.steps.slice(0, s + 1).reduce((n, st) => n + st.floatsSent, 0);
  const done = s === N - 1;
  const span = (d: number) => `${ring.blocks[d].start}–${ring.blocks[d].start + ring.blocks[d].length - 1}`;
  const readout =
    `Step ${s + 1} of ${N}: ` +
    current.devices
      .map(
        (d, dev) =>
          `device ${dev} (queries ${span(dev)}) holds K/V block ${d.kvBlock}${d.action === 'masked' ? ' — in its future, skipped' : ''}`,
      )
      .join('; ') +
    (done
      ? '. Every device has now seen every block.'
      : '. Then every device passes its block to the next one.');

  // geometry: the ring
  const cx = 170;
  const cy = 170;
  const R = N === 1 ? 0 : Math.min(125, 40 + 14 * N);
  const nodeR = Math.max(16, Math.min(30, 150 / N));
  const at = (d: number): [number, number] => {
    const a = -Math.PI / 2 + (2 * Math.PI * d) / N;
    return [cx + R * Math.cos(a), cy + R * Math.sin(a)];
  };
  // geometry: the block grid
  const gridX = 390;
  const G = 260;
  const cell = G / N;
  const verified = maxDiff < 1e-5;

  return (
    <figure
      className="ba-figure"
      data-testid="ring-attention"
      data-step={s}
      data-max-diff={maxDiff}
      aria-label={label}
    >
      <StepControls step={s} last={N - 1} name="Ring step" onChange={setStep} displayOffset={1} />
      <svg width={680} height={360} viewBox="0 0 680 360" role="img" aria-label={`${label}: ${readout}`}>
        <defs>
          <pattern
            id={hatchId}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#eef0f3" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#b9bec8" strokeWidth="2" />
          </pattern>
          <marker
            id={`${hatchId}-arrow`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#4a5263" />
          </marker>
        </defs>
        {N > 1 &&
          Array.from({ length: N }, (_, d) => {
            // an arc from device d to device d + 1, clockwise, stopping short of the nodes
            const gap = (nodeR + 6) / R;
            const a0 = -Math.PI / 2 + (2 * Math.PI * d) / N + gap;
            const a1 = -Math.PI / 2 + (2 * Math.PI * (d + 1)) / N - gap;
            if (a1 <= a0) return null;
            const p0 = [cx + R * Math.cos(a0), cy + R * Math.sin(a0)];
            const p1 = [cx + R * Math.cos(a1), cy + R * Math.sin(a1)];
            return (
              <path
                // biome-ignore lint/suspicious/noArrayIndexKey: links are positions on the ring
                key={d}
                d={`M${p0[0]},${p0[1]} A${R},${R} 0 0 1 ${p1[0]},${p1[1]}`}
                fill="none"
                stroke="#4a5263"
                strokeWidth={done ? 1 : 2}
                strokeDasharray={done ? '3 3' : undefined}
                markerEnd={`url(#${hatchId}-arrow)`}
              />
            );
          })}
        {current.devices.map((d, dev) => {
          const [x, y] = at(dev);
          return (
            <g
              key={`holder-of-${d.kvBlock}`}
              data-device={dev}
              data-holds={d.kvBlock}
              data-action={d.action}
              transform={`translate(${x}, ${y})`}
            >
              <circle r={nodeR} fill="#ffffff" stroke="#1d2330" strokeWidth={1.5} />
              <text textAnchor="middle" y={-nodeR * 0.25} fontSize={11} fontWeight={600}>
                dev {dev}
              </text>
              <rect
                x={-nodeR * 0.75}
                y={nodeR * 0.05}
                width={nodeR * 1.5}
                height={Math.max(12, nodeR * 0.6)}
                rx={3}
                fill={d.action === 'masked' ? `url(#${hatchId})` : blockColor(d.kvBlock)}
                stroke="#4a5263"
                strokeWidth={0.6}
              />
              <text
                textAnchor="middle"
                y={nodeR * 0.05 + Math.max(12, nodeR * 0.6) / 2}
                dy="0.35em"
                fontSize={10}
              >
                KV{d.kvBlock}
              </text>
            </g>
          );
        })}
        <text x={cx} y={352} textAnchor="middle" fontSize={12}>
          devices on a ring; KVb = the K/V block each holds
        </text>
        <g transform={`translate(${gridX}, 40)`}>
          <text x={G / 2} y={-22} textAnchor="middle" fontSize={12}>
            K/V block (source device) →
          </text>
          <text transform={`translate(-26, ${G / 2}) rotate(-90)`} textAnchor="middle" fontSize={12}>
            query block (device) ↓
          </text>
          {Array.from({ length: N }, (_, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: column labels are positions
            <text key={`c${j}`} x={(j + 0.5) * cell} y={-6} textAnchor="middle" fontSize={10}>
              {j}
            </text>
          ))}
          {ring.steps.flatMap((st) =>
            st.devices.map((d, dev) => {
              const seen = st.step <= s;
              const now = st.step === s;
              return (
                <g key={`${st.step}:${d.kvBlock}`} data-block={`${dev},${d.kvBlock}`} data-seen={seen}>
                  <rect
                    x={d.kvBlock * cell}
                    y={dev * cell}
                    width={cell}
                    height={cell}
                    fill={
                      !seen ? '#ffffff' : d.action === 'masked' ? `url(#${hatchId})` : blockColor(d.kvBlock)
                    }
                    stroke={now ? '#1d2330' : '#c4c9d4'}
                    strokeWidth={now ? 2.5 : 0.6}
                  />
                  {seen && d.action === 'attend' && cell >= 16 && (
                    <text
                      x={(d.kvBlock + 0.5) * cell}
                      y={(dev + 0.5) * cell}
                      dy="0.35em"
                      textAnchor="middle"
                      fontSize={Math.min(12, cell * 0.4)}
                    >
                      s{st.step + 1}
                    </text>
                  )}
                </g>
              );
            }),
          )}
          {Array.from({ length: N }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: row labels are positions
            <text key={`r${i}`} x={-6} y={(i + 0.5) * cell} dy="0.35em" textAnchor="end" fontSize={10}>
              {i}
            </text>
          ))}
          <text x={0} y={G + 18} fontSize={11}>
            sN = computed at step N; hatched = future block, skipped
          </text>
        </g>
      </svg>
      <p className="ba-figure__readout" aria-live="polite" aria-atomic="true">
        {readout}
      </p>
      <dl className="ba-figure__stats">
        <dt>Sequence</dt>
        <dd>
          T = {inputs.seqLen} over {N} device{N > 1 ? 's' : ''} (
          {ring.blocks.map((b) => b.length).join(' + ')} tokens)
        </dd>
        <dt>Scores computed so far</dt>
        <dd data-testid="ring-scores">
          {formatGrouped(scoresSoFar)} of {formatGrouped(allScores)}
        </dd>
        <dt>Floats passed around the ring</dt>
        <dd>{formatGrouped(floatsSoFar)}</dd>
        <dt>max |ring − full attention|</dt>
        <dd data-testid="ring-difference">
          {maxDiff.toExponential(1)} over {formatGrouped(values)} outputs
        </dd>
      </dl>
      <p className={verified ? undefined : 'ba-figure__notice'} data-testid="ring-verdict">
        {verified
          ? `After all ${N} steps the ring's output equals full causal attention (largest difference ${maxDiff.toExponential(1)}; outputs are float32).`
          : `The ring's output differs from full attention by up to ${maxDiff.toExponential(1)}: this is a bug.`}
      </p>
    </figure>
  );
}
