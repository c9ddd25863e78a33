import { describe, expect, it } from 'vitest';
import { architecturePreset } from '../../simulations/model/presets';
import { DEFAULT_TRAIN_SETTINGS } from '../../simulations/training/trainer';
import { trainInWorker } from './trainInWorker';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('training in a Web Worker (real Chromium)', () => {
  it('runs the trainer off the main thread: progress every step, the loss falls, weights come back', async () => {
    const settings = {
      ...DEFAULT_TRAIN_SETTINGS,
      model: architecturePreset('attention', { vocabSize: 32, dModel: 16, maxSeqLen: 16 }),
      task: { kind: 'mqar' as const, vocabSize: 32, seqLen: 16, numKvPairs: 2 },
      seed: 4,
      steps: 40,
      batchSize: 16,
      learningRate: 1e-2,
      warmupSteps: 5,
      evalEvery: 20,
      validationExamples: 16,
      testExamples: 16,
    };
    const progress: number[] = [];
    const { params, log } = await trainInWorker(settings, (p) => progress.push(p.step)).result;
    expect(progress).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const losses = log.steps.map((s) => s.loss);
    expect(mean(losses.slice(-8))).toBeLessThan(mean(losses.slice(0, 8)) - 0.15);
    expect(params.get('layers.0.mixer.W_qkv')).toBeInstanceOf(Float32Array);
    expect(log.validation).toHaveLength(2);
    // The worker trains on the float32 WebAssembly SIMD path, as `npm run train` does.
    expect(log.precision).toBe('float32');
  });

  it('reports a bad config as an error instead of hanging', async () => {
    const settings = {
      ...DEFAULT_TRAIN_SETTINGS,
      model: { ...architecturePreset('attention', { vocabSize: 32, dModel: 16, maxSeqLen: 16 }), layers: [] },
      task: { kind: 'mqar' as const, vocabSize: 32, seqLen: 16, numKvPairs: 2 },
      seed: 1,
      steps: 2,
    };
    await expect(trainInWorker(settings).result).rejects.toThrow(/Training failed/);
  });
});
