/**
 * Runs one scan network of the engine on a scalar affine recurrence h_t = a_t·h_{t−1} + b_t (h₋₁ = 0), keeping
 * every level's slots for drawing, and the sequential reference it must reproduce (architectures.md §5).
 */
import { type AffineElement, sequentialRecurrence } from '../../simulations/scans/affineMonoid';
import { executeScanNetwork } from '../../simulations/scans/executeScan';
import { buildScanNetwork, type ScanKind, type ScanNetwork } from '../../simulations/scans/scanNetworks';

/** Every slot's value after one level: slot i holds the affine map h ↦ a[i]·h + b[i]. */
export interface SlotValues {
  a: Float64Array;
  b: Float64Array;
}

export interface ScanRun {
  network: ScanNetwork;
  /** slots[k] = every slot after k levels; slots[0] holds the inputs (padded with the identity (1, 0)). */
  slots: SlotValues[];
  /** The sequential reference h_t, t = 0 … n−1. */
  reference: number[];
  /** max_t |h_t(network) − h_t(sequential)| after the last level (0 when both are the same non-finite value). */
  maxError: number;
}

/** Why the inputs cannot be scanned, or null when they can. */
export function scanInputProblem(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  if (a.length !== b.length) return `a has ${a.length} values but b has ${b.length}; they must match.`;
  if (a.length === 0) return 'There are no elements to scan.';
  const bad: string[] = [];
  for (let t = 0; t < a.length; t++) {
    if (!Number.isFinite(a[t])) bad.push(`a[${t}] = ${a[t]}`);
    if (!Number.isFinite(b[t])) bad.push(`b[${t}] = ${b[t]}`);
  }
  if (bad.length === 0) return null;
  const shown = bad.slice(0, 4).join(', ');
  return `The recurrence has values that are not finite numbers: ${shown}${bad.length > 4 ? ` and ${bad.length - 4} more` : ''}.`;
}

/** |x − y|, treating equal infinities as equal. */
const gap = (x: number, y: number) => (x === y ? 0 : Math.abs(x - y));

const toSlots = (level: readonly AffineElement[]): SlotValues => ({
  a: Float64Array.from(level, (e) => e.a[0]),
  b: Float64Array.from(level, (e) => e.b[0]),
});

/** Builds the `kind` network for n = a.length and executes it level by level. Inputs must pass scanInputProblem. */
export function runScan(kind: ScanKind, a: ArrayLike<number>, b: ArrayLike<number>): ScanRun {
  const n = a.length;
  const network = buildScanNetwork(kind, n);
  const elements: AffineElement[] = Array.from({ length: n }, (_, t) => ({
    a: Float64Array.of(a[t]),
    b: Float64Array.of(b[t]),
  }));
  const { trace } = executeScanNetwork(network, elements);
  const inputs: SlotValues = {
    a: Float64Array.from({ length: network.paddedSize }, (_, t) => (t < n ? a[t] : 1)),
    b: Float64Array.from({ length: network.paddedSize }, (_, t) => (t < n ? b[t] : 0)),
  };
  const slots = [inputs, ...trace.map(toSlots)];
  const reference = sequentialRecurrence(elements).map((h) => h[0]);
  const last = slots[slots.length - 1];
  let maxError = 0;
  for (let t = 0; t < n; t++) maxError = Math.max(maxError, gap(last.b[t], reference[t]));
  return { network, slots, reference, maxError };
}

/** Work (∘ operations) and moves done after `level` levels. */
export function progressAt(network: ScanNetwork, level: number): { work: number; moves: number } {
  let work = 0;
  let moves = 0;
  for (const l of network.levels.slice(0, level))
    for (const op of l.ops) op.type === 'combine' || op.type === 'combineInput' ? work++ : moves++;
  return { work, moves };
}

/** How many positions t already hold h_t (the b of their slot equals the sequential h_t within `tol`) after `level` levels. */
export function positionsDone(run: ScanRun, level: number, tol = 1e-9): number {
  const slots = run.slots[level];
  let done = 0;
  for (let t = 0; t < run.network.n; t++) {
    const ref = run.reference[t];
    if (gap(slots.b[t], ref) <= tol * Math.max(1, Math.abs(ref))) done++;
  }
  return done;
}
