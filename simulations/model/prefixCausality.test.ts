/**
 * A causal model must not depend on how many tokens follow: for every preset (ARCHITECTURES, random init at a
 * small size, fixed seed, weights spread wider than at init so every path matters to the logits, maxSeqLen 32),
 * the logits at positions 0 … P−1 of a prefix of length P equal those at
 * the same positions of the same prefix followed by 1, 5 and maxSeqLen − P more tokens. Tolerance
 * |a − b| ≤ 1e-6·max(1, |a|): lengths only change float rounding (e.g. an FFT's size), never the maths.
 * model.test.ts's causality property changes the later tokens at a fixed length; this one changes the length.
 * (Hyena once rebuilt its implicit filter at the input's length, t = ℓ/(T−1); Zoology builds it at maxSeqLen.)
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { createModel, forward } from './forward';
import { initParams } from './params';
import { ARCHITECTURES, architecturePreset } from './presets';

const V = 32;
const MAX = 32;
const TOLERANCE = 1e-6;

/** Largest |a − b| / max(1, |a|) over the first n entries. */
function maxRelativeError(a: Float32Array, b: Float32Array, n: number): number {
  let err = 0;
  for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(a[i])));
  return err;
}

describe.each(ARCHITECTURES)('prefix causality of %s', (arch) => {
  const config = architecturePreset(arch, { vocabSize: V, dModel: 16, maxSeqLen: MAX, window: 3 });
  const params = initParams(config, 7);
  const rng = createRng(7);
  // As trainingModel.test.ts: at init the output projections are tiny and the mixers barely reach the logits.
  for (const [name, value] of params)
    if (!/A_log|b_dt|Lambda|norm|D$/.test(name))
      for (let i = 0; i < value.length; i++) value[i] += 0.3 * rng.nextNormal();
  const model = createModel(config, params);
  const tokens = Array.from({ length: MAX }, (_, t) => (t * 13 + 5) % V);

  for (const P of [1, 6, 17]) {
    it(`logits of a ${P}-token prefix do not change when 1, 5 or ${MAX - P} tokens follow`, () => {
      const prefix = forward(model, tokens.slice(0, P)).logits;
      for (const more of [1, 5, MAX - P]) {
        const longer = forward(model, tokens.slice(0, P + more)).logits;
        const err = maxRelativeError(prefix, longer, P * V);
        expect(err, `${arch}: P = ${P}, ${more} more tokens`).toBeLessThanOrEqual(TOLERANCE);
      }
    });
  }
});
