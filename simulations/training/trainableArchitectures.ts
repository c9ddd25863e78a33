/**
 * The architecture presets (simulations/model/presets.ts) whose every mixer has a training forward
 * (training/mixers/) — derived, and kept current when a card or a training mixer is registered later.
 */
import { onArchitectureRegistered } from '../model/mixerRegistry';
import { ARCHITECTURES, architecturePreset } from '../model/presets';
import { onTrainableMixerRegistered, TRAINABLE_MIXERS } from './mixers';

function trainable(arch: string): boolean {
  const config = architecturePreset(arch, { vocabSize: 16, dModel: 16, maxSeqLen: 8 });
  return config.layers.every((l) => l.mixer.kind in TRAINABLE_MIXERS);
}

const trainableList: string[] = [];
const refresh = () => trainableList.splice(0, trainableList.length, ...ARCHITECTURES.filter(trainable));
onArchitectureRegistered(refresh);
onTrainableMixerRegistered(refresh);

export const TRAINABLE_ARCHITECTURES: readonly string[] = trainableList;
