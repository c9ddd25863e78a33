/**
 * Dense layers: y = x·W + b (row-major x [R, K], W [K, N]) and the tied LM head y = x·Eᵀ, all through the
 * register-blocked gemmABt (C += A·Bᵗ); operands are transposed once per call so every product walks k
 * contiguously.
 */
import { gemmABt, transpose } from '../gemm';
import type { Tape, Var } from '../tape';
import { addBiasWasm, columnSumsWasm, gemmWasm } from './denseWasm';

/** y [R, N] = x [R, K] · W [K, N] (+ b [N]). Backward: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_rows dy. */
export function linear(tape: Tape, x: Var, W: Var, b?: Var): Var {
  const [R, K] = [x.rows, x.cols];
  const [Kw, N] = [W.rows, W.cols];
  if (K !== Kw) throw new RangeError(`linear: x has ${K} columns, W has ${Kw} rows`);
  if (b && b.data.length !== N) throw new RangeError(`linear: bias has ${b.data.length} values, need ${N}`);
  const kernels = tape.kernels;
  if (kernels) {
    const out = tape.var(tape.output(R * N), [R, N]);
    gemmWasm(kernels, x.data, W.data, out.data, R, N, K);
    if (b) addBiasWasm(kernels, out.data, b.data, R, N);
    tape.record(() => {
      gemmWasm(kernels, out.grad, W.data, x.grad, R, K, N, { transB: true, accumulate: true });
      gemmWasm(kernels, x.data, out.grad, W.grad, K, N, R, { transA: true, accumulate: true });
      if (b) columnSumsWasm(kernels, out.grad, b.grad, R, N);
    });
    return out;
  }
  const y = tape.floats(R * N);
  gemmABt(x.data, transpose(W.data, K, N), y, R, N, K, false);
  if (b) for (let r = 0; r < R; r++) for (let n = 0; n < N; n++) y[r * N + n] += b.data[n];
  const out = tape.var(y, [R, N]);
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
  const kernels = tape.kernels;
  if (kernels) {
    const out = tape.var(tape.output(R * V), [R, V]);
    gemmWasm(kernels, x.data, E.data, out.data, R, V, d, { transB: true });
    tape.record(() => {
      gemmWasm(kernels, out.grad, E.data, x.grad, R, d, V, { accumulate: true });
      gemmWasm(kernels, out.grad, x.data, E.grad, V, d, R, { transA: true, accumulate: true });
    });
    return out;
  }
  const y = tape.floats(R * V);
  gemmABt(x.data, E.data, y, R, V, d, false);
  const out = tape.var(y, [R, V]);
  tape.record(() => {
    const dy = out.grad;
    gemmABt(dy, transpose(E.data, V, d), x.grad, R, d, V, true);
    gemmABt(transpose(dy, R, V), transpose(x.data, R, d), E.grad, V, d, R, true);
  });
  return out;
}
