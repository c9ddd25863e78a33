import { describe, expect, it } from 'vitest';
import { forward } from '../model/forward';
import { initParams } from '../model/params';
import { architecturePreset } from '../model/presets';
import { createRng } from '../random/rng';
import { IGNORE_INDEX } from '../tasks/example';
import { gradCheck } from './gradcheck';
import { Tape, type Var } from './tape';
import { TRAINABLE_ARCHITECTURES } from './trainableArchitectures';
import { toParamVars, trainingForward } from './trainingModel';

const size = { vocabSize: 16, dModel: 16, maxSeqLen: 8, window: 2 };

/** Random init with a spread wide enough that every path through the model matters to the logits. */
function setup(arch: string, seed = 3) {
  const config = architecturePreset(arch, size);
  const params = initParams(config, seed);
  const rng = createRng(seed);
  for (const [name, value] of params)
    if (!/A_log|b_dt|Lambda|norm|D$/.test(name))
      for (let i = 0; i < value.length; i++) value[i] += 0.3 * rng.nextNormal();
  return { config, params };
}

describe.each(TRAINABLE_ARCHITECTURES)('training forward of %s', (arch) => {
  it('equals the reference forward (logits at every position, float32 tolerance)', () => {
    const { config, params } = setup(arch);
    const T = 7;
    const tokens = Int32Array.from({ length: 2 * T }, (_, i) => (i * 5 + 3) % 16);
    const labels = Int32Array.from({ length: 2 * T }, (_, i) => i % 16);
    const { logits } = trainingForward(new Tape(), config, toParamVars(config, params), {
      inputs: tokens,
      labels,
      seqLen: T,
    });
    for (let b = 0; b < 2; b++) {
      const ref = forward({ config, params }, tokens.subarray(b * T, (b + 1) * T)).logits;
      const ours = logits.data.subarray(b * T * 16, (b + 1) * T * 16);
      let err = 0;
      for (let i = 0; i < ref.length; i++)
        err = Math.max(err, Math.abs(ref[i] - ours[i]) / Math.max(1, Math.abs(ref[i])));
      expect(err).toBeLessThan(2e-4);
    }
  });

  it('has correct gradients for every parameter (finite differences, float64)', () => {
    const { config, params } = setup(arch, 5);
    const vars = toParamVars(config, params);
    const T = 5;
    const inputs = Int32Array.of(1, 9, 2, 12, 1, 3, 11, 4, 13, 3);
    const labels = Int32Array.from(inputs, (_, i) => (i % T === T - 1 ? (i * 7) % 16 : IGNORE_INDEX));
    labels[2] = 12;
    const names = [...vars.keys()];
    const { maxError } = gradCheck(
      (tape: Tape, list: Var[]) => {
        const byName = new Map(names.map((n, i) => [n, list[i]]));
        return trainingForward(tape, config, byName, { inputs, labels, seqLen: T }).loss;
      },
      names.map((n) => vars.get(n) as Var),
      { samples: 4 },
    );
    expect(maxError).toBeLessThan(1e-5);
  });
});
