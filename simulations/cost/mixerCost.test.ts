import '../model/builtinMixers';
import { describe, expect, it } from 'vitest';
import { getMixer } from '../model/mixerRegistry';
import { ARCHITECTURES, architecturePreset } from '../model/presets';
import { configCost } from './mixerCost';

describe('mixers and cost models agree on state size', () => {
  for (const arch of ARCHITECTURES) {
    it(arch, () => {
      const config = architecturePreset(arch, { vocabSize: 64, dModel: 32, maxSeqLen: 256, window: 16 });
      for (const N of [8, 64, 256]) {
        const fromMixers = config.layers.reduce(
          (s, l) => s + getMixer(l.mixer.kind).stateSizeBytes(l.mixer, config, N),
          0,
        );
        expect(fromMixers).toBe(configCost(config, N).stateBytes);
      }
    });
  }
});
