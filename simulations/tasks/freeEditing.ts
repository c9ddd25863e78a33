/**
 * Ground truth for ANY token sequence (the playground's free editing): a key followed immediately by a value
 * binds that key; a later occurrence of a bound key is a query whose answer is the value MOST RECENTLY bound
 * to it (so re-binding overwrites). Labels follow Zoology: labels[t] is the target for the prediction made at
 * t, −100 where there is nothing to recall. On MQAR examples with `randomNonQueries: false` this reproduces the
 * generator's labels exactly (tested).
 */
import type { Vocabulary } from '../vocabulary/vocabulary';
import { IGNORE_INDEX } from './example';

export function expectedAnswers(
  tokens: ArrayLike<number>,
  vocab: Pick<Vocabulary, 'isKey' | 'isValue'>,
): Int32Array {
  const labels = new Int32Array(tokens.length).fill(IGNORE_INDEX);
  const bound = new Map<number, number>();
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (!vocab.isKey(token)) continue;
    const value = bound.get(token);
    if (value !== undefined) labels[t] = value;
    if (t + 1 < tokens.length && vocab.isValue(tokens[t + 1])) bound.set(token, tokens[t + 1]);
  }
  return labels;
}
