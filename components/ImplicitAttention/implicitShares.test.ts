import { describe, expect, it } from 'vitest';
import { causalSoftmaxAttention } from '../../simulations/attention/causalSoftmaxAttention';
import { glaParallel, glaRecurrent } from '../../simulations/linearAttention/gatedLinearAttention';
import {
  linearAttentionParallel,
  linearAttentionRecurrent,
} from '../../simulations/linearAttention/linearAttention';
import { createRng } from '../../simulations/random/rng';
import { ssdImplicitAttention, ssdRecurrent } from '../../simulations/ssm/ssd';
import { absoluteShares, summariseMatrix } from './implicitShares';

const T = 9;
const d = 4;
const rng = createRng(11);
const rand = (n: number) => Float32Array.from({ length: n }, () => rng.nextNormal());
const q = rand(T * d);
const k = rand(T * d);
const v = rand(T * d);

/** y = M v for a [T × T] matrix. */
const times = (M: ArrayLike<number>, x: ArrayLike<number>, width: number) =>
  Float64Array.from({ length: T * width }, (_, i) => {
    const t = Math.floor(i / width);
    let s = 0;
    for (let j = 0; j <= t; j++) s += M[t * T + j] * x[j * width + (i % width)];
    return s;
  });

describe('the engine materialises every implicit matrix the component draws (M·V = the recurrent output)', () => {
  it('linear attention', () => {
    const inputs = {
      q,
      k,
      v,
      heads: 1,
      seqLen: T,
      keyDim: d,
      valueDim: d,
      featureMap: 'eluPlusOne' as const,
    };
    const { weights } = linearAttentionParallel(inputs);
    const { output } = linearAttentionRecurrent(inputs);
    times(weights, v, d).forEach((y, i) => {
      expect(y).toBeCloseTo(output[i], 4);
    });
  });
  it('Mamba-2 (SSD), without the D skip', () => {
    const inputs = {
      x: v,
      delta: rand(T).map((x) => Math.log1p(Math.exp(x))),
      A: -0.7,
      B: k,
      C: q,
      D: 0,
      seqLen: T,
      headDim: d,
      stateSize: d,
    };
    const y = ssdRecurrent(inputs);
    times(ssdImplicitAttention(inputs), v, d).forEach((m, i) => {
      expect(m).toBeCloseTo(y[i], 4);
    });
  });
  it('RetNet / GLA', () => {
    const inputs = {
      q,
      k,
      v,
      logDecay: new Float32Array(T * d).fill(Math.log(0.9)),
      seqLen: T,
      keyDim: d,
      valueDim: d,
    };
    const o = glaRecurrent(inputs);
    times(glaParallel(inputs).weights, v, d).forEach((m, i) => {
      expect(m).toBeCloseTo(o[i], 4);
    });
  });
});

describe('absoluteShares', () => {
  it('leaves a row-stochastic matrix (softmax) unchanged', () => {
    const { weights } = causalSoftmaxAttention({ q, k, v, heads: 1, seqLen: T, headDim: d });
    absoluteShares(weights, T).forEach((w, i) => {
      expect(w).toBeCloseTo(weights[i], 6);
    });
  });
  it('makes every causal row of a signed matrix a distribution of |weight|', () => {
    const M = glaParallel({
      q,
      k,
      v,
      logDecay: new Float32Array(T * d).fill(-0.1),
      seqLen: T,
      keyDim: d,
      valueDim: d,
    }).weights;
    const shares = absoluteShares(M, T);
    for (let t = 0; t < T; t++) {
      let sum = 0;
      for (let s = 0; s < T; s++) {
        expect(shares[t * T + s]).toBeGreaterThanOrEqual(0);
        if (s > t) expect(shares[t * T + s]).toBe(0);
        sum += shares[t * T + s];
      }
      expect(sum).toBeCloseTo(1, 5);
    }
    expect(shares[T + 0] / shares[T + 1]).toBeCloseTo(Math.abs(M[T + 0] / M[T + 1]), 4);
  });
  it('keeps a zero row at zero', () =>
    expect(Array.from(absoluteShares([0, 0, 0, 0], 2))).toEqual([0, 0, 0, 0]));
});

describe('summariseMatrix', () => {
  it('reports negative share, raw row sums and non-finite entries (upper triangle ignored)', () => {
    expect(summariseMatrix([1, 99, -1, 3], 2)).toEqual({
      nonFinite: 0,
      negativeShare: 0.2,
      rowSumMin: 1,
      rowSumMax: 2,
    });
    expect(summariseMatrix([Number.NaN, 0, 1, Number.POSITIVE_INFINITY], 2).nonFinite).toBe(2);
  });
});
