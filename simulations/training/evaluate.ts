/** Held-out evaluation with Zoology's metric (per-example accuracy over labelled positions, then the mean). */
import type { ModelConfig } from '../model/config';
import type { TaskExample } from '../tasks/example';
import { Tape } from './tape';
import { type ParamVars, trainingForward } from './trainingModel';

export interface Evaluation {
  accuracy: number;
  loss: number;
}

/** Stacks equal-length examples into one batch. */
export function stack(examples: readonly TaskExample[]): {
  inputs: Int32Array;
  labels: Int32Array;
  seqLen: number;
} {
  const T = examples[0].inputs.length;
  const inputs = new Int32Array(examples.length * T);
  const labels = new Int32Array(examples.length * T);
  examples.forEach((e, i) => {
    if (e.inputs.length !== T) throw new RangeError('examples of one batch must have equal length');
    inputs.set(e.inputs, i * T);
    labels.set(e.labels, i * T);
  });
  return { inputs, labels, seqLen: T };
}

export function evaluate(
  config: ModelConfig,
  vars: ParamVars,
  examples: readonly TaskExample[],
  batchSize = 64,
  /** A fresh tape per batch (the float32 engine's resets its step memory); default the float64 reference. */
  newTape: () => Tape = () => new Tape(),
): Evaluation {
  let accuracySum = 0;
  let counted = 0;
  let lossSum = 0;
  let lossRows = 0;
  for (let start = 0; start < examples.length; start += batchSize) {
    const batch = stack(examples.slice(start, start + batchSize));
    const { loss, logits, rows, targets } = trainingForward(newTape(), config, vars, batch);
    const V = logits.cols;
    lossSum += loss.data[0] * rows.length;
    lossRows += rows.length;
    const hits = new Map<number, [number, number]>();
    rows.forEach((row, m) => {
      let best = 0;
      for (let v = 1; v < V; v++) if (logits.data[m * V + v] > logits.data[m * V + best]) best = v;
      const example = Math.floor(row / batch.seqLen);
      const [h, n] = hits.get(example) ?? [0, 0];
      hits.set(example, [h + (best === targets[m] ? 1 : 0), n + 1]);
    });
    for (const [h, n] of hits.values()) {
      accuracySum += h / n;
      counted++;
    }
  }
  return {
    accuracy: counted ? accuracySum / counted : Number.NaN,
    loss: lossRows ? lossSum / lossRows : Number.NaN,
  };
}
