/** Dense layers: y = x·W + b (row-major x [R, K], W [K, N]) and the tied LM head y = x·Eᵀ. */
import { type Tape, Var } from '../tape';

/** y [R, N] = x [R, K] · W [K, N] (+ b [N]). Backward: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_rows dy. */
export function linear(tape: Tape, x: Var, W: Var, b?: Var): Var {
  const [R, K] = [x.rows, x.cols];
  const [Kw, N] = [W.rows, W.cols];
  if (K !== Kw) throw new RangeError(`linear: x has ${K} columns, W has ${Kw} rows`);
  if (b && b.data.length !== N) throw new RangeError(`linear: bias has ${b.data.length} values, need ${N}`);
  const xd = x.data;
  const wd = W.data;
  const y = new Float64Array(R * N);
  for (let r = 0; r < R; r++) {
    const yo = r * N;
    if (b) y.set(b.data, yo);
    for (let k = 0; k < K; k++) {
      const xv = xd[r * K + k];
      if (xv === 0) continue;
      const wo = k * N;
      for (let n = 0; n < N; n++) y[yo + n] += xv * wd[wo + n];
    }
  }
  const out = new Var(y, [R, N]);
  tape.record(() => {
    const dy = out.grad;
    const dx = x.grad;
    const dW = W.grad;
    for (let r = 0; r < R; r++) {
      const yo = r * N;
      for (let k = 0; k < K; k++) {
        const wo = k * N;
        let s = 0;
        for (let n = 0; n < N; n++) s += dy[yo + n] * wd[wo + n];
        dx[r * K + k] += s;
        const xv = xd[r * K + k];
        if (xv === 0) continue;
        for (let n = 0; n < N; n++) dW[wo + n] += xv * dy[yo + n];
      }
    }
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
  for (let r = 0; r < R; r++)
    for (let v = 0; v < V; v++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += x.data[r * d + c] * E.data[v * d + c];
      y[r * V + v] = s;
    }
  const out = new Var(y, [R, V]);
  tape.record(() => {
    const dy = out.grad;
    const dx = x.grad;
    const dE = E.grad;
    for (let r = 0; r < R; r++)
      for (let v = 0; v < V; v++) {
        const g = dy[r * V + v];
        if (g === 0) continue;
        for (let c = 0; c < d; c++) {
          dx[r * d + c] += g * E.data[v * d + c];
          dE[v * d + c] += g * x.data[r * d + c];
        }
      }
  });
  return out;
}
