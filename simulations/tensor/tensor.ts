/**
 * A minimal dense tensor: a row-major Float32Array plus its shape. Deliberately small — the engine's hot loops
 * index `data` directly; this type exists to carry shapes across APIs and to check them.
 */
export interface Tensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((n, d) => {
    if (!Number.isInteger(d) || d < 0)
      throw new RangeError(`Invalid dimension ${d} in shape [${shape.join(', ')}]`);
    return n * d;
  }, 1);
}

/** Wraps data in a tensor, checking that its length matches the shape. */
export function tensor(data: Float32Array | readonly number[], shape: readonly number[]): Tensor {
  const values = data instanceof Float32Array ? data : Float32Array.from(data);
  const n = sizeOf(shape);
  if (values.length !== n) {
    throw new RangeError(`Tensor data has ${values.length} values; shape [${shape.join(', ')}] needs ${n}`);
  }
  return { data: values, shape: [...shape] };
}

export function zeros(shape: readonly number[]): Tensor {
  return { data: new Float32Array(sizeOf(shape)), shape: [...shape] };
}

/** Row-major strides of a shape, e.g. [2, 3, 4] → [12, 4, 1]. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** Throws unless `t` has exactly `shape` (use −1 for "any"). `what` names the tensor in the message. */
export function assertShape(t: Tensor, shape: readonly number[], what: string): void {
  const ok = t.shape.length === shape.length && shape.every((d, i) => d === -1 || d === t.shape[i]);
  if (!ok) throw new RangeError(`${what} has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
}
