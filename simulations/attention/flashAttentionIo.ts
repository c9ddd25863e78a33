/**
 * FlashAttention's tiling and its HBM traffic (Dao et al. 2022, "FlashAttention: Fast and Memory-Efficient
 * Exact Attention with IO-Awareness"), counted in floats read from / written to HBM for one head.
 *
 * Standard attention (the paper's Algorithm 0) materialises S = QKᵀ and P = softmax(S) in HBM:
 *   reads  Q, K (2Nd) + S (N²) + P (N²) + V (Nd) = 2N² + 3Nd
 *   writes S (N²) + P (N²) + O (Nd)              = 2N² + Nd                      → Θ(Nd + N²) accesses.
 * FlashAttention (Algorithm 1) with on-chip SRAM of M floats uses blocks B_c = ⌈M / 4d⌉, B_r = min(B_c, d),
 * T_r = ⌈N / B_r⌉ row blocks and T_c = ⌈N / B_c⌉ column blocks. The outer loop loads K_j, V_j once; the inner
 * loop loads Q_i, O_i, ℓ_i, m_i, updates them in SRAM by online softmax and writes O_i, ℓ_i, m_i back:
 *   reads  2Nd + T_c (2Nd + 2N),   writes (Nd + 2N) [initialising O, ℓ, m] + T_c (Nd + 2N)
 * which is Θ(N² d² / M) (Theorem 2). With a causal mask, tiles entirely above the diagonal are skipped (no IO).
 */
import {
  type AttentionInputs,
  type AttentionResult,
  validateAttentionInputs,
} from './causalSoftmaxAttention';
import {
  blockPartial,
  emptyPartial,
  finishPartial,
  mergePartial,
  type SoftmaxPartial,
} from './onlineSoftmax';

/** Block sizes and counts of Algorithm 1 for sequence length N, head width d and SRAM of M floats. */
export interface FlashTiling {
  seqLen: number;
  headDim: number;
  sramFloats: number;
  /** B_r: query rows per tile. */
  blockRows: number;
  /** B_c: key columns per tile. */
  blockCols: number;
  /** T_r = ⌈N / B_r⌉. */
  rowBlocks: number;
  /** T_c = ⌈N / B_c⌉. */
  colBlocks: number;
}

/** HBM traffic in floats. */
export interface IoCount {
  reads: number;
  writes: number;
}

/** One step of the schedule: loading a K/V block, processing (or skipping) one Q tile against it. */
export interface FlashStep {
  kind: 'load-kv' | 'tile' | 'skip';
  /** Column block j (keys/values). */
  col: number;
  /** Row block i (queries), −1 for 'load-kv'. */
  row: number;
  /** Floats read from / written to HBM by this step. */
  reads: number;
  writes: number;
  /** Totals including this step (and the initial write of O, ℓ, m). */
  totalReads: number;
  totalWrites: number;
  /** Floats resident in SRAM during the step: K_j, V_j and, for a tile, Q_i, O_i, ℓ_i, m_i and S_ij. */
  sramUsed: number;
}

const positiveInt = (name: string, n: number) => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${n}`);
};

/** Algorithm 1's block sizes: B_c = ⌈M / 4d⌉, B_r = min(B_c, d). */
export function flashTiling(seqLen: number, headDim: number, sramFloats: number): FlashTiling {
  positiveInt('seqLen', seqLen);
  positiveInt('headDim', headDim);
  positiveInt('sramFloats', sramFloats);
  const blockCols = Math.min(seqLen, Math.ceil(sramFloats / (4 * headDim)));
  const blockRows = Math.min(seqLen, blockCols, headDim);
  return {
    seqLen,
    headDim,
    sramFloats,
    blockRows,
    blockCols,
    rowBlocks: Math.ceil(seqLen / blockRows),
    colBlocks: Math.ceil(seqLen / blockCols),
  };
}

/** [start, length] of block b of size `size` over N positions (the last block may be shorter). */
export const blockSpan = (b: number, size: number, N: number): [number, number] => [
  b * size,
  Math.min(size, N - b * size),
];

/** Standard attention's HBM traffic (Algorithm 0): S and P go through HBM. Same with or without a mask. */
export function standardAttentionIo(seqLen: number, headDim: number): IoCount {
  const N = seqLen;
  const d = headDim;
  return { reads: 2 * N * N + 3 * N * d, writes: 2 * N * N + N * d };
}

/** The closed form of FlashAttention's traffic without skipping (all T_r × T_c tiles). */
export function flashAttentionIoClosedForm(t: FlashTiling): IoCount {
  const N = t.seqLen;
  const d = t.headDim;
  return {
    reads: 2 * N * d + t.colBlocks * (2 * N * d + 2 * N),
    writes: N * d + 2 * N + t.colBlocks * (N * d + 2 * N),
  };
}

/** A tile (row block i, column block j) lies entirely above the diagonal: every key comes after every query. */
export function tileMasked(t: FlashTiling, i: number, j: number): boolean {
  const [qStart, qLen] = blockSpan(i, t.blockRows, t.seqLen);
  const [kStart] = blockSpan(j, t.blockCols, t.seqLen);
  return kStart > qStart + qLen - 1;
}

/** Every step of Algorithm 1 in order with its HBM traffic; `causal` skips fully masked tiles. */
export function flashAttentionSchedule(t: FlashTiling, causal: boolean): FlashStep[] {
  const N = t.seqLen;
  const d = t.headDim;
  const steps: FlashStep[] = [];
  let totalReads = 0;
  let totalWrites = N * d + 2 * N; // O ← 0, ℓ ← 0, m ← −∞ in HBM
  for (let j = 0; j < t.colBlocks; j++) {
    const [, kLen] = blockSpan(j, t.blockCols, N);
    const kv = 2 * kLen * d;
    totalReads += kv;
    steps.push({
      kind: 'load-kv',
      col: j,
      row: -1,
      reads: kv,
      writes: 0,
      totalReads,
      totalWrites,
      sramUsed: kv,
    });
    for (let i = 0; i < t.rowBlocks; i++) {
      const [, qLen] = blockSpan(i, t.blockRows, N);
      if (causal && tileMasked(t, i, j)) {
        steps.push({
          kind: 'skip',
          col: j,
          row: i,
          reads: 0,
          writes: 0,
          totalReads,
          totalWrites,
          sramUsed: kv,
        });
        continue;
      }
      const reads = 2 * qLen * d + 2 * qLen; // Q_i, O_i, ℓ_i, m_i
      const writes = qLen * d + 2 * qLen; // O_i, ℓ_i, m_i
      totalReads += reads;
      totalWrites += writes;
      steps.push({
        kind: 'tile',
        col: j,
        row: i,
        reads,
        writes,
        totalReads,
        totalWrites,
        sramUsed: kv + reads + qLen * kLen,
      });
    }
  }
  return steps;
}

/** Total traffic of a schedule (its last step's running totals). */
export function scheduleIo(steps: readonly FlashStep[], t: FlashTiling): IoCount {
  const last = steps.at(-1);
  return last
    ? { reads: last.totalReads, writes: last.totalWrites }
    : { reads: 0, writes: t.seqLen * t.headDim + 2 * t.seqLen };
}

/**
 * Causal attention computed tile by tile in Algorithm 1's order (outer loop over K/V blocks, inner over Q
 * blocks) with online softmax: the per-row (m, ℓ, O) live "in HBM" between tiles. Returns outputs only — the
 * point of FlashAttention is that the T × T weights never exist.
 */
export function flashAttentionForward(
  inputs: AttentionInputs,
  sramFloats: number,
): Pick<AttentionResult, 'output'> {
  validateAttentionInputs(inputs);
  const { q, k, v, heads, seqLen: N, headDim: d } = inputs;
  const t = flashTiling(N, d, sramFloats);
  const output = new Float32Array(heads * N * d);
  for (let h = 0; h < heads; h++) {
    const slice = (x: Float32Array) => x.subarray(h * N * d, (h + 1) * N * d);
    const hq = slice(q);
    const hk = slice(k);
    const hv = slice(v);
    const rows: SoftmaxPartial[] = Array.from({ length: t.rowBlocks }, (_, i) =>
      emptyPartial(blockSpan(i, t.blockRows, N)[1], d),
    );
    for (let j = 0; j < t.colBlocks; j++) {
      const [kStart, kLen] = blockSpan(j, t.blockCols, N);
      for (let i = 0; i < t.rowBlocks; i++) {
        if (tileMasked(t, i, j)) continue;
        const [qStart, qLen] = blockSpan(i, t.blockRows, N);
        const tile = blockPartial({
          q: hq,
          k: hk,
          v: hv,
          headDim: d,
          qStart,
          qLen,
          kStart,
          kLen,
          causal: true,
        });
        mergePartial(rows[i], tile);
      }
    }
    const out = output.subarray(h * N * d, (h + 1) * N * d);
    rows.forEach((p, i) => {
      finishPartial(p, out, i * t.blockRows);
    });
  }
  return { output };
}
