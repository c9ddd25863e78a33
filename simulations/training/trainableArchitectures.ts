/** The architecture presets (simulations/model/presets.ts) whose every mixer and MLP has a backward pass. */
import { ARCHITECTURES, architecturePreset } from '../model/presets';
import { TRAINABLE_MIXERS } from './mixers';

function trainable(arch: string): boolean {
  const config = architecturePreset(arch, { vocabSize: 16, dModel: 16, maxSeqLen: 8 });
  return config.layers.every((l) => l.mixer.kind in TRAINABLE_MIXERS);
}

export const TRAINABLE_ARCHITECTURES: readonly string[] = ARCHITECTURES.filter(trainable);
