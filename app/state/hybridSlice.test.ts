import { describe, expect, it, vi } from 'vitest';
import { initParams } from '../../simulations/model/params';
import type { TrainLog, TrainProgress, TrainSettings } from '../../simulations/training/trainer';
import { createAttentionBackend } from '../compute/attentionBackend';
import { createInProcessInferenceClient } from '../inference/inferenceClient';
import { createAppStore } from './appStore';
import type { Trainer } from './slices/hybridSlice';

/** A trainer that reports two steps and returns freshly initialised weights (or waits to be cancelled). */
function fakeTrainer(finish = true) {
  const cancel = vi.fn();
  let seen: TrainSettings | null = null;
  const trainer: Trainer = (settings, onProgress) => {
    seen = settings;
    const p = (step: number, validation?: TrainProgress['validation']) =>
      onProgress({ step, totalSteps: settings.steps, loss: 3 - step, validation });
    p(1);
    p(2, { step: 2, accuracy: 0.75, loss: 1 });
    const log = {
      settings,
      steps: [],
      validation: [{ step: 2, accuracy: 0.75, loss: 1 }],
      stepsRun: 2,
      stoppedEarly: false,
      wallSeconds: 1,
      tokensPerSecond: 1,
      test: { accuracy: 0.8, loss: 1, examples: 256, seed: 1 },
    } satisfies TrainLog;
    return {
      result: finish
        ? Promise.resolve({ params: initParams(settings.model, 1), log })
        : new Promise(() => {}),
      cancel,
    };
  };
  return { trainer, cancel, settings: () => seen };
}

const storeWith = (trainer: Trainer) =>
  createAppStore({
    backend: createAttentionBackend(undefined),
    inference: createInProcessInferenceClient(async () => {
      throw new Error('no network in this test');
    }),
    trainer,
  });

describe('training the designer’s stack', () => {
  it('reports progress, registers the trained model with inference, selects it and runs it', async () => {
    const fake = fakeTrainer();
    const store = storeWith(fake.trainer);
    store.getState().setSelectedModels([]);
    store.getState().trainStack(['baseConv', 'based'], 30);
    expect(fake.settings()?.steps).toBe(30);
    await vi.waitFor(() => expect(store.getState().hybridTraining.status).toBe('done'));
    const [model] = store.getState().trainedModels;
    expect(model).toMatchObject({
      id: 'hybrid-1-baseconv.based',
      testAccuracy: 0.8,
      validationAccuracy: 0.75,
    });
    expect(store.getState().activeModels()).toEqual(['hybrid-1-baseconv.based']);
    // It runs like a shipped model on the playground's sequence (the default preset: MQAR, V = 32, L = 16).
    store.getState().runPlayground();
    await vi.waitFor(() => expect(store.getState().runs[model.id]?.status).toBe('ok'));
    const run = store.getState().runs[model.id];
    expect(run.status === 'ok' && run.run.readout.length).toBe(store.getState().truth?.ok ? 2 : false);
  });

  it('shows the latest step, loss and validation accuracy while training; Cancel stops the worker', () => {
    const fake = fakeTrainer(false);
    const store = storeWith(fake.trainer);
    store.getState().trainStack(['mamba', 'attention'], 100);
    expect(store.getState().hybridTraining).toEqual({
      status: 'training',
      stack: ['mamba', 'attention'],
      step: 2,
      totalSteps: 100,
      loss: 1,
      validation: { step: 2, accuracy: 0.75 },
    });
    // The curves: one loss point per progress message, the validation accuracy at each evaluation.
    const curves = () => {
      const { loss, validation } = store.getState().hybridHistory;
      return { loss: loss.points, validation: validation.points };
    };
    expect(curves()).toEqual({
      loss: [
        { step: 1, value: 2 },
        { step: 2, value: 1 },
      ],
      validation: [{ step: 2, value: 0.75 }],
    });
    store.getState().cancelTraining();
    expect(fake.cancel).toHaveBeenCalledOnce();
    expect(store.getState().hybridTraining).toEqual({ status: 'cancelled', step: 2, totalSteps: 100 });
    expect(store.getState().trainedModels).toEqual([]);
    // The cancelled run's curves stay on the page; the next run starts them afresh.
    expect(curves().loss).toHaveLength(2);
    const cancelled = store.getState().hybridHistory;
    store.getState().trainStack(['mamba', 'attention'], 100);
    // (Steps 1 and 2 again: appended to the old curves they would be ignored, leaving the same object.)
    expect(store.getState().hybridHistory).not.toBe(cancelled);
    expect(curves().loss.map((p) => p.step)).toEqual([1, 2]);
    expect(fake.cancel).toHaveBeenCalledOnce();
  });

  it('an untrainable stack, or no worker, is an error message, not a crash', () => {
    const store = storeWith(fakeTrainer().trainer);
    store.getState().trainStack(['mamba']);
    const state = store.getState().hybridTraining;
    expect(state.status === 'error' && state.message).toMatch(/2–4 layers/);
    const noWorker = createAppStore({ backend: createAttentionBackend(undefined) });
    noWorker.getState().trainStack(['mamba', 'mamba']);
    expect(noWorker.getState().hybridTraining.status).toBe('error');
  });
});
