/** Mixer kinds that can be trained, by registered kind (simulations/model/mixerRegistry.ts). */
import { attention } from './attention';
import { baseConv } from './baseConv';
import { gla, retnet } from './decayedLinearAttention';
import { h3 } from './h3';
import { hyena } from './hyena';
import { linearAttention } from './linearAttention';
import { mamba } from './mamba';
import { mamba2 } from './mamba2';
import { monarch } from './monarch';
import { rgLru } from './rgLru';
import { s4d } from './s4d';
import type { TrainableMixer } from './trainableMixer';

export const TRAINABLE_MIXERS: Readonly<Record<string, TrainableMixer>> = {
  attention,
  slidingWindow: attention,
  linearAttention,
  baseConv,
  mamba,
  rglru: rgLru,
  s4d,
  h3,
  retnet,
  gla,
  mamba2,
  hyena,
  monarch,
};

export function trainableMixer(kind: string): TrainableMixer {
  const mixer = TRAINABLE_MIXERS[kind];
  if (!mixer)
    throw new Error(
      `The '${kind}' mixer has no backward pass yet. Trainable: ${Object.keys(TRAINABLE_MIXERS).join(', ')}`,
    );
  return mixer;
}

export type { MixerContext, TrainableMixer } from './trainableMixer';
