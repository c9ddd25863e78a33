/** Messages between the page and the training Web Worker. */
import type { TrainLog, TrainProgress, TrainSettings } from '../../simulations/training/trainer';

export interface TrainingRequest {
  settings: TrainSettings;
}

export type TrainingMessage =
  | ({ type: 'progress' } & TrainProgress)
  | { type: 'done'; log: TrainLog; params: [string, Float32Array][] }
  | { type: 'error'; message: string };
