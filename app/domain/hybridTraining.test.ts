import { describe, expect, it } from 'vitest';
import { modelCost } from '../../simulations/cost';
import { createModel, forward } from '../../simulations/model/forward';
import { initParams } from '../../simulations/model/params';
import { architecturePreset } from '../../simulations/model/presets';
import { validateConfig } from '../../simulations/model/validateConfig';
import {
  configFacts,
  DEFAULT_STACK,
  hybridModelId,
  isTrainableMixer,
  stackToConfig,
  stackTrainProblems,
  stackTrainSettings,
} from './hybridTraining';
import { MIXER_CHOICES } from './layerStack';

describe('hybrid stack → model config (the tiny MQAR setting)', () => {
  it('maps every trainable designer mixer to a valid engine layer that runs', () => {
    const trainable = MIXER_CHOICES.map((m) => m.id).filter(isTrainableMixer);
    // Every cost model the engine can train (RWKV-4 has a cost model but no mixer).
    expect(trainable).toHaveLength(MIXER_CHOICES.length - 1);
    expect(isTrainableMixer('rwkv4')).toBe(false);
    for (const mixer of trainable) {
      const config = stackToConfig([mixer, 'attention']);
      expect(validateConfig(config), mixer).toEqual([]);
      const model = createModel(config, initParams(config, 1));
      expect(
        forward(
          model,
          Int32Array.from({ length: 16 }, (_, i) => i),
        ).logits,
      ).toHaveLength(16 * 32);
    }
  });

  it('builds the same layers as the engine’s presets (Zoology shell, learned positions only with attention)', () => {
    const tiny = { vocabSize: 32, dModel: 32, maxSeqLen: 16 };
    expect(stackToConfig(['mamba', 'mamba'])).toEqual(architecturePreset('mamba', tiny));
    expect(stackToConfig(['rglru', 'rglru'])).toEqual(architecturePreset('hawk', tiny));
    expect(stackToConfig(['baseConv', 'based'])).toEqual(architecturePreset('based', tiny));
    expect(stackToConfig(['attention', 'attention'])).toEqual(architecturePreset('attention', tiny));
    const c = stackToConfig(['mamba', 'attention', 'rglru']);
    expect(c.layers.map((l) => l.mixer.kind)).toEqual(['mamba', 'attention', 'rglru']);
    expect(c.positional).toBe('learned');
    expect(stackToConfig(['s4d', 'gla']).positional).toBe('none');
    expect(stackToConfig(['m2', 'm2']).layers[0].mlp).toBe('monarch');
    expect(stackToConfig(['slidingWindow', 'mamba']).layers[0].mixer).toMatchObject({ window: 8 });
  });

  it('its state and parameter counts agree with the engine; the cost model prices the same layers', () => {
    const config = stackToConfig(DEFAULT_STACK);
    const facts = configFacts(config);
    expect(facts.parameters).toBeGreaterThan(32 * 32);
    // At d = 32, L = 16 the cost model's state bytes equal the engine's (the window layer caches 8 tokens).
    expect(facts.stateBytes).toBe(
      modelCost([...DEFAULT_STACK], { d: 32, N: 16, layers: 3, window: 8 }).stateBytes,
    );
  });

  it('refuses stacks it cannot train, and says why', () => {
    expect(stackTrainProblems(DEFAULT_STACK)).toEqual([]);
    expect(stackTrainProblems(['mamba'])[0]).toMatch(/2–4 layers \(this one has 1\)/);
    expect(stackTrainProblems(Array(8).fill('mamba'))[0]).toMatch(/this one has 8/);
    expect(stackTrainProblems(['rwkv4', 'mamba'], () => 'RWKV-4')).toEqual([
      'the engine has no trainable RWKV-4 layer',
    ]);
    expect(() => stackToConfig(['mamba'])).toThrow(/Cannot train this stack/);
  });

  it('trains with the tiny setting’s settings, any step budget', () => {
    const s = stackTrainSettings(['mamba', 'attention']);
    expect(s).toMatchObject({
      steps: 600,
      batchSize: 32,
      learningRate: 1e-2,
      warmupSteps: 20,
      evalEvery: 50,
      seed: 1,
      task: { kind: 'mqar', vocabSize: 32, seqLen: 16, numKvPairs: 2 },
    });
    const short = stackTrainSettings(['mamba', 'attention'], { steps: 30 });
    expect(short).toMatchObject({ steps: 30, evalEvery: 30, warmupSteps: 6 });
  });

  it('names a trained stack with a model id the URL codec accepts', () => {
    expect(hybridModelId(3, ['slidingWindow', 'mamba2'])).toBe('hybrid-3-slidingwindow.mamba2');
    expect(hybridModelId(3, ['slidingWindow', 'mamba2'])).toMatch(/^[a-z0-9][a-z0-9.-]{0,79}$/);
  });
});
