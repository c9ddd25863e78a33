/**
 * Every model in public/models, re-evaluated with the float32 reference forward (simulations/model) on the
 * small fixed held-out set its train-log.json names: accuracy within 1 point of the logged value (which the
 * float64 training forward computed), and index.json lists exactly the shipped directories.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forward, predictTokens } from '../../simulations/model/forward';
import { zoologyAccuracy } from '../../simulations/tasks/example';
import { generateTask, type TaskSpec } from '../../simulations/training/taskData';
import { readModelDirectory } from '../cli/modelDirectory';

const ROOT = 'public/models';
const dirs = existsSync(ROOT) ? readdirSync(ROOT).filter((id) => statSync(join(ROOT, id)).isDirectory()) : [];

interface Check {
  task: TaskSpec;
  seed: number;
  examples: number;
  accuracy: number;
}

describe('shipped models', () => {
  it('index.json lists every model directory, and the weights stay under 25 MB', () => {
    if (dirs.length === 0) return;
    const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')) as { models: { id: string }[] };
    expect(index.models.map((m) => m.id).sort()).toEqual([...dirs].sort());
    const bytes = dirs.reduce((sum, id) => sum + statSync(join(ROOT, id, 'model.safetensors')).size, 0);
    expect(bytes).toBeLessThan(25 * 1024 * 1024);
  });

  it.each(dirs)('%s reproduces its logged held-out accuracy', (id) => {
    const dir = join(ROOT, id);
    const log = JSON.parse(readFileSync(join(dir, 'train-log.json'), 'utf8')) as { check: Check };
    const model = readModelDirectory(dir);
    const examples = generateTask(log.check.task, log.check.examples, log.check.seed);
    const V = model.config.vocabSize;
    const predictions = examples.map((e) => predictTokens(forward(model, e.inputs).logits, V));
    const accuracy = zoologyAccuracy(
      predictions,
      examples.map((e) => e.labels),
    );
    expect(Math.abs(accuracy - log.check.accuracy)).toBeLessThanOrEqual(0.01);
  });
});
