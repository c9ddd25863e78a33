/**
 * Training the hybrid designer's stack: the trainer runs in a Web Worker (app/workers/trainInWorker.ts), its
 * progress lands here step by step, Cancel ends the worker, and the trained model is handed to the inference
 * worker ('register') and joins the playground's model list as "your hybrid" — in this tab's memory only.
 */
import type { ModelConfig } from '../../../simulations/model/config';
import type { Params } from '../../../simulations/model/params';
import type { TrainLog, TrainProgress, TrainSettings } from '../../../simulations/training/trainer';
import { configFacts, hybridModelId, stackTrainSettings } from '../../domain/hybridTraining';
import { EMPTY_HISTORY, recordProgress, type TrainingHistory } from '../../domain/trainingHistory';
import type { InferenceClient } from '../../inference/inferenceClient';
import { MAX_SELECTED_MODELS } from '../urlCodec';
import type { SliceCreator } from './types';

/** Starts a training run; `trainInWorker` in the app, a fake in tests. */
export type Trainer = (
  settings: TrainSettings,
  onProgress: (progress: TrainProgress) => void,
) => { result: Promise<{ params: Params; log: TrainLog }>; cancel: () => void };

export interface TrainedModel {
  id: string;
  /** The designer's mixer ids, bottom layer first. */
  stack: string[];
  config: ModelConfig;
  stepsRun: number;
  /** Accuracy on the held-out test set at the end of training. */
  testAccuracy: number;
  /** Validation accuracy at the last evaluation. */
  validationAccuracy: number;
  parameters: number;
  stateBytes: number;
  wallSeconds: number;
}

export type HybridTrainingState =
  | { status: 'idle' }
  | {
      status: 'training';
      stack: string[];
      step: number;
      totalSteps: number;
      loss: number | null;
      /** The latest validation accuracy and the step it was measured at. */
      validation: { step: number; accuracy: number } | null;
    }
  | { status: 'registering'; stack: string[] }
  | { status: 'done'; modelId: string }
  | { status: 'cancelled'; step: number; totalSteps: number }
  | { status: 'error'; message: string };

export interface HybridSlice {
  hybridTraining: HybridTrainingState;
  /**
   * The loss and validation-accuracy curves of the latest run (one point per progress message, thinned beyond
   * 500 points); kept after it ends, emptied when the next one starts.
   */
  hybridHistory: TrainingHistory;
  /** Models trained in this tab, oldest first. */
  trainedModels: TrainedModel[];
  /** Trains `stack` (2–4 trainable layers) for `steps` steps in the tiny MQAR setting. */
  trainStack(stack: readonly string[], steps?: number): void;
  cancelTraining(): void;
}

export const createHybridSlice =
  (trainer: Trainer | null, inference: InferenceClient | null): SliceCreator<HybridSlice> =>
  (set, get) => {
    let run: { cancel: () => void; token: number } | null = null;
    let nextToken = 1;
    const fail = (message: string) => {
      run = null;
      set({ hybridTraining: { status: 'error', message } });
    };
    return {
      hybridTraining: { status: 'idle' },
      hybridHistory: EMPTY_HISTORY,
      trainedModels: [],
      trainStack(stackIn, steps) {
        const stack = [...stackIn];
        // A new attempt clears the last run's curves, also when it fails before training.
        set({ hybridHistory: EMPTY_HISTORY });
        if (!trainer) return fail('This browser cannot start a Web Worker, so training is not available.');
        if (!inference) return fail('No inference worker: a trained model could not be run.');
        let settings: TrainSettings;
        try {
          settings = stackTrainSettings(stack, { steps });
        } catch (error) {
          return fail((error as Error).message);
        }
        run?.cancel();
        const token = nextToken++;
        set({
          hybridTraining: {
            status: 'training',
            stack,
            step: 0,
            totalSteps: settings.steps,
            loss: null,
            validation: null,
          },
        });
        const current = { cancel: () => {}, token };
        run = current;
        const started = trainer(settings, (p) => {
          const now = get().hybridTraining;
          if (run?.token !== token || now.status !== 'training') return;
          set({
            hybridTraining: {
              ...now,
              step: p.step,
              loss: p.loss,
              validation: p.validation
                ? { step: p.validation.step, accuracy: p.validation.accuracy }
                : now.validation,
            },
            hybridHistory: recordProgress(get().hybridHistory, p),
          });
        });
        current.cancel = started.cancel;
        started.result.then(
          ({ params, log }) => {
            if (run?.token !== token) return;
            run = null;
            const id = hybridModelId(get().trainedModels.length + 1, stack);
            const last = log.validation.at(-1);
            const model: TrainedModel = {
              id,
              stack,
              config: settings.model,
              stepsRun: log.stepsRun,
              testAccuracy: log.test.accuracy,
              validationAccuracy: last?.accuracy ?? Number.NaN,
              wallSeconds: log.wallSeconds,
              ...configFacts(settings.model),
            };
            set({ hybridTraining: { status: 'registering', stack } });
            inference.request(
              { type: 'register', modelId: id, config: settings.model, params: [...params] },
              (m) => {
                if (m.type === 'modelError') fail(`The trained model could not be loaded: ${m.message}`);
                else if (m.type === 'loaded') {
                  const active = get().activeModels();
                  set({
                    trainedModels: [...get().trainedModels, model],
                    hybridTraining: { status: 'done', modelId: id },
                  });
                  if (active.length < MAX_SELECTED_MODELS) get().setSelectedModels([...active, id]);
                  else
                    get().addNotice(
                      `Your hybrid is trained; untick a model (at most ${MAX_SELECTED_MODELS} run side by side) to run it.`,
                      'info',
                    );
                }
              },
            );
          },
          (error: Error) => {
            if (run?.token !== token) return;
            fail(error.message);
          },
        );
      },
      cancelTraining() {
        const now = get().hybridTraining;
        if (!run || now.status !== 'training') return;
        run.cancel();
        run = null;
        set({ hybridTraining: { status: 'cancelled', step: now.step, totalSteps: now.totalSteps } });
      },
    };
  };
