/**
 * The training-side forward of a mixer: the same computation as its reference `forward` in
 * simulations/model/mixers, written with differentiable ops. A test checks the two agree on random weights.
 */
import type { MixerSpec, ModelConfig } from '../../model/config';
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
