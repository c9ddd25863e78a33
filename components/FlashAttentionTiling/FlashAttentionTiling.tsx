import { type JSX, useId, useMemo, useState } from 'react';
import {
  blockSpan,
  type FlashStep,
  type FlashTiling,
  flashAttentionSchedule,
  flashTiling,
  scheduleIo,
  standardAttentionIo,
} from '../../simulations/attention/flashAttentionIo';
import { formatGrouped } from '../shared/format';
import { OKABE_ITO_BY_NAME } from '../shared/palette';
import { StepControls } from '../shared/StepControls';
import '../shared/figure.css';

export interface FlashAttentionTilingProps {
  /** Sequence length N. */
  seqLen: number;
  /** Head width d. */
  headDim: number;
  /** On-chip SRAM size M, in floats; sets the blocks B_c = ⌈M/4d⌉, B_r = min(B_c, d). */
  sramFloats: number;
  /** Skip the tiles entirely above the diagonal (causal attention). @default true */
  causal?: boolean;
  /** Controlled step (0 = after initialising O, ℓ, m); leave undefined to let the figure keep it. */
  step?: number;
  /** Called when the user moves through the schedule. */
  onStepChange?: (step: number) => void;
  /** Accessible name of the figure. @default 'FlashAttention tiling' */
  label?: string;
}

/** Most tiles drawn as SVG cells. */
export const MAX_TILES = 4096;

const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** 12 → "₁₂". */
const sub = (n: number) => String(n).replace(/\d/g, (c) => SUB[Number(c)]);

function describeStep(t: FlashTiling, s: FlashStep | undefined, index: number, total: number): string {
  const N = t.seqLen;
  const d = t.headDim;
  if (!s) {
    return `Initialised: O = 0, ℓ = 0, m = −∞ written to HBM (N·d + 2N = ${formatGrouped(N * d + 2 * N)} floats). Next: load K${sub(0)}, V${sub(0)}.`;
  }
  const [kStart, kLen] = blockSpan(s.col, t.blockCols, N);
  const keys = `keys ${kStart}–${kStart + kLen - 1}`;
  const head = `Step ${index} of ${total}: `;
  if (s.kind === 'load-kv') {
    return `${head}load K${sub(s.col)} and V${sub(s.col)} (${keys}) from HBM into SRAM: ${formatGrouped(s.reads)} floats read. They stay in SRAM for the whole inner loop.`;
  }
  const [qStart, qLen] = blockSpan(s.row, t.blockRows, N);
  const queries = `queries ${qStart}–${qStart + qLen - 1}`;
  if (s.kind === 'skip') {
    return `${head}tile (Q${sub(s.row)}, K${sub(s.col)}) is entirely above the diagonal — every one of ${keys} comes after ${queries}: skipped, no IO.`;
  }
  return (
    `${head}tile (Q${sub(s.row)}: ${queries}) × (K${sub(s.col)}: ${keys}): read Q${sub(s.row)}, O${sub(s.row)}, ℓ${sub(s.row)}, m${sub(s.row)} ` +
    `(${formatGrouped(s.reads)} floats), compute S = Q${sub(s.row)}K${sub(s.col)}ᵀ and its softmax in SRAM, rescale O${sub(s.row)} ` +
    `by online softmax, write O${sub(s.row)}, ℓ${sub(s.row)}, m${sub(s.row)} back (${formatGrouped(s.writes)} floats).`
  );
}

/**
 * FlashAttention's forward pass, step by step (Dao et al. 2022, Algorithm 1): K/V blocks are loaded from HBM
 * into SRAM once (outer loop); for each, every Q/O block is streamed through (inner loop) and updated by
 * online softmax, so the N × N matrices S and P never touch HBM. The counters are the HBM floats read and
 * written so far, against standard attention's 4N² + 4Nd — all computed by simulations/attention/flashAttentionIo.
 */
export function FlashAttentionTiling({
  seqLen,
  headDim,
  sramFloats,
  causal = true,
  step,
  onStepChange,
  label = 'FlashAttention tiling',
}: FlashAttentionTilingProps): JSX.Element {
  const hatchId = useId();
  const [inner, setInner] = useState(0);
  const plan = useMemo(() => {
    try {
      const t = flashTiling(seqLen, headDim, sramFloats);
      if (t.rowBlocks * t.colBlocks > MAX_TILES) {
        return {
          error: `${t.rowBlocks} × ${t.colBlocks} tiles are too many to draw (at most ${MAX_TILES}); raise the SRAM size M or lower N`,
        } as const;
      }
      const steps = flashAttentionSchedule(t, causal);
      const tileStep = new Int32Array(t.rowBlocks * t.colBlocks).fill(-1);
      steps.forEach((s, k) => {
        if (s.kind !== 'load-kv') tileStep[s.row * t.colBlocks + s.col] = k;
      });
      return {
        t,
        steps,
        tileStep,
        flash: scheduleIo(steps, t),
        standard: standardAttentionIo(seqLen, headDim),
      } as const;
    } catch (e) {
      return { error: (e as Error).message } as const;
    }
  }, [seqLen, headDim, sramFloats, causal]);

  if ('error' in plan) {
    return (
      <div className="ba-figure" data-testid="flash-attention-tiling" role="alert">
        Cannot draw “{label}”: {plan.error}.
      </div>
    );
  }
  const { t, steps, tileStep, flash, standard } = plan;
  const last = steps.length;
  const s = Math.min(last, Math.max(0, Math.floor(step ?? inner)));
  const setStep = (next: number) => {
    setInner(next);
    onStepChange?.(next);
  };
  const current = s > 0 ? steps[s - 1] : undefined;
  const reads = current?.totalReads ?? 0;
  const writes = current?.totalWrites ?? t.seqLen * t.headDim + 2 * t.seqLen;
  const kvBlock = current?.col ?? -1;
  const qBlock = current?.kind === 'tile' ? current.row : -1;
  const flashTotal = flash.reads + flash.writes;
  const standardTotal = standard.reads + standard.writes;

  // geometry
  const H = 240; // height of the HBM strips and of the tile grid
  const stripW = 30;
  const strip = (
    x: number,
    name: string,
    blocks: number,
    blockSize: number,
    active: number,
    color: string,
  ) => (
    <g transform={`translate(${x}, 24)`}>
      <text x={stripW / 2} y={-8} textAnchor="middle" fontSize={13} fontWeight={600}>
        {name}
      </text>
      {Array.from({ length: blocks }, (_, b) => {
        const [start, len] = blockSpan(b, blockSize, t.seqLen);
        return (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks are positions
            key={b}
            data-block={`${name}${b}`}
            data-active={b === active}
            y={(start / t.seqLen) * H}
            width={stripW}
            height={(len / t.seqLen) * H}
            fill={b === active ? color : '#ffffff'}
            stroke="#4a5263"
            strokeWidth={0.6}
          />
        );
      })}
    </g>
  );
  const gridX = 470;
  const cellW = H / t.colBlocks;
  const cellH = H / t.rowBlocks;
  const sram = current && current.kind !== 'skip' ? current.sramUsed : 0;
  const sramFrac = Math.min(1, sram / t.sramFloats);
  const barMax = Math.max(flashTotal, standardTotal);

  return (
    <figure
      className="ba-figure"
      data-testid="flash-attention-tiling"
      data-step={s}
      data-reads={reads}
      data-writes={writes}
      aria-label={label}
    >
      <StepControls step={s} last={last} name="Schedule step" onChange={setStep} />
      <svg
        width={740}
        height={H + 60}
        viewBox={`0 0 740 ${H + 60}`}
        role="img"
        aria-label={`${label}: ${describeStep(t, current, s, last)}`}
      >
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
        </defs>
        {/* HBM */}
        <rect
          x={0}
          y={0}
          width={200}
          height={H + 40}
          rx={6}
          fill="none"
          stroke="#6b7280"
          strokeDasharray="4 3"
        />
        <text x={100} y={H + 56} textAnchor="middle" fontSize={12}>
          HBM (large, slow): N × d each
        </text>
        {strip(16, 'Q', t.rowBlocks, t.blockRows, qBlock, OKABE_ITO_BY_NAME.orange)}
        {strip(62, 'K', t.colBlocks, t.blockCols, kvBlock, OKABE_ITO_BY_NAME.skyBlue)}
        {strip(108, 'V', t.colBlocks, t.blockCols, kvBlock, OKABE_ITO_BY_NAME.skyBlue)}
        {strip(154, 'O', t.rowBlocks, t.blockRows, qBlock, OKABE_ITO_BY_NAME.orange)}
        {/* SRAM */}
        <g transform="translate(250, 40)">
          <rect width={170} height={170} rx={6} fill="none" stroke="#4a5263" strokeWidth={1.5} />
          <text x={85} y={-10} textAnchor="middle" fontSize={12}>
            SRAM (on chip): M = {formatGrouped(t.sramFloats)} floats
          </text>
          {kvBlock >= 0 && current?.kind !== 'skip' && (
            <g>
              <rect x={10} y={12} width={70} height={26} fill={OKABE_ITO_BY_NAME.skyBlue} />
              <text x={45} y={29} textAnchor="middle" fontSize={12}>
                K{sub(kvBlock)}, V{sub(kvBlock)}
              </text>
            </g>
          )}
          {qBlock >= 0 && (
            <g>
              <rect x={90} y={12} width={70} height={26} fill={OKABE_ITO_BY_NAME.orange} />
              <text x={125} y={29} textAnchor="middle" fontSize={12}>
                Q{sub(qBlock)}, O{sub(qBlock)}
              </text>
              <rect
                x={10}
                y={50}
                width={150}
                height={48}
                fill="#ffffff"
                stroke={OKABE_ITO_BY_NAME.vermillion}
                strokeWidth={2}
              />
              <text x={85} y={70} textAnchor="middle" fontSize={12}>
                S = Q{sub(qBlock)}K{sub(kvBlock)}ᵀ, softmax,
              </text>
              <text x={85} y={88} textAnchor="middle" fontSize={12}>
                O{sub(qBlock)} ← rescaled O{sub(qBlock)} + P̃V{sub(kvBlock)}
              </text>
            </g>
          )}
          {current?.kind === 'skip' && (
            <text x={85} y={70} textAnchor="middle" fontSize={12}>
              masked tile: nothing loaded
            </text>
          )}
          <text x={10} y={124} fontSize={11}>
            in use: {formatGrouped(sram)} floats
          </text>
          <rect x={10} y={132} width={150} height={10} fill="#ffffff" stroke="#6b7280" />
          <rect x={10} y={132} width={150 * sramFrac} height={10} fill={OKABE_ITO_BY_NAME.blue} />
        </g>
        {/* arrows for the current step's traffic */}
        {current && current.kind !== 'skip' && (
          <g fontSize={11}>
            <line
              x1={200}
              y1={H / 2 - 6}
              x2={246}
              y2={H / 2 - 6}
              stroke={OKABE_ITO_BY_NAME.blue}
              strokeWidth={2}
              markerEnd=""
            />
            <polygon
              points={`246,${H / 2 - 10} 252,${H / 2 - 6} 246,${H / 2 - 2}`}
              fill={OKABE_ITO_BY_NAME.blue}
            />
            <text x={226} y={H / 2 - 12} textAnchor="middle">
              read
            </text>
            {current.writes > 0 && (
              <>
                <line
                  x1={250}
                  y1={H / 2 + 14}
                  x2={206}
                  y2={H / 2 + 14}
                  stroke={OKABE_ITO_BY_NAME.vermillion}
                  strokeWidth={2}
                />
                <polygon
                  points={`206,${H / 2 + 10} 200,${H / 2 + 14} 206,${H / 2 + 18}`}
                  fill={OKABE_ITO_BY_NAME.vermillion}
                />
                <text x={226} y={H / 2 + 30} textAnchor="middle">
                  write
                </text>
              </>
            )}
          </g>
        )}
        {/* the tile grid over the N × N attention matrix */}
        <g transform={`translate(${gridX}, 24)`}>
          <text x={H / 2} y={-8} textAnchor="middle" fontSize={12}>
            key blocks (K/V) →
          </text>
          <text transform={`translate(-8, ${H / 2}) rotate(-90)`} textAnchor="middle" fontSize={12}>
            query blocks (Q/O) ↓
          </text>
          {Array.from({ length: t.rowBlocks * t.colBlocks }, (_, p) => {
            const i = Math.floor(p / t.colBlocks);
            const j = p % t.colBlocks;
            const k = tileStep[p];
            const kind = steps[k]?.kind;
            const status =
              k === s - 1 ? 'current' : k < s - 1 ? (kind === 'skip' ? 'skipped' : 'done') : 'pending';
            const fill =
              status === 'current'
                ? kind === 'skip'
                  ? `url(#${hatchId})`
                  : OKABE_ITO_BY_NAME.vermillion
                : status === 'done'
                  ? OKABE_ITO_BY_NAME.green
                  : status === 'skipped' || (causal && kind === 'skip')
                    ? `url(#${hatchId})`
                    : '#ffffff';
            return (
              <rect
                key={`${i},${j}`}
                data-tile={`${i},${j}`}
                data-status={status}
                x={j * cellW}
                y={i * cellH}
                width={cellW}
                height={cellH}
                fill={fill}
                stroke={status === 'current' ? '#1d2330' : '#c4c9d4'}
                strokeWidth={status === 'current' ? 2 : 0.5}
              />
            );
          })}
          <rect width={H} height={H} fill="none" stroke="#6b7280" />
        </g>
        <g transform={`translate(${gridX}, ${H + 40})`} fontSize={11}>
          <rect width={10} height={10} fill={OKABE_ITO_BY_NAME.green} />
          <text x={14} y={9}>
            done
          </text>
          <rect x={56} width={10} height={10} fill={OKABE_ITO_BY_NAME.vermillion} />
          <text x={70} y={9}>
            now
          </text>
          <rect x={106} width={10} height={10} fill={`url(#${hatchId})`} stroke="#6b7280" strokeWidth={0.5} />
          <text x={120} y={9}>
            masked: skipped
          </text>
        </g>
      </svg>
      <p className="ba-figure__readout" aria-live="polite" aria-atomic="true">
        {describeStep(t, current, s, last)}
      </p>
      <dl className="ba-figure__stats">
        <dt>Blocks</dt>
        <dd>
          B_r = {t.blockRows}, B_c = {t.blockCols}; {t.rowBlocks} × {t.colBlocks} tiles
        </dd>
        <dt>HBM reads so far</dt>
        <dd data-testid="hbm-reads">{formatGrouped(reads)} floats</dd>
        <dt>HBM writes so far</dt>
        <dd data-testid="hbm-writes">{formatGrouped(writes)} floats</dd>
        <dt>FlashAttention, whole pass</dt>
        <dd>{formatGrouped(flashTotal)} floats</dd>
        <dt>Standard attention (4N² + 4Nd)</dt>
        <dd>{formatGrouped(standardTotal)} floats</dd>
        <dt>Standard ÷ FlashAttention</dt>
        <dd data-testid="io-ratio">{(standardTotal / flashTotal).toFixed(2)}×</dd>
      </dl>
      <svg
        width={520}
        height={54}
        role="img"
        aria-label={`HBM traffic: FlashAttention ${formatGrouped(flashTotal)} floats, standard attention ${formatGrouped(standardTotal)} floats`}
      >
        <text x={0} y={14} fontSize={12}>
          FlashAttention
        </text>
        <rect
          x={130}
          y={4}
          width={Math.max(1, (380 * flashTotal) / barMax)}
          height={14}
          fill={OKABE_ITO_BY_NAME.blue}
        />
        <text x={0} y={40} fontSize={12}>
          Standard
        </text>
        <rect
          x={130}
          y={30}
          width={Math.max(1, (380 * standardTotal) / barMax)}
          height={14}
          fill={OKABE_ITO_BY_NAME.orange}
        />
      </svg>
      <details>
        <summary>Show the whole schedule as a table</summary>
        <table>
          <caption>{label}: every step with its HBM traffic (floats)</caption>
          <thead>
            <tr>
              <th scope="col">step</th>
              <th scope="col">action</th>
              <th scope="col">reads</th>
              <th scope="col">writes</th>
              <th scope="col">total reads</th>
              <th scope="col">total writes</th>
            </tr>
          </thead>
          <tbody>
            {steps.slice(0, 512).map((st, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are positions
              <tr key={k}>
                <th scope="row">{k + 1}</th>
                <td>
                  {st.kind === 'load-kv'
                    ? `load K${sub(st.col)}, V${sub(st.col)}`
                    : `${st.kind} (Q${sub(st.row)}, K${sub(st.col)})`}
                </td>
                <td>{formatGrouped(st.reads)}</td>
                <td>{formatGrouped(st.writes)}</td>
                <td>{formatGrouped(st.totalReads)}</td>
                <td>{formatGrouped(st.totalWrites)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {steps.length > 512 && <p>First 512 of {steps.length} steps.</p>}
      </details>
    </figure>
  );
}
