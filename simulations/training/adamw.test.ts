import { describe, expect, it } from 'vitest';
import { AdamW, clipGradNorm, cosineLearningRate } from './adamw';
import { Var } from './tape';

describe('AdamW', () => {
  it('takes PyTorch’s first step: θ − lr·sign(g) (bias-corrected), with decoupled decay only where allowed', () => {
    const w = new Var(Float64Array.of(1, -2), [2]);
    const bias = new Var(Float64Array.of(1), [1]);
    w.grad.set([0.5, -3]);
    bias.grad.set([2]);
    new AdamW(
      new Map([
        ['w', w],
        ['b', bias],
      ]),
      (name) => name === 'w',
      { weightDecay: 0.1 },
    ).update(0.01);
    // decay: 1 → 1·(1 − 0.001); Adam step ≈ −0.01·sign(g).
    expect(w.data[0]).toBeCloseTo(1 * 0.999 - 0.01, 6);
    expect(w.data[1]).toBeCloseTo(-2 * 0.999 + 0.01, 6);
    expect(bias.data[0]).toBeCloseTo(1 - 0.01, 6);
  });

  it('clips the global gradient norm', () => {
    const a = new Var(Float64Array.of(0), [1]);
    const b = new Var(Float64Array.of(0), [1]);
    a.grad.set([3]);
    b.grad.set([4]);
    expect(clipGradNorm([a, b], 1)).toBeCloseTo(5);
    expect(Math.hypot(a.grad[0], b.grad[0])).toBeCloseTo(1, 5);
  });

  it('warms up linearly, then anneals on a cosine to the floor', () => {
    const s = { peak: 1, warmup: 10, total: 110 };
    expect(cosineLearningRate(0, s)).toBeCloseTo(0.1);
    expect(cosineLearningRate(9, s)).toBeCloseTo(1);
    expect(cosineLearningRate(60, s)).toBeCloseTo(0.5);
    expect(cosineLearningRate(110, s)).toBeCloseTo(0);
  });
});
