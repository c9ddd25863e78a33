/**
 * The engine's named models, as 2-layer Zoology configs: every preset comes from an architecture card
 * (`ArchitectureCard.presets`), so `ARCHITECTURES` lists exactly what the registered cards offer — the CLI's and
 * the trainer's `--arch`, the start of every shipped model's id.
 */
import './builtinMixers';
import type { CardPreset, CardVariant, PresetSize } from './architectureCard';
import type { LayerSpec, ModelConfig } from './config';
import { architectureVariant, findArchitectureCard, onArchitectureRegistered } from './mixerRegistry';

/** Zoology's synthetic MQAR shell: no MLP, LayerNorm, the residual quirk; learned positions when a layer attends. */
export function zoologyConfig({
  vocabSize,
  dModel,
  maxSeqLen,
  layers,
}: {
  vocabSize: number;
  dModel: number;
  maxSeqLen: number;
  layers: LayerSpec[];
}): ModelConfig {
  const learned = layers.some((l) => findArchitectureCard(l.mixer.kind)?.learnedPositions === true);
  return {
    version: 1,
    vocabSize,
    dModel,
    maxSeqLen,
    positional: learned ? 'learned' : 'none',
    norm: 'layernorm',
    layers,
    zoologyResidualQuirk: true,
    vocabulary: { vocabSize },
  };
}

/** A variant's layer with the options the presets and the designer write (a window for sliding windows). */
function layerOf(kind: string, variant: CardVariant<object>, window: number): LayerSpec {
  return { mixer: { kind, ...variant.spec({ window }) }, mlp: variant.mlp ?? 'none' };
}

/**
 * The layer of a cost-model / hybrid-designer id as the presets build it ("based": Taylor linear attention,
 * "m2": M2's mixer with its Monarch MLP), matched without regard to case; undefined for an unknown id.
 */
export function variantLayer(id: string, { window }: { window: number }): LayerSpec | undefined {
  const found = architectureVariant(id);
  return found && layerOf(found.card.id, found.variant, window);
}

const presets = new Map<string, { preset: CardPreset; layers: (size: PresetSize) => LayerSpec[] }>();
const ids: string[] = [];

/** Lists a preset: at the end, or right after its `after` preset (and moves any listed after it behind it). */
function place(preset: CardPreset): void {
  const at = preset.after === undefined ? -1 : ids.indexOf(preset.after);
  if (at < 0) ids.push(preset.id);
  else ids.splice(at + 1, 0, preset.id);
  for (const { preset: later } of presets.values())
    if (later.after === preset.id && later.id !== preset.id) {
      ids.splice(ids.indexOf(later.id), 1);
      ids.splice(ids.indexOf(preset.id) + 1, 0, later.id);
    }
}

onArchitectureRegistered((card) => {
  for (const preset of card.presets) {
    if (presets.has(preset.id)) throw new Error(`A preset “${preset.id}” is already registered`);
    const first = card.variants[0];
    const layers =
      preset.layers ??
      (({ window }: PresetSize) => {
        const layer = layerOf(card.id, first, window);
        return [layer, structuredClone(layer)];
      });
    presets.set(preset.id, { preset, layers });
    place(preset);
  }
});

/** Every preset of the registered cards (a live list: a card registered later adds its presets). */
export const ARCHITECTURES: readonly string[] = ids;

/** A preset of the registered cards, as a Zoology config at this size. */
export function architecturePreset(
  arch: string,
  {
    vocabSize,
    dModel,
    maxSeqLen,
    window = 16,
  }: { vocabSize: number; dModel: number; maxSeqLen: number; window?: number },
): ModelConfig {
  const entry = presets.get(arch);
  if (!entry) throw new Error(`Unknown architecture “${arch}”. Available: ${ARCHITECTURES.join(', ')}`);
  const config = zoologyConfig({
    vocabSize,
    dModel,
    maxSeqLen,
    layers: entry.layers({ vocabSize, dModel, maxSeqLen, window }),
  });
  return entry.preset.noLearnedPositions ? { ...config, positional: 'none' } : config;
}
