/**
 * Connects a model config to the cost models: which cost entry each mixer spec is, with which parameters.
 * `cli info` reports both the mixers' own state sizes and the cost model's, and a test keeps them equal.
 */
import type { MixerSpec, ModelConfig } from '../model/config';
import { architectureCost, type Cost, type CostParams } from './costModels';

export function costEntryForMixer(spec: MixerSpec): { id: string; params: Partial<CostParams> } {
  const heads = (spec.heads as number | undefined) ?? 1;
  switch (spec.kind) {
    case 'attention':
      return { id: 'attention', params: { heads } };
    case 'slidingWindow':
      return { id: 'slidingWindow', params: { heads, window: spec.window as number } };
    case 'linearAttention': {
      const featureDim = (spec.featureDim as number | undefined) ?? 16;
      return {
        id: spec.featureMap === 'taylor' || spec.featureMap === undefined ? 'based' : 'linearAttention',
        params: { heads, featureDim },
      };
    }
    case 'baseConv':
      return { id: 'baseConv', params: { kernelSize: (spec.kernelSize as number | undefined) ?? 3 } };
    case 's4d':
      return { id: 's4d', params: { dState: (spec.dState as number | undefined) ?? 64 } };
    case 'mamba':
      return { id: 'mamba', params: { dState: (spec.dState as number | undefined) ?? 16 } };
    case 'mamba2':
      return { id: 'mamba2', params: { dState: (spec.dState as number | undefined) ?? 16 } };
    case 'retnet':
      return { id: 'retnet', params: { heads } };
    case 'gla':
      return { id: 'gla', params: { heads } };
    case 'h3':
      return { id: 'h3', params: { dState: (spec.dState as number | undefined) ?? 16 } };
    case 'monarch':
      return { id: 'm2', params: {} };
    case 'rglru':
      return { id: 'rglru', params: {} };
    case 'hyena':
      return { id: 'hyena', params: {} };
    default:
      throw new Error(`No cost model for mixer “${spec.kind}”`);
  }
}

/** FLOPs and state bytes of a whole config at sequence length N, layer by layer. */
export function configCost(config: ModelConfig, N: number): Cost {
  let flops = 0;
  let stateBytes = 0;
  for (const layer of config.layers) {
    const { id, params } = costEntryForMixer(layer.mixer);
    const c = architectureCost(id).perLayer({
      heads: 1,
      window: 64,
      featureDim: 16,
      dState: 16,
      kernelSize: 3,
      layers: 1,
      d: config.dModel,
      N,
      ...params,
    });
    flops += c.flops;
    stateBytes += c.stateBytes;
  }
  return { flops, stateBytes };
}
