/**
 * The binding rule, the one ground truth for ANY token sequence (the playground's free editing): a key followed
 * immediately by a value binds that key; a later occurrence of a bound key is a query whose answer is the value
 * MOST RECENTLY bound to it (so re-binding overwrites). Labels follow Zoology: labels[t] is the target for the
 * prediction made at t, −100 where there is nothing to recall. On MQAR examples with `randomNonQueries: false`
 * this reproduces the generator's labels exactly (tested). The same pass names each token's role (the editor's
 * K/V/Q chips), so the chips and the answers can never disagree.
 */
import type { Vocabulary } from '../vocabulary/vocabulary';
import { IGNORE_INDEX } from './example';

/** A token's part in the binding rule: a key that binds, the value it binds, or a query of a bound key. */
export type BindingRole = 'key' | 'value' | 'query';

export interface Bindings {
  /** Zoology labels: the expected answer at each query, IGNORE_INDEX elsewhere. */
  labels: Int32Array;
  /** Each token's role (a re-bound key that is also asked for is a query); null for the rest. */
  roles: (BindingRole | null)[];
}

export function readBindings(
  tokens: ArrayLike<number>,
  vocab: Pick<Vocabulary, 'isKey' | 'isValue'>,
): Bindings {
  const labels = new Int32Array(tokens.length).fill(IGNORE_INDEX);
  const roles: (BindingRole | null)[] = new Array(tokens.length).fill(null);
  const bound = new Map<number, number>();
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    if (!vocab.isKey(token)) continue;
    const value = bound.get(token);
    if (value !== undefined) {
      labels[t] = value;
      roles[t] = 'query';
    }
    if (t + 1 < tokens.length && vocab.isValue(tokens[t + 1])) {
      bound.set(token, tokens[t + 1]);
      roles[t] ??= 'key';
      roles[t + 1] = 'value';
    }
  }
  return { labels, roles };
}

/** The binding rule's answers (Zoology labels) for `tokens`. */
export function expectedAnswers(
  tokens: ArrayLike<number>,
  vocab: Pick<Vocabulary, 'isKey' | 'isValue'>,
): Int32Array {
  return readBindings(tokens, vocab).labels;
}
