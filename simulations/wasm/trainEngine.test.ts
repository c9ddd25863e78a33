/**
 * The float32 training path against the float64 reference: for every trainable preset, the loss and every
 * parameter's gradient on the same batch. Tolerance: float32 rounds each value to ~6e-8 relative; through a
 * two-layer model and its backward pass errors grow to ~1e-5 of a tensor's largest gradient, so we require
 * |g32 − g64| ≤ 2e-3·max|g64| + 1e-6 element-wise per tensor and the losses to agree to 1e-4 relative.
 */
import { describe, expect, it } from 'vitest';
import { initParams } from '../model/params';
import { architecturePreset } from '../model/presets';
import { createRng } from '../random/rng';
import { IGNORE_INDEX } from '../tasks/example';
import { batchGradients } from '../training/gradients';
import { TRAINABLE_ARCHITECTURES } from '../training/trainableArchitectures';
import { type Batch, toParamVars } from '../training/trainingModel';
import { Float32Engine } from './trainEngine';

const size = { vocabSize: 24, dModel: 16, maxSeqLen: 11, window: 3 };

function setup(arch: string, seed = 11) {
  const config = architecturePreset(arch, size);
  const params = initParams(config, seed);
  const rng = createRng(seed);
  for (const [name, value] of params)
    if (!/A_log|b_dt|Lambda|norm|D$/.test(name))
      for (let i = 0; i < value.length; i++) value[i] += 0.3 * rng.nextNormal();
  const T = size.maxSeqLen;
  const B = 3;
  const inputs = Int32Array.from({ length: B * T }, () => rng.nextInt(size.vocabSize));
  const labels = Int32Array.from({ length: B * T }, (_, i) =>
    i % 3 === 1 ? rng.nextInt(size.vocabSize) : IGNORE_INDEX,
  );
  const batch: Batch = { inputs, labels, seqLen: T };
  return { config, params, batch };
}

/** Largest |a − b| / (max|b| + 1e-6/2e-3) over a tensor: ≤ 2e-3 passes. */
function scaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let maxB = 0;
  for (let i = 0; i < b.length; i++) maxB = Math.max(maxB, Math.abs(b[i]));
  let err = 0;
  for (let i = 0; i < b.length; i++) err = Math.max(err, Math.abs(a[i] - b[i]));
  return err / (maxB + 5e-4);
}

describe.each(TRAINABLE_ARCHITECTURES)('float32 training path of %s', (arch) => {
  it('gives the float64 reference loss and every parameter gradient', () => {
    const { config, params, batch } = setup(arch);
    const reference = toParamVars(config, params);
    const expected = batchGradients(config, reference, batch);
    const engine = new Float32Engine(config, params);
    try {
      // A first step on other data leaves the step memory dirty: outputs that kernels do not fully overwrite
      // would show up in the second step's numbers.
      engine.gradients({ ...batch, inputs: batch.inputs.map((t) => (t * 7 + 3) % size.vocabSize) });
      const got = engine.gradients(batch);
      expect(got.rows).toBe(expected.rows);
      expect(Math.abs(got.loss - expected.loss) / expected.loss).toBeLessThan(1e-4);
      for (const [name, v] of reference) {
        const ours = engine.vars.get(name);
        expect(ours, name).toBeDefined();
        expect(scaledError(ours?.grad ?? [], v.grad), `${arch} ${name}`).toBeLessThan(2e-3);
      }
    } finally {
      engine.close();
    }
  });
});

describe('Float32Engine', () => {
  it('runs a second step on a reset step memory with the same result', () => {
    const { config, params, batch } = setup('attention');
    const engine = new Float32Engine(config, params);
    const first = engine.gradients(batch);
    const g = Float32Array.from(engine.vars.get('embed.weight')?.grad ?? []);
    const second = engine.gradients(batch);
    expect(second.loss).toBe(first.loss);
    expect(Float32Array.from(engine.vars.get('embed.weight')?.grad ?? [])).toEqual(g);
    engine.close();
  });
});
