/**
 * Dense layers: y = x·W + b (row-major x [R, K], W [K, N]) and the tied LM head y = x·Eᵀ, all through the
 * register-blocked gemmABt (C += A·Bᵗ); operands are transposed once per call so every product walks k
 * contiguously.
 */
import { gemmABt, transpose } from '../gemm';
import { type Tape, Var } from '../tape';

/** y [R, N] = x [R, K] · W [K, N] (+ b [N]). Backward: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_rows dy. */
export function linear(tape: Tape, x: Var, W: Var, b?: Var): Var {
  const [R, K] = [x.rows, x.cols];
  const [Kw, N] = [W.rows, W.cols];
  if (K !== Kw) throw new RangeError(`linear: x has ${K} columns, W has ${Kw} rows`);
  if (b && b.data.length !== N) throw new RangeError(`linear: bias has ${b.data.length} values, need ${N}`);
  const y = new Float64Array(R * N);
  gemmABt(x.data, transpose(W.data, K, N), y, R, N, K, false);
  if (b) for (let r = 0; r < R; r++) for (let n = 0; n < N; n++) y[r * N + n] += b.data[n];
  const out = new Var(y, [R, N]);
  tape.record(() => {
    const dy = out.grad;
    gemmABt(dy, W.data, x.grad, R, K, N, true);
    gemmABt(transpose(x.data, R, K), transpose(dy, R, N), W.grad, K, N, R, true);
    if (b) {
      const db = b.grad;
      for (let r = 0; r < R; r++) for (let n = 0; n < N; n++) db[n] += dy[r * N + n];
    }
  });
  return out;
}

/** y [R, V] = x [R, d] · Eᵀ with E [V, d] (the tied LM head). */
export function linearTransposed(tape: Tape, x: Var, E: Var): Var {
  const [R, d] = [x.rows, x.cols];
  const V = E.rows;
  if (E.cols !== d) throw new RangeError(`linearTransposed: x has ${d} columns, E has ${E.cols}`);
  const y = new Float64Array(R * V);
  gemmABt(x.data, E.data, y, R, V, d, false);
  const out = new Var(y, [R, V]);
  tape.record(() => {
    const dy = out.grad;
    gemmABt(dy, transpose(E.data, V, d), x.grad, R, d, V, true);
    gemmABt(transpose(dy, R, V), transpose(x.data, R, d), E.grad, V, d, R, true);
  });
  return out;
}
