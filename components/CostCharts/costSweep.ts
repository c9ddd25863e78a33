/**
 * Cost of each architecture over a range of sequence lengths N, from the engine's cost models
 * (`simulations/cost`): FLOPs of one forward pass and bytes of inference state, per whole model.
 */
import { ARCHITECTURE_COSTS, type CostParams, modelCost } from '../../simulations/cost/costModels';

/** One architecture's cost at one sequence length. */
export interface CostPoint {
  /** Sequence length N. */
  n: number;
  /** FLOPs of one forward pass over N tokens. */
  flops: number;
  /** Bytes kept for inference after N tokens (KV cache or fixed state). */
  stateBytes: number;
}

/** One architecture's cost curve. */
export interface CostCurve {
  /** Cost-model id, e.g. "attention". */
  id: string;
  /** Readable name. */
  name: string;
  /** Does its inference state grow with N (a cache) or stay fixed? */
  stateGrowsWithN: boolean;
  /** Costs in ascending N. */
  points: CostPoint[];
}

/** Powers of two from 2^lo to 2^hi, the usual N axis. */
export const powersOfTwo = (lo: number, hi: number): number[] =>
  Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => 2 ** (lo + i));

/** The cost curves of the given cost-model ids (every one by default) at the lengths `ns`. */
export function costSweep(
  ns: readonly number[],
  params: Omit<CostParams, 'N'>,
  ids: readonly string[] = ARCHITECTURE_COSTS.map((a) => a.id),
): CostCurve[] {
  return ids.map((id) => {
    const a = ARCHITECTURE_COSTS.find((x) => x.id === id);
    if (!a) throw new Error(`No cost model for “${id}”`);
    return {
      id,
      name: a.name,
      stateGrowsWithN: a.stateGrowsWithN,
      points: [...ns].sort((x, y) => x - y).map((n) => ({ n, ...modelCost([id], { ...params, N: n }) })),
    };
  });
}
