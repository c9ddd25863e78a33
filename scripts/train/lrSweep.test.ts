import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrainLog } from '../../simulations/training/trainer';
import { chooseLearningRate, parseLearningRates } from './lrSweep';

const root = mkdtempSync(join(tmpdir(), 'train-lr-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const log = (learningRate: number, accuracy: number, loss: number) =>
  ({
    settings: { learningRate },
    stepsRun: 10,
    stoppedEarly: false,
    validation: [{ step: 10, accuracy, loss }],
  }) as unknown as TrainLog;

describe('learning-rate sweep', () => {
  it('keeps the best final validation accuracy, ties broken by the lower loss', () => {
    const { best, lrSweep } = chooseLearningRate([
      log(1e-3, 0.5, 1),
      log(3e-3, 0.9, 0.4),
      log(1e-2, 0.9, 0.3),
    ]);
    expect(best).toBe(2);
    expect(lrSweep.map((e) => e.chosen)).toEqual([false, false, true]);
    expect(lrSweep[1]).toEqual({
      learningRate: 3e-3,
      stepsRun: 10,
      validationAccuracy: 0.9,
      validationLoss: 0.4,
      stoppedEarly: false,
      chosen: false,
    });
    expect(parseLearningRates('1e-3, 3e-3,1e-2')).toEqual([1e-3, 3e-3, 1e-2]);
    expect(() => parseLearningRates('1e-3,x')).toThrow(/--lr/);
    expect(() => parseLearningRates('1e-3,0.001')).toThrow(/twice/);
  });

  it('on the CLI, writes the chosen run’s model and logs every run', { timeout: 60_000 }, () => {
    const ID = 'attention-mqar-l8-k2-d8-s1';
    const cli = (name: string, lr: string) => {
      const args = [
        ...['--arch', 'attention', '--task', 'mqar', '--vocab', '16', '--L', '8', '--K', '2', '--d', '8'],
        ...['--batch', '8', '--steps', '20', '--eval-every', '10', '--warmup', '4', '--test-examples', '16'],
        ...['--threads', '1', '--lr', lr],
        ...['--out', join(root, name), '--checkpoints', join(root, `${name}-checkpoints`)],
      ];
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/train/main.ts', ...args], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return {
        log: JSON.parse(readFileSync(join(root, name, ID, 'train-log.json'), 'utf8')),
        weights: readFileSync(join(root, name, ID, 'model.safetensors')),
      };
    };
    const sweep = cli('sweep', '3e-3,3e-2');
    expect(sweep.log.lrSweep.map((e: { learningRate: number }) => e.learningRate)).toEqual([3e-3, 3e-2]);
    const chosen = sweep.log.lrSweep.filter((e: { chosen: boolean }) => e.chosen);
    expect(chosen.length).toBe(1);
    expect(sweep.log.settings.learningRate).toBe(chosen[0].learningRate);
    expect(existsSync(join(root, 'sweep-checkpoints', ID))).toBe(false);
    // The kept model is the one a plain run at the chosen rate trains.
    const single = cli('single', String(chosen[0].learningRate));
    expect(single.weights.equals(sweep.weights)).toBe(true);
    expect(single.log.lrSweep).toBeUndefined();
  });
});
