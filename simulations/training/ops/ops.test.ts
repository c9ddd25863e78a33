import { describe, expect, it } from 'vitest';
import { createRng } from '../../random/rng';
import { gradCheck, randomVar } from '../gradcheck';
import { Var } from '../tape';
import { causalAttention } from './attention';
import { causalConv } from './causalConv';
import { crossEntropy } from './crossEntropy';
import {
  columns,
  gatherColumns,
  gatherVector,
  headRmsNorm,
  mul,
  mulChannels,
  scale,
  sinFreq,
  sumColumnsInto,
  transposeVar,
  UNARY,
  type UnaryName,
  unary,
} from './elementwise';
import { embed, gatherRows } from './embedding';
import { gatedLinearAttention } from './gatedLinearAttention';
import { linear, linearTransposed } from './linear';
import { featureMap, linearAttention } from './linearAttention';
import { longConv } from './longConv';
import { layerNorm, rmsNorm } from './norms';
import { rgLru } from './rgLru';
import { rope } from './rope';
import { s4dKernel } from './s4dKernel';
import { selectiveScan } from './selectiveScan';

// Central differences in float64 with h = 1e-6 agree with exact gradients to ~1e-8; a wrong term is O(1).
const TOL = 1e-6;
const rng = createRng(7);

describe('gradient checks (float64 finite differences)', () => {
  it('linear with bias, and the tied head', () => {
    const [x, W, b] = [randomVar([5, 4], rng), randomVar([4, 3], rng), randomVar([3], rng)];
    expect(gradCheck((t, [a, w, c]) => linear(t, a, w, c), [x, W, b]).maxError).toBeLessThan(TOL);
    const E = randomVar([6, 4], rng);
    expect(gradCheck((t, [a, e]) => linearTransposed(t, a, e), [x, E]).maxError).toBeLessThan(TOL);
  });

  it.each(Object.keys(UNARY) as UnaryName[])('unary %s', (name) => {
    // Keep away from ReLU's and elu's kink at 0, where the derivative is one-sided.
    const x = new Var(
      Float64Array.from({ length: 12 }, (_, i) => (i - 5.5) * 0.37),
      [3, 4],
    );
    expect(gradCheck((t, [a]) => unary(t, name, a), [x]).maxError).toBeLessThan(TOL);
  });

  it('mul and columns', () => {
    const [a, b] = [randomVar([3, 6], rng), randomVar([3, 2], rng)];
    expect(gradCheck((t, [p, q]) => mul(t, columns(t, p, 3, 2), q), [a, b]).maxError).toBeLessThan(TOL);
  });

  it('layerNorm and rmsNorm', () => {
    const [x, g, b] = [randomVar([4, 6], rng), randomVar([6], rng), randomVar([6], rng)];
    expect(gradCheck((t, [a, c, d]) => layerNorm(t, a, c, d), [x, g, b]).maxError).toBeLessThan(TOL);
    expect(gradCheck((t, [a, c]) => rmsNorm(t, a, c), [x, g]).maxError).toBeLessThan(TOL);
  });

  it('embedding with positions, row gather, cross-entropy', () => {
    const [E, P] = [randomVar([7, 3], rng), randomVar([4, 3], rng)];
    const tokens = Int32Array.of(1, 6, 1, 0, 2, 2, 5, 3);
    expect(gradCheck((t, [e, p]) => embed(t, tokens, 4, e, p), [E, P]).maxError).toBeLessThan(TOL);
    const logits = randomVar([6, 5], rng);
    const targets = Int32Array.of(0, 4, 2);
    expect(
      gradCheck((t, [l]) => crossEntropy(t, gatherRows(t, l, [1, 3, 5]), targets), [logits]).maxError,
    ).toBeLessThan(TOL);
  });

  it.each([
    ['full', undefined],
    ['window 2', 2],
  ])('causal attention, 2 heads, %s', (_, window) => {
    const [q, k, v] = [randomVar([10, 6], rng), randomVar([10, 6], rng), randomVar([10, 6], rng)];
    const shape = { batch: 2, seqLen: 5, heads: 2, window };
    expect(gradCheck((t, [a, b, c]) => causalAttention(t, a, b, c, shape), [q, k, v]).maxError).toBeLessThan(
      TOL,
    );
  });

  it('RoPE', () => {
    const x = randomVar([6, 8], rng);
    expect(gradCheck((t, [a]) => rope(t, a, 3, 2), [x]).maxError).toBeLessThan(TOL);
  });

  it('per-channel scale, column gather and column sums', () => {
    const [x, s] = [randomVar([3, 4], rng), randomVar([4], rng)];
    expect(gradCheck((t, [a, b]) => mulChannels(t, a, b), [x, s]).maxError).toBeLessThan(TOL);
    expect(
      gradCheck((t, [a]) => sumColumnsInto(t, gatherColumns(t, a, [0, 3, 3, 1, 2]), [1, 0, 1, 2, 0], 3), [x])
        .maxError,
    ).toBeLessThan(TOL);
  });

  it('long convolution (kernel shorter than and as long as T)', () => {
    const [u, K, K2] = [randomVar([10, 2], rng), randomVar([2, 5], rng), randomVar([2, 3], rng)];
    expect(gradCheck((t, [a, b]) => longConv(t, a, b, 5), [u, K]).maxError).toBeLessThan(TOL);
    expect(gradCheck((t, [a, b]) => longConv(t, a, b, 5), [u, K2]).maxError).toBeLessThan(TOL);
  });

  it('S4D kernel generation (complex modes, ZOH)', () => {
    const logDt = new Var(Float64Array.of(Math.log(0.05), Math.log(0.3)), [2]);
    const logAReal = new Var(
      Float64Array.from({ length: 6 }, () => Math.log(0.5) + 0.3 * rng.nextNormal()),
      [2, 3],
    );
    const aImag = new Var(
      Float64Array.from({ length: 6 }, (_, i) => Math.PI * (i % 3) + 0.1 * rng.nextNormal()),
      [2, 3],
    );
    const C = randomVar([2, 3, 2], rng);
    const f = (t: Parameters<typeof s4dKernel>[0], [a, b, c, d]: Var[]) =>
      s4dKernel(t, { logDt: a, logAReal: b, aImag: c, C: d }, 9);
    expect(gradCheck(f, [logDt, logAReal, aImag, C], { samples: 40 }).maxError).toBeLessThan(TOL);
  });

  it('decayed linear attention (per-channel log-decays), 2 heads', () => {
    const [q, k, v] = [randomVar([8, 6], rng), randomVar([8, 6], rng), randomVar([8, 4], rng)];
    const g = new Var(
      Float64Array.from({ length: 48 }, () => -0.05 - rng.nextFloat()),
      [8, 6],
    );
    const f = (t: Parameters<typeof gatedLinearAttention>[0], [a, b, c, e]: Var[]) =>
      gatedLinearAttention(t, a, b, c, e, { batch: 2, seqLen: 4, heads: 2, scale: 0.6 });
    expect(gradCheck(f, [q, k, v, g], { samples: 40 }).maxError).toBeLessThan(TOL);
  });

  it('scale, vector gather, per-head RMS norm', () => {
    const [x, v] = [randomVar([3, 6], rng), randomVar([3], rng)];
    expect(gradCheck((t, [a]) => headRmsNorm(t, scale(t, a, 1.7), 2, 1e-5), [x]).maxError).toBeLessThan(TOL);
    expect(gradCheck((t, [a]) => gatherVector(t, a, [2, 0, 2, 1]), [v]).maxError).toBeLessThan(TOL);
  });

  it('sin with learnable frequencies, transpose', () => {
    const [x, f] = [randomVar([3, 4], rng), randomVar([4], rng)];
    expect(gradCheck((t, [a, b]) => transposeVar(t, sinFreq(t, a, b)), [x, f]).maxError).toBeLessThan(TOL);
  });

  it('causal depthwise conv', () => {
    const [x, w, b] = [randomVar([8, 3], rng), randomVar([3, 3], rng), randomVar([3], rng)];
    expect(gradCheck((t, [a, c, d]) => causalConv(t, a, c, d, 4), [x, w, b]).maxError).toBeLessThan(TOL);
  });

  it.each(['taylor', 'eluPlusOne'] as const)('linear attention with the %s feature map, 2 heads', (kind) => {
    const [q, k, v] = [randomVar([8, 6], rng, 0.5), randomVar([8, 6], rng, 0.5), randomVar([8, 4], rng)];
    const shape = { batch: 2, seqLen: 4, heads: 2 };
    const f = (t: Parameters<typeof featureMap>[0], [a, b, c]: Var[]) =>
      linearAttention(t, featureMap(t, kind, a, 2), featureMap(t, kind, b, 2), c, shape);
    expect(gradCheck(f, [q, k, v]).maxError).toBeLessThan(TOL);
  });

  it('selective scan', () => {
    const x = randomVar([10, 3], rng);
    const delta = new Var(
      Float64Array.from({ length: 30 }, () => 0.1 + rng.nextFloat()),
      [10, 3],
    );
    const A = new Var(
      Float64Array.from({ length: 6 }, () => -0.2 - rng.nextFloat()),
      [3, 2],
    );
    const [B, C, D] = [randomVar([10, 2], rng), randomVar([10, 2], rng), randomVar([3], rng)];
    const f = (t: Parameters<typeof selectiveScan>[0], [a, b, c, d, e, g]: Var[]) =>
      selectiveScan(t, { x: a, delta: b, A: c, B: d, C: e, D: g }, 5);
    expect(gradCheck(f, [x, delta, A, B, C, D], { samples: 40 }).maxError).toBeLessThan(TOL);
  });

  it('RG-LRU', () => {
    const x = randomVar([8, 3], rng);
    const r = new Var(
      Float64Array.from({ length: 24 }, () => 0.05 + 0.9 * rng.nextFloat()),
      [8, 3],
    );
    const i = new Var(
      Float64Array.from({ length: 24 }, () => rng.nextFloat()),
      [8, 3],
    );
    const lambda = randomVar([3], rng);
    const f = (t: Parameters<typeof rgLru>[0], [a, b, c, d]: Var[]) => rgLru(t, a, b, c, d, 4);
    expect(gradCheck(f, [x, r, i, lambda], { samples: 30 }).maxError).toBeLessThan(TOL);
  });

  it('the check itself fails on a wrong gradient', () => {
    const x = randomVar([3, 3], rng);
    const wrong = (t: Parameters<typeof unary>[0], [a]: Var[]) => {
      const y = unary(t, 'sigmoid', a);
      t.record(() => {
        a.grad[0] += 0.5; // a spurious extra term
      });
      return y;
    };
    expect(gradCheck(wrong, [x]).maxError).toBeGreaterThan(0.01);
  });
});
