/** Mean softmax cross-entropy of logits [M, V] against targets [M] (PyTorch's F.cross_entropy). */
import type { Tape, Var } from '../tape';

export function crossEntropy(tape: Tape, logits: Var, targets: Int32Array): Var {
  const [M, V] = [logits.rows, logits.cols];
  if (targets.length !== M) throw new RangeError(`crossEntropy: ${M} rows, ${targets.length} targets`);
  const probs = new Float64Array(M * V);
  let loss = 0;
  for (let m = 0; m < M; m++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let v = 0; v < V; v++) max = Math.max(max, logits.data[m * V + v]);
    let sum = 0;
    for (let v = 0; v < V; v++) {
      probs[m * V + v] = Math.exp(logits.data[m * V + v] - max);
      sum += probs[m * V + v];
    }
    for (let v = 0; v < V; v++) probs[m * V + v] /= sum;
    loss -= Math.log(probs[m * V + targets[m]]);
  }
  const out = tape.var(Float64Array.of(M === 0 ? 0 : loss / M), [1]);
  tape.record(() => {
    const g = out.grad[0] / M;
    const gl = logits.grad;
    for (let m = 0; m < M; m++)
      for (let v = 0; v < V; v++) gl[m * V + v] += g * (probs[m * V + v] - (v === targets[m] ? 1 : 0));
  });
  return out;
}
