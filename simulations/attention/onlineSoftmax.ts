/**
 * Online (streaming) softmax attention over key blocks — the identity FlashAttention and Ring Attention rest on.
 *
 * A partial over a set of keys J for one query row keeps
 *   m = max_{j∈J} s_j,   l = Σ_{j∈J} e^{s_j − m},   acc = Σ_{j∈J} e^{s_j − m} v_j
 * and two partials over disjoint key sets merge exactly (Milakov & Gimelshein 2018; FlashAttention Alg. 1):
 *   m = max(m₁, m₂),  l = e^{m₁−m} l₁ + e^{m₂−m} l₂,  acc = e^{m₁−m} acc₁ + e^{m₂−m} acc₂.
 * After all keys, y = acc / l equals softmax attention. A row that has seen no visible key has m = −∞, l = 0.
 * Accumulation is in float64.
 */

/** Running softmax statistics of `rows` query rows with `dim`-wide values. */
export interface SoftmaxPartial {
  rows: number;
  dim: number;
  /** Row maxima m, length rows (−∞ where no key was visible). */
  m: Float64Array;
  /** Row sums l = Σ e^{s − m}, length rows. */
  l: Float64Array;
  /** Unnormalised outputs Σ e^{s − m} v, [rows, dim]. */
  acc: Float64Array;
}

/** An empty partial: no keys seen yet. */
export function emptyPartial(rows: number, dim: number): SoftmaxPartial {
  return {
    rows,
    dim,
    m: new Float64Array(rows).fill(Number.NEGATIVE_INFINITY),
    l: new Float64Array(rows),
    acc: new Float64Array(rows * dim),
  };
}

/** One block of queries against one block of keys/values, as positions into head-major [T, dh] arrays. */
export interface BlockPair {
  /** One head's queries, keys and values, each [T, dh]. */
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  headDim: number;
  /** First query position and number of queries. */
  qStart: number;
  qLen: number;
  /** First key position and number of keys. */
  kStart: number;
  kLen: number;
  /** Drop keys after the query (global positions). */
  causal: boolean;
}

/** The partial of a query block over one key block (S = Q Kᵀ/√d_h, causally masked by global position). */
export function blockPartial({ q, k, v, headDim: dh, qStart, qLen, kStart, kLen, causal }: BlockPair) {
  const part = emptyPartial(qLen, dh);
  const scale = 1 / Math.sqrt(dh);
  const s = new Float64Array(kLen);
  for (let r = 0; r < qLen; r++) {
    const i = qStart + r;
    const visible = causal ? Math.min(kLen, i - kStart + 1) : kLen;
    if (visible <= 0) continue;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < visible; c++) {
      let dot = 0;
      for (let x = 0; x < dh; x++) dot += q[i * dh + x] * k[(kStart + c) * dh + x];
      s[c] = dot * scale;
      if (s[c] > max) max = s[c];
    }
    let sum = 0;
    for (let c = 0; c < visible; c++) {
      const p = Math.exp(s[c] - max);
      sum += p;
      for (let x = 0; x < dh; x++) part.acc[r * dh + x] += p * v[(kStart + c) * dh + x];
    }
    part.m[r] = max;
    part.l[r] = sum;
  }
  return part;
}

/** Folds partial `b` into `a` in place (the merge rule above); both cover the same query rows. */
export function mergePartial(a: SoftmaxPartial, b: SoftmaxPartial): void {
  if (a.rows !== b.rows || a.dim !== b.dim) {
    throw new RangeError(`Cannot merge partials of [${a.rows}, ${a.dim}] and [${b.rows}, ${b.dim}]`);
  }
  for (let r = 0; r < a.rows; r++) {
    if (b.m[r] === Number.NEGATIVE_INFINITY) continue;
    const m = Math.max(a.m[r], b.m[r]);
    const wa = a.m[r] === Number.NEGATIVE_INFINITY ? 0 : Math.exp(a.m[r] - m);
    const wb = Math.exp(b.m[r] - m);
    a.m[r] = m;
    a.l[r] = wa * a.l[r] + wb * b.l[r];
    for (let x = 0; x < a.dim; x++) {
      a.acc[r * a.dim + x] = wa * a.acc[r * a.dim + x] + wb * b.acc[r * a.dim + x];
    }
  }
}

/** y = acc / l, written into `out` at row offset `rowOffset` of a [*, dim] array (rows with l = 0 give 0). */
export function finishPartial(p: SoftmaxPartial, out: Float32Array, rowOffset: number): void {
  for (let r = 0; r < p.rows; r++) {
    const inv = p.l[r] > 0 ? 1 / p.l[r] : 0;
    for (let x = 0; x < p.dim; x++) out[(rowOffset + r) * p.dim + x] = p.acc[r * p.dim + x] * inv;
  }
}
