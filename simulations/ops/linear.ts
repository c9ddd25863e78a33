/** y = x·W + b for x [T, dIn], W [dIn, dOut] (row-major, "in × out" as in JAX/our weight files), b [dOut]. */
export function linear(
  x: Float32Array,
  T: number,
  dIn: number,
  W: Float32Array,
  dOut: number,
  b?: Float32Array,
): Float32Array {
  if (x.length !== T * dIn) throw new RangeError(`linear: x has ${x.length} values, expected ${T}×${dIn}`);
  if (W.length !== dIn * dOut)
    throw new RangeError(`linear: W has ${W.length} values, expected ${dIn}×${dOut}`);
  if (b && b.length !== dOut) throw new RangeError(`linear: b has ${b.length} values, expected ${dOut}`);
  const y = new Float32Array(T * dOut);
  const acc = new Float64Array(dOut);
  for (let t = 0; t < T; t++) {
    if (b) for (let o = 0; o < dOut; o++) acc[o] = b[o];
    else acc.fill(0);
    for (let i = 0; i < dIn; i++) {
      const xi = x[t * dIn + i];
      if (xi === 0) continue;
      const row = i * dOut;
      for (let o = 0; o < dOut; o++) acc[o] += xi * W[row + o];
    }
    y.set(acc, t * dOut);
  }
  return y;
}

/** Gathers rows of a [V, d] table: out[t] = table[ids[t]]. */
export function embed(
  ids: ArrayLike<number>,
  table: Float32Array,
  vocabSize: number,
  d: number,
): Float32Array {
  const out = new Float32Array(ids.length * d);
  for (let t = 0; t < ids.length; t++) {
    const id = ids[t];
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize)
      throw new RangeError(`Token ${id} at position ${t} is outside the vocabulary 0 … ${vocabSize - 1}`);
    out.set(table.subarray(id * d, (id + 1) * d), t * d);
  }
  return out;
}

/** Elementwise a + b (new array). */
export function add(a: Float32Array, b: Float32Array): Float32Array {
  if (a.length !== b.length) throw new RangeError(`add: ${a.length} vs ${b.length} values`);
  const y = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) y[i] = a[i] + b[i];
  return y;
}
