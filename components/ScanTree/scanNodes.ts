/**
 * The drawable nodes of a scan network: one per operation, on the wire of the slot it writes, at the row of its
 * level, with the other wire it reads from (the diagonal edge of the circuit).
 */
import type { ScanNetwork, ScanOp } from '../../simulations/scans/scanNetworks';

export interface ScanNode {
  /** 1-based level: the node's row (row 0 is the inputs). */
  level: number;
  /** The slot written (the wire the node sits on). */
  target: number;
  /** The other slot read, drawn as an edge into the node; null for identity and ∘-input ops. */
  source: number | null;
  type: ScanOp['type'];
}

export function scanNodes(network: ScanNetwork): ScanNode[] {
  const nodes: ScanNode[] = [];
  network.levels.forEach((level, k) => {
    for (const op of level.ops) {
      const source =
        op.type === 'combine'
          ? op.left === op.target
            ? op.right
            : op.left
          : op.type === 'copy'
            ? op.source
            : null;
      nodes.push({ level: k + 1, target: op.target, source, type: op.type });
    }
  });
  return nodes;
}

/** The equation an op computes, in slot names, e.g. "x[3] ← x[1] ∘ x[3]". */
export function describeOp(op: ScanOp): string {
  switch (op.type) {
    case 'combine':
      return `x[${op.target}] ← x[${op.left}] ∘ x[${op.right}]`;
    case 'copy':
      return `x[${op.target}] ← x[${op.source}]`;
    case 'identity':
      return `x[${op.target}] ← identity (1, 0)`;
    case 'combineInput':
      return `x[${op.target}] ← x[${op.target}] ∘ input[${op.target}]`;
  }
}

/** Human names of the networks. */
export const SCAN_NAMES = {
  sequential: 'Sequential',
  hillisSteele: 'Hillis–Steele',
  blelloch: 'Blelloch',
  brentKung: 'Brent–Kung',
  sklansky: 'Sklansky',
} as const;
