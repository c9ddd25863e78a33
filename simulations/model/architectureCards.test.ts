/**
 * The registries derived from the architecture cards (decision 010) hold what the cards say, in the orders the
 * rest of the project relies on.
 */
import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_COSTS } from '../cost/costModels';
import { TRAINABLE_MIXERS } from '../training/mixers';
import { TRAINABLE_ARCHITECTURES } from '../training/trainableArchitectures';
import { architectureCards, architectureVariant, registeredMixerKinds } from './mixerRegistry';
import { mambaShape } from './mixers/mambaMixer';
import { parameterSpecs } from './params';
import { ARCHITECTURES, architecturePreset, variantLayer } from './presets';

describe('the registries derived from the cards', () => {
  it('list the presets in the zoo’s order (scripts/train/zoo.ts shards its jobs by position)', () => {
    expect(ARCHITECTURES).toEqual([
      'attention',
      'attention-rope',
      'sliding-window',
      'linear-attention',
      'based',
      'based-window',
      's4d',
      'mamba',
      'hawk',
      'griffin',
      'jamba',
      'hyena',
      'striped-hyena',
      'mamba2',
      'retnet',
      'gla',
      'h3',
      'm2',
    ]);
    expect(TRAINABLE_ARCHITECTURES).toEqual(ARCHITECTURES);
  });

  it('have one entry per card (mixer kinds, training mixers) and per variant (cost model, designer)', () => {
    const cards = architectureCards();
    expect(registeredMixerKinds()).toEqual(cards.map((c) => c.id));
    expect(Object.keys(TRAINABLE_MIXERS).sort()).toEqual(cards.map((c) => c.id).sort());
    const variants = cards.flatMap((c) => c.variants.map((v) => v.id));
    expect(ARCHITECTURE_COSTS.map((a) => a.id)).toEqual([...variants, 'rwkv4']);
    for (const id of variants) {
      // The designer's ids resolve whatever their case (a trained hybrid's id lower-cases them).
      expect(architectureVariant(id.toLowerCase())?.variant.id).toBe(id);
      expect(variantLayer(id, { window: 8 })?.mixer.kind).toBe(architectureVariant(id)?.card.id);
    }
    expect(variantLayer('based', { window: 8 })).toEqual({
      mixer: { kind: 'linearAttention', featureMap: 'taylor', featureDim: 16 },
      mlp: 'none',
    });
    expect(variantLayer('m2', { window: 8 })).toEqual({ mixer: { kind: 'monarch' }, mlp: 'monarch' });
    expect(variantLayer('slidingWindow', { window: 8 })?.mixer).toEqual({
      kind: 'slidingWindow',
      window: 8,
      heads: 1,
    });
  });

  it('read options once, with the card’s defaults and shapes (Mamba: d_inner 2d, dt_rank ⌈d/16⌉)', () => {
    const config = architecturePreset('jamba', { vocabSize: 16, dModel: 40, maxSeqLen: 8 });
    // Jamba's Mamba layers carry no dState: the card's default (16) fills it in.
    expect(config.layers[0].mixer).toEqual({ kind: 'mamba' });
    const { dInner, dState, dtRank } = mambaShape({ dState: 16 }, 40);
    expect([dInner, dState, dtRank]).toEqual([80, 16, 3]);
    const specs = parameterSpecs(config);
    expect(specs.get('layers.0.mixer.W_x')?.shape).toEqual([dInner, dtRank + 2 * dState]);
    expect(specs.get('layers.0.mixer.A_log')?.shape).toEqual([dInner, dState]);
  });

  it('name the option the trainer’s --d-state sets, where a card has one', () => {
    const option = Object.fromEntries(architectureCards().map((c) => [c.id, c.stateSizeOption]));
    expect(
      Object.entries(option)
        .filter(([, o]) => o === 'dState')
        .map(([id]) => id)
        .sort(),
    ).toEqual(['h3', 'mamba', 'mamba2', 's4d']);
  });
});
