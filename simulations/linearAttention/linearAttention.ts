/**
 * Causal linear attention in its three forms (architectures.md §3.3), one head at a time over head-major
 * inputs q, k [H, T, f] (before φ) and v [H, T, dv]:
 *   recurrent  S_t = S_{t−1} + φ(k_t) v_tᵀ,  z_t = z_{t−1} + φ(k_t),  y_t = φ(q_t)ᵀ S_t / (φ(q_t)ᵀ z_t + ε)
 *   parallel   A = (φ(Q) φ(K)ᵀ) ⊙ tril,     y = A V / (A 1 + ε)            (A is the implicit attention matrix)
 *   chunked    per chunk c of C tokens: y_c = φ(Q_c) S_{c−1} + (φ(Q_c) φ(K_c)ᵀ ⊙ tril) V_c (same for z),
 *              S_c = S_{c−1} + φ(K_c)ᵀ V_c                     (fla simple_gla naive with g = 0)
 * ε = 1e-12 as in Zoology's based.py. All three agree to float rounding (tested).
 */
import { type FeatureMapKind, featureRows, featureSize } from './featureMaps';

export interface LinearAttentionInputs {
  q: Float32Array;
  k: Float32Array;
  v: Float32Array;
  heads: number;
  seqLen: number;
  /** Per-head q/k width before the feature map. */
  keyDim: number;
  /** Per-head value width. */
  valueDim: number;
  featureMap: FeatureMapKind;
}

export interface LinearAttentionResult {
  /** [H, T, dv] */
  output: Float32Array;
}

export interface RecurrentTrace {
  /** S_t for every step: [H, T, D, dv]. */
  states: Float32Array;
  /** z_t for every step: [H, T, D]. */
  normalisers: Float32Array;
  featureDim: number;
}

export const LINEAR_ATTENTION_EPS = 1e-12;

function headRows(x: Float32Array, h: number, T: number, width: number) {
  return x.subarray(h * T * width, (h + 1) * T * width);
}

/** φ(q), φ(k) and v of head h. */
function headFeatures(
  { q, k, v, seqLen: T, keyDim: f, valueDim: dv, featureMap }: LinearAttentionInputs,
  h: number,
) {
  return {
    phiQ: featureRows(featureMap, headRows(q, h, T, f), T, f),
    phiK: featureRows(featureMap, headRows(k, h, T, f), T, f),
    v: headRows(v, h, T, dv),
  };
}

/** S += φ(k_t) v_tᵀ, z += φ(k_t). */
function addToState(
  S: Float64Array,
  z: Float64Array,
  phiK: Float64Array,
  v: Float32Array,
  t: number,
  D: number,
  dv: number,
): void {
  for (let a = 0; a < D; a++) {
    const ka = phiK[t * D + a];
    z[a] += ka;
    for (let c = 0; c < dv; c++) S[a * dv + c] += ka * v[t * dv + c];
  }
}

export function linearAttentionRecurrent(
  inputs: LinearAttentionInputs,
  { trace = false } = {},
): LinearAttentionResult & { trace?: RecurrentTrace } {
  const { heads, seqLen: T, keyDim: f, valueDim: dv, featureMap } = inputs;
  const D = featureSize(featureMap, f);
  const output = new Float32Array(heads * T * dv);
  const states = trace ? new Float32Array(heads * T * D * dv) : undefined;
  const normalisers = trace ? new Float32Array(heads * T * D) : undefined;
  for (let h = 0; h < heads; h++) {
    const { phiQ, phiK, v } = headFeatures(inputs, h);
    const S = new Float64Array(D * dv);
    const z = new Float64Array(D);
    for (let t = 0; t < T; t++) {
      addToState(S, z, phiK, v, t, D, dv);
      let denom = 0;
      for (let a = 0; a < D; a++) denom += phiQ[t * D + a] * z[a];
      for (let c = 0; c < dv; c++) {
        let num = 0;
        for (let a = 0; a < D; a++) num += phiQ[t * D + a] * S[a * dv + c];
        output[(h * T + t) * dv + c] = num / (denom + LINEAR_ATTENTION_EPS);
      }
      states?.set(S, (h * T + t) * D * dv);
      normalisers?.set(z, (h * T + t) * D);
    }
  }
  return trace
    ? {
        output,
        trace: { states: states as Float32Array, normalisers: normalisers as Float32Array, featureDim: D },
      }
    : { output };
}

/** The implicit attention matrices A/rowsum [H, T, T] of the parallel form — on the same axes as softmax. */
export function linearAttentionParallel(
  inputs: LinearAttentionInputs,
): LinearAttentionResult & { weights: Float32Array } {
  const { heads, seqLen: T, keyDim: f, valueDim: dv, featureMap } = inputs;
  const D = featureSize(featureMap, f);
  const output = new Float32Array(heads * T * dv);
  const weights = new Float32Array(heads * T * T);
  const row = new Float64Array(T);
  for (let h = 0; h < heads; h++) {
    const { phiQ, phiK, v } = headFeatures(inputs, h);
    for (let i = 0; i < T; i++) {
      let sum = 0;
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let a = 0; a < D; a++) s += phiQ[i * D + a] * phiK[j * D + a];
        row[j] = s;
        sum += s;
      }
      const denom = sum + LINEAR_ATTENTION_EPS;
      for (let c = 0; c < dv; c++) {
        let num = 0;
        for (let j = 0; j <= i; j++) num += row[j] * v[j * dv + c];
        output[(h * T + i) * dv + c] = num / denom;
      }
      for (let j = 0; j <= i; j++) weights[(h * T + i) * T + j] = row[j] / denom;
    }
  }
  return { output, weights };
}

export function linearAttentionChunked(
  inputs: LinearAttentionInputs,
  chunkSize: number,
): LinearAttentionResult {
  const { heads, seqLen: T, keyDim: f, valueDim: dv, featureMap } = inputs;
  if (!Number.isInteger(chunkSize) || chunkSize < 1)
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const D = featureSize(featureMap, f);
  const output = new Float32Array(heads * T * dv);
  for (let h = 0; h < heads; h++) {
    const { phiQ, phiK, v } = headFeatures(inputs, h);
    const S = new Float64Array(D * dv);
    const z = new Float64Array(D);
    for (let start = 0; start < T; start += chunkSize) {
      const end = Math.min(T, start + chunkSize);
      for (let i = start; i < end; i++) {
        // Inter-chunk: the state of all earlier chunks.
        let denom = 0;
        const num = new Float64Array(dv);
        for (let a = 0; a < D; a++) {
          const qa = phiQ[i * D + a];
          denom += qa * z[a];
          for (let c = 0; c < dv; c++) num[c] += qa * S[a * dv + c];
        }
        // Intra-chunk: causal quadratic attention inside the chunk.
        for (let j = start; j <= i; j++) {
          let s = 0;
          for (let a = 0; a < D; a++) s += phiQ[i * D + a] * phiK[j * D + a];
          denom += s;
          for (let c = 0; c < dv; c++) num[c] += s * v[j * dv + c];
        }
        for (let c = 0; c < dv; c++) output[(h * T + i) * dv + c] = num[c] / (denom + LINEAR_ATTENTION_EPS);
      }
      // Carry the chunk into the state: S += φ(K_c)ᵀ V_c, z += φ(K_c)ᵀ 1.
      for (let j = start; j < end; j++) addToState(S, z, phiK, v, j, D, dv);
    }
  }
  return { output };
}
