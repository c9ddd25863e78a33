/** Token embedding lookup and learned absolute positions for a batch of B sequences of length T. */
import type { Tape, Var } from '../tape';

/** x [B·T, d]: row (b, t) = E[tokens[b·T + t]] (+ P[t] when positions are given). */
export function embed(tape: Tape, tokens: Int32Array, T: number, E: Var, positions?: Var): Var {
  const [V, d] = [E.rows, E.cols];
  const R = tokens.length;
  if (R % T !== 0) throw new RangeError(`embed: ${R} tokens are not whole sequences of ${T}`);
  if (positions && positions.rows < T)
    throw new RangeError(`embed: ${T} positions requested, the table has ${positions.rows}`);
  for (const token of tokens)
    if (!(token >= 0 && token < V)) throw new RangeError(`embed: token ${token} outside 0 … ${V - 1}`);
  const kernels = tape.kernels;
  if (kernels) {
    // Tokens as int32 in the kernels' memory; rows split across threads, the scatter-add backward on one.
    const room = tape.floats(R);
    const ids = new Int32Array(room.buffer, room.byteOffset, R);
    ids.set(tokens);
    const out = tape.var(tape.output(R * d), [R, d]);
    const P = positions ? kernels.offset(positions.data) : 0;
    const lookup = [kernels.offset(room), kernels.offset(E.data), P, kernels.offset(out.data)];
    kernels.run('embedForward', [...lookup, R, T, d, positions ? 1 : 0], R, { work: R * d });
    tape.record(() => {
      const dP = positions ? kernels.offset(positions.grad) : 0;
      const grads = [kernels.offset(room), kernels.offset(out.grad), kernels.offset(E.grad), dP];
      kernels.run('embedBackward', [...grads, R, T, d, positions ? 1 : 0], R, { work: 0 });
    });
    return out;
  }
  const y = tape.floats(R * d);
  for (let r = 0; r < R; r++) {
    const token = tokens[r];
    for (let c = 0; c < d; c++)
      y[r * d + c] = E.data[token * d + c] + (positions ? positions.data[(r % T) * d + c] : 0);
  }
  const out = tape.var(y, [R, d]);
  tape.record(() => {
    const g = out.grad;
    const gE = E.grad;
    const gP = positions?.grad;
    for (let r = 0; r < R; r++)
      for (let c = 0; c < d; c++) {
        gE[tokens[r] * d + c] += g[r * d + c];
        if (gP) gP[(r % T) * d + c] += g[r * d + c];
      }
  });
  return out;
}

/** The rows of x [R, d] at the given indices → [indices.length, d]. */
export function gatherRows(tape: Tape, x: Var, indices: readonly number[]): Var {
  const d = x.cols;
  const y = tape.floats(indices.length * d);
  indices.forEach((r, i) => {
    y.set(x.data.subarray(r * d, (r + 1) * d), i * d);
  });
  const out = tape.var(y, [indices.length, d]);
  tape.record(() => {
    const g = out.grad;
    const gx = x.grad;
    indices.forEach((r, i) => {
      for (let c = 0; c < d; c++) gx[r * d + c] += g[i * d + c];
    });
  });
  return out;
}
