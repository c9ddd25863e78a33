/**
 * Prefix-scan networks as explicit computation graphs, so the UI can draw each circuit and animate it level by
 * level with real values (architectures.md §5). A network is a list of levels; the operations of a level run
 * in parallel with synchronous semantics — every op reads the values from before its level — and no two ops of
 * a level write the same slot (checked by tests).
 *
 * Ops on slots x[0 … n−1]:
 *   combine   x[target] ← x[left] ∘ x[right]     (left is the earlier prefix; counted as work)
 *   copy      x[target] ← x[source]              (Blelloch's down-sweep "swap"; not counted as work)
 *   identity  x[target] ← identity               (Blelloch clears the root)
 *   combineInput x[target] ← x[target] ∘ input[target]   (Blelloch's exclusive → inclusive; counted as work)
 *
 * Arbitrary n: Hillis–Steele, Sklansky and Brent–Kung are built directly for n (ops that would touch slots ≥ n
 * are dropped, which keeps them correct); Blelloch's tree is built for the next power of two and its slots
 * ≥ n hold the identity — the counts report that padded network honestly (`paddedSize`).
 */
export type ScanKind = 'sequential' | 'hillisSteele' | 'blelloch' | 'brentKung' | 'sklansky';
export const SCAN_KINDS: readonly ScanKind[] = [
  'sequential',
  'hillisSteele',
  'blelloch',
  'brentKung',
  'sklansky',
];

export type ScanOp =
  | { type: 'combine'; left: number; right: number; target: number }
  | { type: 'copy'; source: number; target: number }
  | { type: 'identity'; target: number }
  | { type: 'combineInput'; target: number };

export interface ScanLevel {
  /** What this level does, for captions ("up-sweep, stride 4"). */
  phase: string;
  ops: ScanOp[];
}

export interface ScanNetwork {
  kind: ScanKind;
  /** Number of real elements. */
  n: number;
  /** Slots the network works on (n, or the next power of two for Blelloch). */
  paddedSize: number;
  levels: ScanLevel[];
  /** Number of levels. */
  depth: number;
  /** Number of ∘ operations (combine + combineInput). */
  work: number;
  /** Data movements that are not ∘ (Blelloch's swaps and root clear). */
  moves: number;
}

const combineOp = (left: number, right: number): ScanOp => ({ type: 'combine', left, right, target: right });

function finish(kind: ScanKind, n: number, paddedSize: number, levels: ScanLevel[]): ScanNetwork {
  const nonEmpty = levels.filter((l) => l.ops.length > 0);
  let work = 0;
  let moves = 0;
  for (const l of nonEmpty)
    for (const op of l.ops) op.type === 'combine' || op.type === 'combineInput' ? work++ : moves++;
  return { kind, n, paddedSize, levels: nonEmpty, depth: nonEmpty.length, work, moves };
}

function sequential(n: number): ScanLevel[] {
  return Array.from({ length: Math.max(0, n - 1) }, (_, i) => ({
    phase: `step ${i + 1}`,
    ops: [combineOp(i, i + 1)],
  }));
}

/** Kogge–Stone / Hillis–Steele: at distance d = 1, 2, 4, …, every slot i ≥ d takes x[i−d] ∘ x[i]. */
function hillisSteele(n: number): ScanLevel[] {
  const levels: ScanLevel[] = [];
  for (let d = 1; d < n; d *= 2) {
    levels.push({
      phase: `distance ${d}`,
      ops: Array.from({ length: n - d }, (_, k) => combineOp(k, k + d)),
    });
  }
  return levels;
}

/** Sklansky: at level k, every slot whose bit k is set takes the last slot of the preceding 2^k-block. */
function sklansky(n: number): ScanLevel[] {
  const levels: ScanLevel[] = [];
  for (let s = 1; s < n; s *= 2) {
    const ops: ScanOp[] = [];
    for (let i = 0; i < n; i++) if (i & s) ops.push(combineOp(Math.floor(i / (2 * s)) * 2 * s + s - 1, i));
    levels.push({ phase: `blocks of ${2 * s}`, ops });
  }
  return levels;
}

/** Brent–Kung: a reduction tree up (stride 1, 2, 4, …), then the missing prefixes filled in going down. */
function brentKung(n: number): ScanLevel[] {
  const levels: ScanLevel[] = [];
  let top = 1;
  for (let d = 1; d < n; d *= 2) {
    const ops: ScanOp[] = [];
    for (let i = 2 * d - 1; i < n; i += 2 * d) ops.push(combineOp(i - d, i));
    levels.push({ phase: `up-sweep, stride ${d}`, ops });
    top = d;
  }
  for (let d = top / 2; d >= 1; d /= 2) {
    const ops: ScanOp[] = [];
    for (let i = 3 * d - 1; i < n; i += 2 * d) ops.push(combineOp(i - d, i));
    levels.push({ phase: `down-sweep, stride ${d}`, ops });
  }
  return levels;
}

/** Blelloch (1990): up-sweep reduce, clear the root, down-sweep (left ← parent; right ← parent ∘ old left), then ∘ input. */
function blelloch(paddedSize: number): ScanLevel[] {
  const levels: ScanLevel[] = [];
  for (let d = 1; d < paddedSize; d *= 2) {
    const ops: ScanOp[] = [];
    for (let i = 2 * d - 1; i < paddedSize; i += 2 * d) ops.push(combineOp(i - d, i));
    levels.push({ phase: `up-sweep, stride ${d}`, ops });
  }
  levels.push({ phase: 'clear the root', ops: [{ type: 'identity', target: paddedSize - 1 }] });
  for (let d = paddedSize / 2; d >= 1; d /= 2) {
    const ops: ScanOp[] = [];
    for (let i = 2 * d - 1; i < paddedSize; i += 2 * d) {
      ops.push({ type: 'copy', source: i, target: i - d });
      // The right child gets (parent prefix) ∘ (old left subtree): parent sits in slot i, old left in slot i − d.
      ops.push({ type: 'combine', left: i, right: i - d, target: i });
    }
    levels.push({ phase: `down-sweep, stride ${d}`, ops });
  }
  levels.push({
    phase: 'exclusive → inclusive',
    ops: Array.from({ length: paddedSize }, (_, i) => ({ type: 'combineInput' as const, target: i })),
  });
  return levels;
}

export function buildScanNetwork(kind: ScanKind, n: number): ScanNetwork {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`A scan needs n ≥ 1 elements, got ${n}`);
  switch (kind) {
    case 'sequential':
      return finish(kind, n, n, sequential(n));
    case 'hillisSteele':
      return finish(kind, n, n, hillisSteele(n));
    case 'sklansky':
      return finish(kind, n, n, sklansky(n));
    case 'brentKung':
      return finish(kind, n, n, brentKung(n));
    case 'blelloch': {
      const padded = 2 ** Math.ceil(Math.log2(n));
      return finish(kind, n, padded, blelloch(padded));
    }
  }
}
