/**
 * Finite-difference gradient checks (float64, central differences) for the ops and mixers of training:
 * the loss is Σ w·y with fixed random weights w, so every output element matters.
 */
import { createRng, type Rng } from '../random/rng';
import { Tape, Var } from './tape';

/** A Var of the given shape with N(0, scale²) entries. */
export function randomVar(shape: number[], rng: Rng, scale = 1): Var {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Var(
    Float64Array.from({ length: n }, () => scale * rng.nextNormal()),
    shape,
  );
}

/** Σ w·y as a scalar Var. */
export function weightedSum(tape: Tape, y: Var, w: Float64Array): Var {
  let s = 0;
  for (let i = 0; i < y.data.length; i++) s += w[i] * y.data[i];
  const out = new Var(Float64Array.of(s), [1]);
  tape.record(() => {
    const g = out.grad[0];
    const gy = y.grad;
    for (let i = 0; i < gy.length; i++) gy[i] += g * w[i];
  });
  return out;
}

export interface GradCheckResult {
  /** Largest |analytic − numeric| / max(1, |numeric|) over the checked entries. */
  maxError: number;
  checked: number;
}

/**
 * Compares d(Σ w·f(inputs))/d(input) from the tape with central differences, on up to `samples` entries of
 * every input (all entries when smaller).
 */
export function gradCheck(
  f: (tape: Tape, inputs: Var[]) => Var,
  inputs: Var[],
  { seed = 1, samples = 24, h = 1e-6 }: { seed?: number; samples?: number; h?: number } = {},
): GradCheckResult {
  const rng = createRng(seed);
  const probe = f(new Tape(), inputs);
  const w = Float64Array.from({ length: probe.data.length }, () => rng.nextNormal());
  const loss = (tape: Tape) => weightedSum(tape, f(tape, inputs), w);
  for (const v of inputs) v.zeroGrad();
  const tape = new Tape();
  tape.backward(loss(tape));
  const analytic = inputs.map((v) => Float64Array.from(v.grad));
  let maxError = 0;
  let checked = 0;
  inputs.forEach((v, vi) => {
    const n = v.data.length;
    const picks = n <= samples ? [...Array(n).keys()] : Array.from({ length: samples }, () => rng.nextInt(n));
    for (const i of picks) {
      const keep = v.data[i];
      v.data[i] = keep + h;
      const plus = loss(new Tape()).data[0];
      v.data[i] = keep - h;
      const minus = loss(new Tape()).data[0];
      v.data[i] = keep;
      const numeric = (plus - minus) / (2 * h);
      maxError = Math.max(maxError, Math.abs(analytic[vi][i] - numeric) / Math.max(1, Math.abs(numeric)));
      checked++;
    }
  });
  return { maxError, checked };
}
