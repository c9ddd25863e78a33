/**
 * A learning-rate sweep (`--lr 1e-3,3e-3,1e-2`): one run per rate, the best kept by final validation accuracy
 * (ties: lower validation loss, then the earlier rate), all of them recorded in the kept model's train log.
 */
import type { TrainLog } from '../../simulations/training/trainer';
import { UsageError } from '../cli/args';

export interface LrSweepEntry {
  learningRate: number;
  stepsRun: number;
  validationAccuracy: number;
  validationLoss: number;
  stoppedEarly: boolean;
  chosen: boolean;
}

/** `--lr` as a list of distinct positive rates (one rate: no sweep). */
export function parseLearningRates(text: string): number[] {
  const rates = text.split(',').map((r) => Number(r.trim()));
  if (rates.some((r) => !Number.isFinite(r) || r <= 0))
    throw new UsageError(`--lr must be a positive number or a comma-separated list of them, got “${text}”`);
  if (new Set(rates).size !== rates.length) throw new UsageError(`--lr lists a rate twice: “${text}”`);
  return rates;
}

/** The sweep's entries (one per run, in order) and the index of the run to keep. */
export function chooseLearningRate(logs: readonly TrainLog[]): { best: number; lrSweep: LrSweepEntry[] } {
  const finals = logs.map((log) => log.validation.at(-1) ?? { accuracy: 0, loss: Number.POSITIVE_INFINITY });
  let best = 0;
  finals.forEach((f, i) => {
    const b = finals[best];
    if (f.accuracy > b.accuracy || (f.accuracy === b.accuracy && f.loss < b.loss)) best = i;
  });
  const lrSweep = logs.map((log, i) => ({
    learningRate: log.settings.learningRate,
    stepsRun: log.stepsRun,
    validationAccuracy: finals[i].accuracy,
    validationLoss: finals[i].loss,
    stoppedEarly: log.stoppedEarly,
    chosen: i === best,
  }));
  return { best, lrSweep };
}
