/** Zoology's label value for "no target here": ignored by the loss and by accuracy. */
export const IGNORE_INDEX = -100;

/**
 * One training/test example in Zoology's convention: `labels[t]` is the target for the prediction the model
 * makes at position t (i.e. the next token), or IGNORE_INDEX.
 */
export interface TaskExample {
  inputs: Int32Array;
  labels: Int32Array;
}

/**
 * Zoology's accuracy (`train.py: compute_metrics`): per example, the fraction of non-ignored positions where the
 * prediction equals the label; then the mean over examples. Examples without any target are skipped.
 */
export function zoologyAccuracy(
  predictions: readonly ArrayLike<number>[],
  labels: readonly ArrayLike<number>[],
): number {
  if (predictions.length !== labels.length) {
    throw new RangeError(`${predictions.length} predictions for ${labels.length} label rows`);
  }
  let sum = 0;
  let counted = 0;
  predictions.forEach((pred, e) => {
    const lab = labels[e];
    let hits = 0;
    let n = 0;
    for (let t = 0; t < lab.length; t++) {
      if (lab[t] === IGNORE_INDEX) continue;
      n++;
      if (pred[t] === lab[t]) hits++;
    }
    if (n > 0) {
      sum += hits / n;
      counted++;
    }
  });
  return counted === 0 ? Number.NaN : sum / counted;
}

/**
 * Disjoint seeds for data splits, as Zoology's `prepare_data` keeps train and test segments apart:
 * split s of a run with base seed b uses seed b·1000 + s (s < 1000).
 */
export function splitSeed(baseSeed: number, split: 'train' | 'validation' | 'test'): number {
  const offset = { train: 0, validation: 1, test: 2 }[split];
  return baseSeed * 1000 + offset;
}
