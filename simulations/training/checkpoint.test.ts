import { describe, expect, it } from 'vitest';
import { architecturePreset } from '../model/presets';
import {
  type CheckpointStore,
  deserializeCheckpoint,
  memoryCheckpointStore,
  serializeCheckpoint,
  type TrainCheckpoint,
} from './checkpoint';
import { DEFAULT_TRAIN_SETTINGS, TrainingInterrupted, type TrainSettings, train } from './trainer';

const tiny = (steps: number): TrainSettings => ({
  ...DEFAULT_TRAIN_SETTINGS,
  model: architecturePreset('attention', { vocabSize: 16, dModel: 8, maxSeqLen: 8 }),
  task: { kind: 'mqar', vocabSize: 16, seqLen: 8, numKvPairs: 2 },
  seed: 3,
  steps,
  batchSize: 8,
  learningRate: 1e-2,
  warmupSteps: 3,
  evalEvery: 4,
  validationExamples: 16,
  testExamples: 16,
});

/** A clock that advances one second per reading, so saving "every 5 s" is deterministic. */
const ticking = () => {
  let t = 0;
  return () => (t += 1000);
};

/** Trains `steps` steps in one go, or stopped (signal raised) after `stopAt` steps and run again. */
async function straightAndResumed(steps: number, stopAt: number, store: CheckpointStore) {
  const straight = await train(tiny(steps));
  const signal = { aborted: false };
  await expect(
    train(tiny(steps), {
      checkpoint: store,
      signal,
      onProgress: ({ step }) => {
        signal.aborted = step === stopAt;
      },
    }),
  ).rejects.toThrow(TrainingInterrupted);
  expect(store.load()?.step).toBe(stopAt);
  const resumed = await train(tiny(steps), { checkpoint: store, signal: { aborted: false } });
  return { straight, resumed };
}

describe('checkpoints', () => {
  it('an interrupted run, resumed, ends with bit-identical parameters and the same curves', async () => {
    const { straight, resumed } = await straightAndResumed(10, 5, memoryCheckpointStore());
    for (const [name, value] of straight.params) expect(resumed.params.get(name)).toEqual(value);
    expect(resumed.log.steps).toEqual(straight.log.steps);
    expect(resumed.log.validation).toEqual(straight.log.validation);
    expect(resumed.log.stepsRun).toBe(10);
    expect(resumed.log.test).toEqual(straight.log.test);
  });

  it('saves every checkpointEverySeconds (by the injected clock) and once the loop ends', async () => {
    const store = memoryCheckpointStore();
    await train(tiny(10), { checkpoint: store, checkpointEverySeconds: 5, now: ticking() });
    // One clock reading per step plus a few more: a save about every fourth step, and the final one.
    expect(store.saves).toBeGreaterThanOrEqual(3);
    expect(store.saves).toBeLessThan(10);
    expect(store.load()?.step).toBe(10);
    const every = memoryCheckpointStore();
    await train(tiny(4), { checkpoint: every, checkpointEverySeconds: 0 });
    expect(every.saves).toBe(4);
  });

  it('a finished run’s checkpoint gives the same result again without training', async () => {
    const store = memoryCheckpointStore();
    const first = await train(tiny(6), { checkpoint: store });
    const again = await train(tiny(6), { checkpoint: store });
    expect(store.saves).toBe(1);
    expect(again.params).toEqual(first.params);
    expect(again.log.steps).toEqual(first.log.steps);
  });

  it('refuses a checkpoint of other settings, naming the difference', async () => {
    const store = memoryCheckpointStore();
    await train(tiny(2), { checkpoint: store });
    await expect(train({ ...tiny(2), learningRate: 3e-3 }, { checkpoint: store })).rejects.toThrow(
      /learningRate: 0.01 in the checkpoint, 0.003 now/,
    );
  });

  it('round-trips through JSON + binary exactly, keeping each array’s type, and rejects a mismatched binary', () => {
    const ck: TrainCheckpoint = {
      step: 7,
      settings: { ...tiny(10), gradientShards: 1 },
      params: new Map<string, Float64Array | Float32Array>([
        ['a', Float64Array.of(Math.PI, -1e-300, 0.1 + 0.2)],
        ['b', Float32Array.of(1.5, Math.E, -0)],
      ]),
      optimizer: {
        step: 7,
        moments: new Map([['a', { m: Float64Array.of(1 / 3, 2, 3), v: Float64Array.of(1e-20, 5, 6) }]]),
      },
      steps: [{ step: 0, loss: Math.log(16), learningRate: 1 / 300, gradNorm: 0.1 }],
      validation: [{ step: 4, accuracy: 0.25, loss: 2.5 }],
      tokens: 448,
      wallSeconds: 1.25,
      stoppedEarly: false,
    };
    const { json, binary } = serializeCheckpoint(ck);
    const back = deserializeCheckpoint(json, binary);
    expect(back).toEqual(ck);
    expect(back.params.get('b')).toBeInstanceOf(Float32Array);
    expect(Object.is(back.params.get('b')?.[2], -0)).toBe(true);
    const other = serializeCheckpoint({ ...ck, step: 8, params: new Map([['a', Float64Array.of(1, 2, 3)]]) });
    expect(() => deserializeCheckpoint(json, other.binary)).toThrow(/does not belong/);
  });
});
