/**
 * Two hand-built attention heads over a word sequence — NOT a trained model. They make the attention pattern
 * of the first vertical slice meaningful before the trained zoo exists, and they are labelled as such in the UI.
 *
 * Every distinct word w gets a fixed random unit embedding e(w) ∈ ℝ^d (seeded from the word itself), so the
 * pattern depends only on which words repeat, never on the vocabulary order.
 *
 * - Head 0, "induction" (Olsson et al., 2022): q_i = β·√d·e(t_i), k_j = e(t_{j−1}) (k_0 = 0), v_j = e(t_j).
 *   A query attends to the token that FOLLOWED an earlier copy of itself — associative recall in one head:
 *   in "ant 3 bee 5 ant" the last "ant" attends to "3".
 * - Head 1, "copy match": q_i = β·√d·e(t_i), k_j = e(t_j), v_j = e(t_j). A query attends to earlier copies
 *   of its own word (and itself).
 *
 * The √d cancels attention's 1/√d_h scale, so the score of a perfect match is β; unrelated random unit vectors
 * have cosine ≈ N(0, 1/d), so with β = 8 and d = 32 a match dominates its row.
 */
import { createRng } from '../random/rng';
import type { AttentionInputs } from './causalSoftmaxAttention';

export interface HandBuiltHeadsOptions {
  /** Embedding and head dimension d. @default 32 */
  dim?: number;
  /** Score of a perfect match, β. @default 8 */
  sharpness?: number;
  /** Seed mixed into every word's embedding. @default 1 */
  seed?: number;
}

export const HAND_BUILT_HEAD_NAMES = [
  'induction (attends to what followed an earlier copy)',
  'copy match',
] as const;

/** FNV-1a hash of a string, used to seed the word's embedding. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A deterministic random unit vector for a word. */
export function wordEmbedding(word: string, dim: number, seed = 1): Float32Array {
  const rng = createRng((hashString(word) ^ Math.imul(seed, 0x9e3779b1)) | 0);
  const e = new Float32Array(dim);
  let norm = 0;
  for (let c = 0; c < dim; c++) {
    e[c] = rng.nextNormal();
    norm += e[c] * e[c];
  }
  norm = Math.sqrt(norm);
  for (let c = 0; c < dim; c++) e[c] /= norm;
  return e;
}

export function buildHandBuiltHeads(
  tokens: readonly string[],
  options: HandBuiltHeadsOptions = {},
): AttentionInputs {
  const { dim = 32, sharpness = 8, seed = 1 } = options;
  if (tokens.length === 0) throw new RangeError('buildHandBuiltHeads needs at least one token');
  const T = tokens.length;
  const heads = 2;
  const q = new Float32Array(heads * T * dim);
  const k = new Float32Array(heads * T * dim);
  const v = new Float32Array(heads * T * dim);
  const embeddings = tokens.map((t) => wordEmbedding(t, dim, seed));
  const queryScale = sharpness * Math.sqrt(dim);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < T; i++) {
      const at = (h * T + i) * dim;
      for (let c = 0; c < dim; c++) q[at + c] = queryScale * embeddings[i][c];
      v.set(embeddings[i], at);
      if (h === 1) k.set(embeddings[i], at);
      else if (i > 0) k.set(embeddings[i - 1], at);
    }
  }
  return { q, k, v, heads, seqLen: T, headDim: dim };
}

/** A head's output at one position read as a word, with the runner-up and how clearly the winner won. */
export interface WordReadout {
  word: string;
  runnerUp: string | null;
  /** (best − second) / |best| of the dot-product scores; near 0 means the head mixed two words evenly. */
  margin: number;
}

/**
 * Reads a head's output at each position as a word: the sequence word whose embedding has the largest dot
 * product with y_i. For the induction head this is the recalled "next token".
 */
export function readOutWords(
  tokens: readonly string[],
  output: Float32Array,
  head: number,
  options: HandBuiltHeadsOptions = {},
): WordReadout[] {
  const { dim = 32, seed = 1 } = options;
  const T = tokens.length;
  const vocabulary = [...new Set(tokens)];
  const table = vocabulary.map((w) => wordEmbedding(w, dim, seed));
  return Array.from({ length: T }, (_, i) => {
    const at = (head * T + i) * dim;
    const scores = table.map((e) => {
      let s = 0;
      for (let c = 0; c < dim; c++) s += e[c] * output[at + c];
      return s;
    });
    const order = scores.map((_, w) => w).sort((a, b) => scores[b] - scores[a]);
    const [best, second] = order;
    const margin = second === undefined ? 1 : (scores[best] - scores[second]) / Math.abs(scores[best] || 1);
    return { word: vocabulary[best], runnerUp: second === undefined ? null : vocabulary[second], margin };
  });
}
