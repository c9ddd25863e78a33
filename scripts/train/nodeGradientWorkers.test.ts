import { afterAll, describe, expect, it } from 'vitest';
import { initParams } from '../../simulations/model/params';
import { architecturePreset } from '../../simulations/model/presets';
import { stack } from '../../simulations/training/evaluate';
import { batchGradients, parallelGradients } from '../../simulations/training/gradients';
import { generateTask } from '../../simulations/training/taskData';
import { toParamVars } from '../../simulations/training/trainingModel';
import { nodeGradientWorkers } from './nodeGradientWorkers';

const config = architecturePreset('mamba', { vocabSize: 32, dModel: 16, maxSeqLen: 16 });
const workers = nodeGradientWorkers(config, 1);
afterAll(() => workers.close());

describe('data-parallel gradients on worker threads', () => {
  it('equal the single-thread gradients of the whole batch (float64 round-off only)', async () => {
    const batch = stack(generateTask({ kind: 'mqar', vocabSize: 32, seqLen: 16, numKvPairs: 2 }, 6, 9));
    const single = toParamVars(config, initParams(config, 2));
    const expected = batchGradients(config, single, batch);
    const parallel = toParamVars(config, initParams(config, 2));
    const got = await parallelGradients(config, parallel, batch, workers);
    expect(got.loss).toBeCloseTo(expected.loss, 12);
    expect(got.rows).toBe(expected.rows);
    for (const [name, v] of single) {
      const g = parallel.get(name)?.grad as Float64Array;
      for (let i = 0; i < g.length; i++) expect(Math.abs(g[i] - v.grad[i])).toBeLessThan(1e-12);
    }
  });
});
