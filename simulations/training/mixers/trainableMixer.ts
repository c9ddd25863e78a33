/**
 * The training-side forward of a mixer: the same computation as its card's reference `forward`
 * (simulations/model/mixers), written with differentiable ops. A test checks the two agree on random weights.
 * Each training mixer registers itself against its architecture card (`registerTrainableMixer`), and gets the
 * card's typed options; mixers/index.ts imports them all.
 */
import type { ArchitectureCard } from '../../model/architectureCard';
import type { MixerSpec, ModelConfig } from '../../model/config';
import type { MixerTrace } from '../../model/mixerRegistry';
import type { Tape, Var } from '../tape';

export interface MixerContext {
  batch: number;
  seqLen: number;
  spec: MixerSpec;
  config: ModelConfig;
}

export type TrainableMixer = (
  tape: Tape,
  params: Readonly<Record<string, Var>>,
  x: Var,
  context: MixerContext,
) => Var;

/** A training mixer as written beside its card: the context also carries the card's typed options. */
export type CardTrainableMixer<O> = (
  tape: Tape,
  params: Readonly<Record<string, Var>>,
  x: Var,
  context: MixerContext & { options: O },
) => Var;

const mixers: Record<string, TrainableMixer> = {};
const listeners: (() => void)[] = [];

/** The registered training mixers by mixer kind (a live record). */
export const TRAINABLE_MIXERS: Readonly<Record<string, TrainableMixer>> = mixers;

/** Registers the training forward of `card`'s mixer. */
export function registerTrainableMixer<O extends object, Tr extends MixerTrace>(
  card: ArchitectureCard<O, Tr>,
  mixer: CardTrainableMixer<O>,
): void {
  if (card.id in mixers) throw new Error(`The “${card.id}” mixer already has a training forward`);
  mixers[card.id] = (tape, params, x, context) =>
    mixer(tape, params, x, { ...context, options: card.options(context.spec) });
  for (const listener of listeners) listener();
}

/** Calls `listener` after every later registration. */
export function onTrainableMixerRegistered(listener: () => void): void {
  listeners.push(listener);
}

export function trainableMixer(kind: string): TrainableMixer {
  const mixer = mixers[kind];
  if (!mixer)
    throw new Error(
      `The '${kind}' mixer has no backward pass yet. Trainable: ${Object.keys(mixers).join(', ')}`,
    );
  return mixer;
}
