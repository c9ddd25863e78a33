import type { Rng } from '../random/rng';

/** k distinct items from `pool`, uniformly (partial Fisher–Yates); numpy's `choice(replace=False)` distribution. */
export function sampleWithoutReplacement<T>(pool: readonly T[], k: number, rng: Rng): T[] {
  if (k > pool.length) throw new RangeError(`Cannot draw ${k} distinct items from ${pool.length}`);
  const a = [...pool];
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

/**
 * k distinct indices drawn with probabilities `p`, without replacement: each draw picks from the remaining
 * indices with probability proportional to p (numpy's `choice(replace=False, p=p)` does the same successive
 * renormalised draws).
 */
export function weightedSampleWithoutReplacement(p: readonly number[], k: number, rng: Rng): number[] {
  if (k > p.length) throw new RangeError(`Cannot draw ${k} distinct indices from ${p.length}`);
  const weights = [...p];
  let total = weights.reduce((a, b) => a + b, 0);
  const chosen: number[] = [];
  for (let draw = 0; draw < k; draw++) {
    let u = rng.nextFloat() * total;
    let pick = -1;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] <= 0) continue;
      pick = i;
      u -= weights[i];
      if (u < 0) break;
    }
    chosen.push(pick);
    total -= weights[pick];
    weights[pick] = 0;
  }
  return chosen;
}
