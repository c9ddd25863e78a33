/**
 * Top-k token routing of a mixture-of-experts layer (Shazeer et al. 2017; GShard, Lepikhin et al. 2020; Switch
 * Transformer, Fedus et al. 2022; Mixtral, Jiang et al. 2024), for T tokens and E experts.
 *
 *   logits = x W_r                          ([T, E], W_r the router weights)
 *   p_t    = softmax(logits_t)               (router probabilities)
 *   route  = the k experts of largest p_t, ties to the lower index
 *   gates  = p_t over those k, renormalised to sum to 1 (Mixtral's softmax over the top-k logits is the same)
 * Each expert takes at most C = ⌈capacityFactor · T · k / E⌉ assignments (Switch's expert capacity); the
 * assignments beyond C, in token order, are dropped (the token skips that expert through the residual).
 * Switch's load-balancing loss is E · Σ_e f_e P_e, with f_e the fraction of assignments routed to expert e
 * (before dropping) and P_e the mean router probability of e; it is 1 for a perfectly uniform router.
 */

export interface TopKRoutingOptions {
  /** Experts per token, 1 ≤ k ≤ E. */
  k: number;
  /** Expert capacity factor; Infinity (the default) never drops. */
  capacityFactor?: number;
}

/** One token's assignment to one expert. */
export interface ExpertAssignment {
  token: number;
  expert: number;
  /** Rank among the token's k choices (0 = the largest probability). */
  rank: number;
  /** The renormalised gate weight. */
  gate: number;
  /** False when the expert was already full (over capacity). */
  kept: boolean;
}

export interface TopKRouting {
  tokens: number;
  experts: number;
  k: number;
  /** Router probabilities [T, E]. */
  probs: Float64Array;
  /** T · k assignments, token-major, in rank order. */
  assignments: ExpertAssignment[];
  /** Kept assignments per expert, length E. */
  load: number[];
  /** Assignments per expert before dropping, length E. */
  demand: number[];
  /** Expert capacity C (Infinity when unlimited). */
  capacity: number;
  /** Number of dropped assignments. */
  dropped: number;
  /** Switch's auxiliary load-balancing loss E · Σ_e f_e P_e. */
  balanceLoss: number;
}

/** logits = x W_r for x [T, d] and W_r [d, E], row-major. */
export function routerLogits(
  x: Float32Array,
  wRouter: Float32Array,
  tokens: number,
  dim: number,
  experts: number,
) {
  if (x.length !== tokens * dim || wRouter.length !== dim * experts) {
    throw new RangeError(
      `Router shapes: x needs ${tokens}·${dim} values (got ${x.length}), W_r ${dim}·${experts} (got ${wRouter.length})`,
    );
  }
  const logits = new Float64Array(tokens * experts);
  for (let t = 0; t < tokens; t++) {
    for (let e = 0; e < experts; e++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += x[t * dim + c] * wRouter[c * experts + e];
      logits[t * experts + e] = s;
    }
  }
  return logits;
}

/** Routes T tokens given router logits [T, E]; throws on non-finite logits or an invalid k. */
export function topKRouting(
  logits: ArrayLike<number>,
  tokens: number,
  experts: number,
  { k, capacityFactor = Number.POSITIVE_INFINITY }: TopKRoutingOptions,
): TopKRouting {
  if (!Number.isInteger(experts) || experts < 1)
    throw new RangeError(`Need at least one expert, got ${experts}`);
  if (!Number.isInteger(tokens) || tokens < 0) throw new RangeError(`Token count must be ≥ 0, got ${tokens}`);
  if (!Number.isInteger(k) || k < 1 || k > experts)
    throw new RangeError(`k must be in 1 … ${experts}, got ${k}`);
  if (logits.length !== tokens * experts) {
    throw new RangeError(`Router logits need ${tokens} × ${experts} values, got ${logits.length}`);
  }
  if (!(capacityFactor > 0)) throw new RangeError(`Capacity factor must be > 0, got ${capacityFactor}`);
  const probs = new Float64Array(tokens * experts);
  for (let t = 0; t < tokens; t++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let e = 0; e < experts; e++) {
      const z = logits[t * experts + e];
      if (!Number.isFinite(z)) throw new RangeError(`Router logit (token ${t}, expert ${e}) is ${z}`);
      max = Math.max(max, z);
    }
    let sum = 0;
    for (let e = 0; e < experts; e++) sum += probs[t * experts + e] = Math.exp(logits[t * experts + e] - max);
    for (let e = 0; e < experts; e++) probs[t * experts + e] /= sum;
  }
  const capacity = Number.isFinite(capacityFactor)
    ? Math.ceil((capacityFactor * tokens * k) / experts)
    : capacityFactor;
  const load = new Array<number>(experts).fill(0);
  const demand = new Array<number>(experts).fill(0);
  const assignments: ExpertAssignment[] = [];
  for (let t = 0; t < tokens; t++) {
    const row = probs.subarray(t * experts, (t + 1) * experts);
    const order = Array.from({ length: experts }, (_, e) => e).sort((a, b) => row[b] - row[a] || a - b);
    const chosen = order.slice(0, k);
    const mass = chosen.reduce((s, e) => s + row[e], 0);
    chosen.forEach((expert, rank) => {
      demand[expert]++;
      const kept = load[expert] < capacity;
      if (kept) load[expert]++;
      assignments.push({ token: t, expert, rank, gate: row[expert] / mass, kept });
    });
  }
  let balanceLoss = 0;
  if (tokens > 0) {
    for (let e = 0; e < experts; e++) {
      let meanProb = 0;
      for (let t = 0; t < tokens; t++) meanProb += probs[t * experts + e];
      balanceLoss += (demand[e] / (tokens * k)) * (meanProb / tokens);
    }
    balanceLoss *= experts;
  }
  const dropped = assignments.filter((a) => !a.kept).length;
  return { tokens, experts, k, probs, assignments, load, demand, capacity, dropped, balanceLoss };
}
