/**
 * Connects a model config to the cost models: each layer is priced by its architecture card with the layer's
 * own options (the formulas the cost model's entries read too), and named by the cost entry (variant) it is.
 * `cli info` reports both the mixers' own state sizes and the cost model's; they are one definition.
 */
import '../model/builtinMixers';
import type { MixerSpec, ModelConfig } from '../model/config';
import { architectureCard, variantOf } from '../model/mixerRegistry';
import type { Cost } from './costModels';

/** The cost-model entry a configured layer is priced as ("based" for Taylor linear attention, …). */
export function costEntryForMixer(spec: MixerSpec): string {
  const card = architectureCard(spec.kind);
  return variantOf(card, card.options(spec)).id;
}

/** FLOPs and state bytes of a whole config at sequence length N, layer by layer. */
export function configCost(config: ModelConfig, N: number): Cost {
  let flops = 0;
  let stateBytes = 0;
  for (const layer of config.layers) {
    const card = architectureCard(layer.mixer.kind);
    const options = card.options(layer.mixer);
    flops += card.flops(options, config.dModel, N);
    stateBytes += card.stateBytes(options, config.dModel, N);
  }
  return { flops, stateBytes };
}
