/**
 * Ground truth for free editing, induction style: at position i, if the token t_i appeared before, the expected
 * recall is the token that followed its MOST RECENT earlier copy (so a re-bound key recalls its latest value).
 * Positions whose token is new (or whose only earlier copy is at i − 1, with no successor before i) have no target.
 */
export interface InductionTarget {
  /** Query position i. */
  position: number;
  /** Position j + 1 of the token that followed the most recent earlier copy at j. */
  sourcePosition: number;
  /** The expected token, t_{j+1}. */
  expected: string;
}

export function inductionTargets(tokens: readonly string[]): InductionTarget[] {
  const lastSeen = new Map<string, number>();
  const targets: InductionTarget[] = [];
  tokens.forEach((token, i) => {
    const j = lastSeen.get(token);
    if (j !== undefined && j + 1 < i)
      targets.push({ position: i, sourcePosition: j + 1, expected: tokens[j + 1] });
    lastSeen.set(token, i);
  });
  return targets;
}
