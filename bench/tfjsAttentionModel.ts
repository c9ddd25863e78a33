/**
 * The peer of the training benchmark: the same Zoology attention model (tied embeddings, learned positions,
 * 2 pre-LN layers of 1-head causal attention with the r ← r + LN(r) quirk, final LN, loss at the labelled
 * positions) written in TensorFlow.js, trained with its Adam optimiser. Only used to time a step.
 */
import * as tf from '@tensorflow/tfjs';

export interface TfjsModelShape {
  vocabSize: number;
  dModel: number;
  seqLen: number;
  layers: number;
}

/**
 * `gather` looks rows up (tf.gather); `oneHot` multiplies by one-hot matrices instead, for backends that lack
 * gather's gradient kernel (UnsortedSegmentSum is missing from the Wasm backend in 4.22).
 */
export type RowLookup = 'gather' | 'oneHot';

export function createTfjsAttentionTrainer(
  { vocabSize: V, dModel: d, seqLen: T, layers }: TfjsModelShape,
  lookup: RowLookup = 'gather',
) {
  const normal = (shape: number[], std = 0.02) => tf.variable(tf.randomNormal(shape, 0, std));
  const E = normal([V, d]);
  const P = normal([T, d]);
  const ln = () => ({ g: tf.variable(tf.ones([d])), b: tf.variable(tf.zeros([d])) });
  const blocks = Array.from({ length: layers }, () => ({
    ln1: ln(),
    Wqkv: normal([d, 3 * d]),
    bqkv: tf.variable(tf.zeros([3 * d])),
    Wo: normal([d, d]),
    bo: tf.variable(tf.zeros([d])),
    ln2: ln(),
  }));
  const lnF = ln();
  const layerNorm = (x: tf.Tensor, { g, b }: { g: tf.Variable; b: tf.Variable }) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
  };
  // Additive causal mask: 0 on and below the diagonal, −1e9 above.
  const mask = tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([T, T]), -1, 0)), -1e9);
  const optimizer = tf.train.adam(3e-3);

  const rowsOf = (table: tf.Tensor, ids: Int32Array, n: number) =>
    lookup === 'gather'
      ? tf.gather(table, tf.tensor1d(ids, 'int32'))
      : tf.matMul(tf.oneHot(tf.tensor1d(ids, 'int32'), n), table);
  /** The residual stream after the last block, [B·T, d]. */
  const hidden = (tokens: Int32Array): tf.Tensor2D => {
    const B = tokens.length / T;
    let x = tf.add(tf.reshape(rowsOf(E, tokens, V), [B, T, d]), P) as tf.Tensor;
    for (const blk of blocks) {
      const h = tf.reshape(layerNorm(x, blk.ln1), [B * T, d]);
      const qkv = tf.reshape(tf.add(tf.matMul(h, blk.Wqkv), blk.bqkv), [B, T, 3 * d]);
      const [q, k, v] = tf.split(qkv, 3, 2);
      const scores = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(d)), mask);
      const o = tf.reshape(tf.matMul(tf.softmax(scores), v), [B * T, d]);
      x = tf.add(x, tf.reshape(tf.add(tf.matMul(o, blk.Wo), blk.bo), [B, T, d]));
      x = tf.add(x, layerNorm(x, blk.ln2));
    }
    return tf.reshape(x, [B * T, d]);
  };

  const trainStep = (tokens: Int32Array, labelRows: Int32Array, targets: Int32Array): number => {
    const cost = optimizer.minimize(() => {
      const rows = rowsOf(hidden(tokens), labelRows, tokens.length);
      const logits = tf.matMul(layerNorm(rows, lnF), E, false, true);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(targets, 'int32'), V), logits) as tf.Scalar;
    }, true);
    const value = (cost as tf.Scalar).dataSync()[0];
    cost?.dispose();
    return value;
  };
  /** Inference: logits at every position, [B·T, V]. */
  const forward = (tokens: Int32Array): Float32Array =>
    tf.tidy(() => tf.matMul(layerNorm(hidden(tokens), lnF), E, false, true).dataSync() as Float32Array);
  return Object.assign(trainStep, { forward });
}
