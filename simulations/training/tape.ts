/**
 * A minimal reverse-mode autograd, llm.c style: every op computes its forward pass eagerly into a new `Var`
 * and records one closure that, run in reverse order, adds its inputs' gradients from its output's gradient.
 * The tape's storage decides the precision: float64 (the reference; finite-difference checks are exact to
 * ~1e-9) or float32 views into WebAssembly memory (the fast path, where `kernels` is set and ops call Wasm).
 */
import { type Floats, float64Storage, type Storage } from './storage';
import type { TrainKernels } from './trainKernels';

export class Var {
  private gradient?: Floats;

  constructor(
    /** The values; rebound only by the float32 engine when WebAssembly memory moves (see trainArena.ts). */
    public data: Floats,
    /** Rows × columns for matrices, [n] for vectors; ops check what they need. */
    readonly shape: readonly number[],
    /** Where the gradient is allocated (the same storage as the values). */
    private readonly storage: Storage = float64Storage,
  ) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (n !== data.length)
      throw new RangeError(`Var of shape [${shape.join(', ')}] got ${data.length} values`);
  }

  /** The gradient buffer, allocated (zero) on first use. */
  get grad(): Floats {
    if (!this.gradient) this.gradient = this.storage.floats(this.data.length);
    return this.gradient;
  }

  get hasGrad(): boolean {
    return this.gradient !== undefined;
  }

  zeroGrad(): void {
    this.gradient?.fill(0);
  }

  /** Points the Var at new arrays (same length): the float32 engine's persistent parameters after memory grew. */
  rebind(data: Floats, grad?: Floats): void {
    this.data = data;
    this.gradient = grad;
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

  constructor(
    readonly storage: Storage = float64Storage,
    /** The float32 path's WebAssembly kernels and threads; absent on the float64 reference. */
    readonly kernels?: TrainKernels,
  ) {}

  /** A zero-filled array in this tape's storage (an op's output or what its backward keeps). */
  floats(n: number): Floats {
    return this.storage.floats(n);
  }

  /** An array every element of which the caller writes before any is read (Wasm kernels' outputs): not zeroed. */
  output(n: number): Floats {
    return this.storage.output ? this.storage.output(n) : this.storage.floats(n);
  }

  /** A Var over `data` in this tape's storage (copied in when it lives elsewhere). */
  var(data: Floats, shape: readonly number[]): Var {
    return new Var(this.storage.adopt(data), shape, this.storage);
  }

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
