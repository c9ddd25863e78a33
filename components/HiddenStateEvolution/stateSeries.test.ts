import { describe, expect, it } from 'vitest';
import { linearAttentionRecurrent } from '../../simulations/linearAttention/linearAttention';
import { stepForKey } from './scrubKeys';
import {
  countNonFinite,
  finiteMaxAbs,
  frobeniusNorms,
  memorySummary,
  probeProblems,
  retrievalCosines,
  type StateProbe,
  type StateShape,
  stateAt,
  stateShapeProblem,
} from './stateSeries';

// Linear attention with the identity feature map: S_t = Σ_{s ≤ t} k_s v_sᵀ, written by the engine.
const keys = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 1, 0], // overlaps the first two keys: interference
];
const values = [
  [1, 0],
  [0, 1],
  [1, 1],
  [-1, 1],
];
const T = keys.length;
const shape: StateShape = [T, 3, 2];
const { trace } = linearAttentionRecurrent(
  {
    q: new Float32Array(keys.flat()),
    k: new Float32Array(keys.flat()),
    v: new Float32Array(values.flat()),
    heads: 1,
    seqLen: T,
    keyDim: 3,
    valueDim: 2,
    featureMap: 'identity',
  },
  { trace: true },
);
const states = trace?.states as Float32Array;
const probes: StateProbe[] = keys.map((k, i) => ({ label: `p${i}`, position: i, key: k, value: values[i] }));

describe('stateSeries', () => {
  it('reads the state at a step as the sum of the outer products written so far', () => {
    expect(Array.from(stateAt(states, shape, 1))).toEqual([1, 0, 0, 1, 0, 0]);
    expect(Array.from(stateAt(states, shape, 3))).toEqual([0, 1, -1, 2, 1, 1]);
  });

  it('computes the Frobenius norm per step and NaN where a step is not finite', () => {
    const norms = frobeniusNorms(states, shape);
    expect(norms[0]).toBeCloseTo(1);
    expect(norms[3]).toBeCloseTo(Math.sqrt(0 + 1 + 1 + 4 + 1 + 1));
    const broken = Float32Array.from(states);
    broken[7] = Number.NaN;
    const n = frobeniusNorms(broken, shape);
    expect(Number.isNaN(n[1])).toBe(true);
    expect(n[0]).toBeCloseTo(1);
    expect(countNonFinite(broken)).toBe(1);
    expect(finiteMaxAbs(broken)).toBe(2);
    expect(finiteMaxAbs(new Float32Array([Number.POSITIVE_INFINITY]))).toBe(0);
  });

  it('recalls orthogonal pairs perfectly and shows the interference of an overlapping key', () => {
    const cos = retrievalCosines(states, shape, probes);
    // Before its position a probe reads nothing (NaN).
    expect(Number.isNaN(cos[1 * T + 0])).toBe(true);
    // Orthogonal keys 0, 1, 2: perfect recall until key 3 = k0 + k1 is written.
    for (let t = 0; t < 3; t++) expect(cos[0 * T + t]).toBeCloseTo(1);
    // At t = 3: S3ᵀ k0 = v0 + v3 = (0, 1), cos with v0 = (1, 0) is 0.
    expect(cos[0 * T + 3]).toBeCloseTo(0);
    // S3ᵀ k3 = v0 + v1 + 2 v3 = (−1, 3); cos with v3 = (−1, 1) is 4 / (√10 · √2).
    expect(cos[3 * T + 3]).toBeCloseTo(4 / Math.sqrt(20));
  });

  it('summarises fill and the worst-recalled pair at a step', () => {
    const cos = retrievalCosines(states, shape, probes);
    expect(memorySummary(cos, probes, shape, 1)).toEqual({
      stored: 2,
      fill: 2 / 3,
      meanCosine: expect.closeTo(1),
      worst: { label: expect.any(String), cosine: expect.closeTo(1) },
    });
    const end = memorySummary(cos, probes, shape, 3);
    expect(end.stored).toBe(4);
    expect(end.fill).toBeCloseTo(4 / 3);
    expect(end.worst?.label).toBe('p0');
    expect(end.worst?.cosine).toBeCloseTo(0);
  });

  it('names bad shapes, token counts and probes', () => {
    expect(stateShapeProblem(states, shape, ['a', 'b', 'c', 'd'])).toBeNull();
    expect(stateShapeProblem(new Float32Array(0), [0, 3, 2], [])).toBe('there are no steps.');
    expect(stateShapeProblem(states, [T, 3, 3], ['a', 'b', 'c', 'd'])).toMatch(/needs 36 values, got 24/);
    expect(stateShapeProblem(states, shape, ['a'])).toMatch(/4 steps need 4 token labels, got 1/);
    expect(stateShapeProblem(states, [T, 0, 2], [])).toMatch(/state is empty/);
    expect(probeProblems([{ label: 'x', position: 9, key: [1], value: [1, 2] }], shape)).toEqual([
      'probe “x”: key has 1 values, the state has 3 rows',
      'probe “x”: position 9 is outside 0 … 3',
    ]);
  });
});

describe('stepForKey', () => {
  it('moves by one, by a tenth, or to the ends, clamped', () => {
    expect(stepForKey('ArrowLeft', 3, 10)).toBe(2);
    expect(stepForKey('ArrowRight', 9, 10)).toBe(9);
    expect(stepForKey('PageUp', 3, 100)).toBe(13);
    expect(stepForKey('Home', 3, 10)).toBe(0);
    expect(stepForKey('End', 3, 10)).toBe(9);
    expect(stepForKey('a', 3, 10)).toBeNull();
  });
});
