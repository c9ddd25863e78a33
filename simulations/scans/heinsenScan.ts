/**
 * Heinsen's log-space scan (glassroom/heinsen_sequence; architectures.md §5) for positive scalars:
 *   a*_t = Σ_{s ≤ t} log a_s,   log h_t = a*_t + logcumsumexp_{s ≤ t}(log b_s − a*_s),
 * with h₀ entering as b₀ (a*₀ = 0). Two prefix sums, so O(log n) depth on parallel hardware.
 */
export function heinsenScan(a: ArrayLike<number>, b: ArrayLike<number>, h0 = 0): Float64Array {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`heinsenScan: ${a.length} decays vs ${b.length} inputs`);
  for (let t = 0; t < n; t++)
    if (!(a[t] > 0 && b[t] > 0)) throw new RangeError(`heinsenScan needs positive a and b (index ${t})`);
  if (h0 < 0) throw new RangeError('heinsenScan needs h0 ≥ 0');
  const out = new Float64Array(n);
  let aStar = 0;
  // Running log-sum-exp of (log b_s − a*_s), starting from the h₀ term.
  let lse = h0 > 0 ? Math.log(h0) : Number.NEGATIVE_INFINITY;
  for (let t = 0; t < n; t++) {
    aStar += Math.log(a[t]);
    const term = Math.log(b[t]) - aStar;
    const m = Math.max(lse, term);
    lse = m + Math.log(Math.exp(lse - m) + Math.exp(term - m));
    out[t] = Math.exp(aStar + lse);
  }
  return out;
}
