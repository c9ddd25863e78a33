/**
 * A minimal reverse-mode autograd, llm.c style: every op computes its forward pass eagerly into a new `Var`
 * and records one closure that, run in reverse order, adds its inputs' gradients from its output's gradient.
 * Values are float64 so finite-difference checks are exact to ~1e-9; weights are stored as float32.
 */
export class Var {
  private gradient?: Float64Array;

  constructor(
    readonly data: Float64Array,
    /** Rows × columns for matrices, [n] for vectors; ops check what they need. */
    readonly shape: readonly number[],
  ) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (n !== data.length)
      throw new RangeError(`Var of shape [${shape.join(', ')}] got ${data.length} values`);
  }

  /** The gradient buffer, allocated (zero) on first use. */
  get grad(): Float64Array {
    if (!this.gradient) this.gradient = new Float64Array(this.data.length);
    return this.gradient;
  }

  get hasGrad(): boolean {
    return this.gradient !== undefined;
  }

  zeroGrad(): void {
    this.gradient?.fill(0);
  }

  get rows(): number {
    return this.shape[0];
  }

  get cols(): number {
    return this.shape.length > 1 ? this.shape[1] : 1;
  }
}

export class Tape {
  private readonly steps: (() => void)[] = [];

  /** Registers the backward step of an op that just ran. */
  record(backward: () => void): void {
    this.steps.push(backward);
  }

  /** d(loss)/d(everything) for a scalar loss; gradients accumulate into `.grad`. */
  backward(loss: Var): void {
    if (loss.data.length !== 1) throw new RangeError('backward needs a scalar loss');
    loss.grad[0] = 1;
    for (let i = this.steps.length - 1; i >= 0; i--) this.steps[i]();
    this.steps.length = 0;
  }
}

export const zerosVar = (shape: readonly number[]): Var =>
  new Var(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
