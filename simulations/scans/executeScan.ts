import { type AffineElement, combine, identityElement, withInitialState } from './affineMonoid';
import type { ScanNetwork } from './scanNetworks';

export interface ScanExecution {
  /** h_t for t = 1 … n. */
  states: Float64Array[];
  /** The slots after each level (for animating the network with real values). */
  trace: AffineElement[][];
}

/**
 * Runs a scan network on elements (a_t, b_t) of h_t = a_t ⊙ h_{t−1} + b_t and returns every h_t. Levels run
 * with synchronous semantics: each op reads the slots as they were before its level.
 */
export function executeScanNetwork(
  network: ScanNetwork,
  elements: readonly AffineElement[],
  h0?: Float64Array,
): ScanExecution {
  if (elements.length !== network.n)
    throw new RangeError(`Network is for ${network.n} elements, got ${elements.length}`);
  const stateSize = elements[0].b.length;
  const broadcast = elements.every((e) => e.a.length === 1) && stateSize > 1;
  const inputs = elements.map((e, i) => (i === 0 && h0 ? withInitialState(e, h0) : e));
  const padded = [...inputs];
  while (padded.length < network.paddedSize) padded.push(identityElement(stateSize, broadcast));
  let slots = [...padded];
  const trace: AffineElement[][] = [];
  for (const level of network.levels) {
    const next = [...slots];
    for (const op of level.ops) {
      if (op.type === 'combine') next[op.target] = combine(slots[op.left], slots[op.right]);
      else if (op.type === 'copy') next[op.target] = slots[op.source];
      else if (op.type === 'identity') next[op.target] = identityElement(stateSize, broadcast);
      else next[op.target] = combine(slots[op.target], padded[op.target]);
    }
    slots = next;
    trace.push(slots);
  }
  // With h₀ folded into the first element (or h₀ = 0), h_t is the b-part of the t-th prefix.
  return { states: slots.slice(0, network.n).map((s) => s.b), trace };
}
