import { describe, expect, it } from 'vitest';
import { architecturePreset } from '../model/presets';
import { DEFAULT_TRAIN_SETTINGS, type TrainSettings, train } from './trainer';

const tiny = (arch: string, steps: number): TrainSettings => ({
  ...DEFAULT_TRAIN_SETTINGS,
  model: architecturePreset(arch, { vocabSize: 32, dModel: 16, maxSeqLen: 16, window: 4 }),
  task: { kind: 'mqar', vocabSize: 32, seqLen: 16, numKvPairs: 2 },
  seed: 4,
  steps,
  batchSize: 16,
  learningRate: 1e-2,
  warmupSteps: 5,
  evalEvery: 1000,
  validationExamples: 16,
  testExamples: 16,
});

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('train', () => {
  it.each(['attention', 'mamba', 'based', 'hawk'])(
    'lowers the loss of %s within a few dozen steps',
    async (arch) => {
      const { log } = await train(tiny(arch, 40));
      const losses = log.steps.map((s) => s.loss);
      expect(mean(losses.slice(-8))).toBeLessThan(mean(losses.slice(0, 8)) - 0.15);
      expect(log.stepsRun).toBe(40);
      expect(log.validation.length).toBe(1);
      expect(log.test.accuracy).toBeGreaterThanOrEqual(0);
    },
  );

  it('is deterministic given the seed, and the seed matters', async () => {
    const a = (await train(tiny('attention', 6))).params;
    const b = (await train(tiny('attention', 6))).params;
    const c = (await train({ ...tiny('attention', 6), seed: 5 })).params;
    expect(b.get('layers.0.mixer.W_qkv')).toEqual(a.get('layers.0.mixer.W_qkv'));
    expect(c.get('layers.0.mixer.W_qkv')).not.toEqual(a.get('layers.0.mixer.W_qkv'));
  });

  it('continues from given weights (a curriculum) without changing them, and rejects weights of another model', async () => {
    const first = await train(tiny('attention', 30));
    const before = first.params.get('layers.0.mixer.W_qkv')?.slice();
    const next = await train(
      { ...tiny('attention', 6), initializedFrom: 'first' },
      { initialParams: first.params },
    );
    const fresh = await train(tiny('attention', 6));
    // Warm-started, the first step's loss is the trained model's, far below a fresh model's.
    expect(next.log.steps[0].loss).toBeLessThan(fresh.log.steps[0].loss - 0.3);
    expect(next.log.settings.initializedFrom).toBe('first');
    expect(first.params.get('layers.0.mixer.W_qkv')).toEqual(before);
    const other = (await train(tiny('hawk', 1))).params;
    await expect(train(tiny('attention', 1), { initialParams: other })).rejects.toThrow(
      /lack parameter|does not have/,
    );
  });

  it('stops early once validation accuracy reaches the threshold', async () => {
    const { log } = await train({ ...tiny('attention', 30), evalEvery: 5, earlyStopAccuracy: 0 });
    expect(log.stoppedEarly).toBe(true);
    expect(log.stepsRun).toBe(5);
  });
});
