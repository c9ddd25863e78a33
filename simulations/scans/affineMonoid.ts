/**
 * The scan element of a first-order linear recurrence h_t = a_t ⊙ h_{t−1} + b_t (architectures.md §3.13):
 * the affine map h ↦ a ⊙ h + b, composed left to right:
 *   (a₁, b₁) ∘ (a₂, b₂) = (a₁ ⊙ a₂, a₂ ⊙ b₁ + b₂)        — apply (a₁,b₁) first, then (a₂,b₂).
 * This is associative, so any prefix-scan network computes all h_t. States can be scalars (length 1), vectors
 * (elementwise a), or matrices flattened row-major (linear attention / Mamba states) with a either elementwise
 * or a single scalar broadcast over the matrix (a decay per head). Math is float64.
 */
export interface AffineElement {
  /** Decay, length 1 (broadcast) or the state size. */
  a: Float64Array;
  /** Input, length = state size. */
  b: Float64Array;
}

export const identityElement = (stateSize: number, broadcastA = false): AffineElement => ({
  a: new Float64Array(broadcastA ? 1 : stateSize).fill(1),
  b: new Float64Array(stateSize),
});

/** (a₁, b₁) ∘ (a₂, b₂): first apply element 1, then element 2. */
export function combine(first: AffineElement, second: AffineElement): AffineElement {
  const n = second.b.length;
  const aLen = Math.max(first.a.length, second.a.length);
  const a = new Float64Array(aLen);
  for (let i = 0; i < aLen; i++)
    a[i] = first.a[first.a.length === 1 ? 0 : i] * second.a[second.a.length === 1 ? 0 : i];
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = second.a[second.a.length === 1 ? 0 : i] * first.b[i] + second.b[i];
  return { a, b };
}

/** Folds an initial state h₀ into the first element: (a₁, a₁ ⊙ h₀ + b₁). */
export function withInitialState(first: AffineElement, h0: Float64Array): AffineElement {
  return combine({ a: new Float64Array(first.a.length).fill(0), b: h0 }, first);
}

/** The reference: h_t = a_t ⊙ h_{t−1} + b_t, one step at a time, from h₀ (zeros when omitted). */
export function sequentialRecurrence(elements: readonly AffineElement[], h0?: Float64Array): Float64Array[] {
  const out: Float64Array[] = [];
  let h = h0 ?? new Float64Array(elements[0]?.b.length ?? 0);
  for (const { a, b } of elements) {
    const next = new Float64Array(b.length);
    for (let i = 0; i < b.length; i++) next[i] = a[a.length === 1 ? 0 : i] * h[i] + b[i];
    out.push(next);
    h = next;
  }
  return out;
}
