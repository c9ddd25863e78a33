/**
 * Feature maps φ of linear attention (architectures.md §3.3): softmax(q·k) is replaced by φ(q)·φ(k).
 *  - eluPlusOne: elu(x) + 1 (Katharopoulos et al. 2020), positive;
 *  - relu, identity;
 *  - taylor (Based): φ(x) = [1, x/f^{1/4}, vec(x xᵀ)/(√2·√f)] so φ(q)·φ(k) = 1 + q·k/√f + (q·k)²/(2f), the
 *    2nd-order Taylor expansion of exp(q·k/√f). We follow Based's code and fla, which scale by 1/√f; the
 *    paper's Eq. 4 omits it. Output size 1 + f + f² (the full outer product; the Based paper's state-size count
 *    uses the symmetric half, 1 + f + f(f+1)/2 — see cost/costModels.ts).
 */
export type FeatureMapKind = 'eluPlusOne' | 'relu' | 'identity' | 'taylor';

export function featureSize(kind: FeatureMapKind, f: number): number {
  return kind === 'taylor' ? 1 + f + f * f : f;
}

/** φ applied to one vector x[offset … offset+f), written into out[outOffset …). */
export function applyFeatureMap(
  kind: FeatureMapKind,
  x: ArrayLike<number>,
  offset: number,
  f: number,
  out: Float64Array,
  outOffset: number,
): void {
  switch (kind) {
    case 'eluPlusOne':
      for (let i = 0; i < f; i++) {
        const v = x[offset + i];
        out[outOffset + i] = v > 0 ? v + 1 : Math.exp(v);
      }
      return;
    case 'relu':
      for (let i = 0; i < f; i++) out[outOffset + i] = Math.max(0, x[offset + i]);
      return;
    case 'identity':
      for (let i = 0; i < f; i++) out[outOffset + i] = x[offset + i];
      return;
    case 'taylor': {
      const s1 = 1 / Math.sqrt(Math.sqrt(f));
      const s2 = 1 / (Math.SQRT2 * Math.sqrt(f));
      out[outOffset] = 1;
      for (let i = 0; i < f; i++) out[outOffset + 1 + i] = x[offset + i] * s1;
      for (let i = 0; i < f; i++)
        for (let j = 0; j < f; j++) out[outOffset + 1 + f + i * f + j] = x[offset + i] * x[offset + j] * s2;
      return;
    }
  }
}

/** φ of every row of x [rows, f] → [rows, featureSize]. */
export function featureRows(
  kind: FeatureMapKind,
  x: ArrayLike<number>,
  rows: number,
  f: number,
): Float64Array {
  const D = featureSize(kind, f);
  const out = new Float64Array(rows * D);
  for (let r = 0; r < rows; r++) applyFeatureMap(kind, x, r * f, f, out, r * D);
  return out;
}
