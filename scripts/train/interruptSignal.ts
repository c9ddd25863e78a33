/**
 * SIGINT / SIGTERM as train()'s stop signal: the first one asks the loop to save a checkpoint and stop after the
 * current step; a second one gets Node's default handling (exit at once).
 */
import { constants } from 'node:os';

export interface InterruptSignal {
  aborted: boolean;
  /** The signal received, if any. */
  by?: NodeJS.Signals;
  /** Removes the handlers. */
  dispose(): void;
}

export function interruptSignal(): InterruptSignal {
  const names: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const signal: InterruptSignal = {
    aborted: false,
    dispose: () => {
      for (const name of names) process.off(name, handler);
    },
  };
  function handler(name: NodeJS.Signals) {
    signal.aborted = true;
    signal.by = name;
    signal.dispose();
    process.stderr.write(`\n${name}: saving a checkpoint after this step…\n`);
  }
  for (const name of names) process.on(name, handler);
  return signal;
}

/** A run stopped by a signal (its checkpoint saved); exits with 128 + the signal's number, as a shell reports it. */
export class Interrupted extends Error {
  readonly exitCode: number;
  constructor(signal: NodeJS.Signals, message: string) {
    super(message);
    this.exitCode = 128 + (constants.signals[signal] ?? 2);
  }
}
