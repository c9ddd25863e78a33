/**
 * Hybrid layer patterns as configs: the layer sequences of Griffin, Jamba, StripedHyena and Based over the
 * registered mixer kinds ('rglru', 'mamba', 'hyena', 'baseConv', 'linearAttention', 'slidingWindow',
 * 'attention'). `validateConfig` checks the options of each.
 */
import type { LayerSpec, MixerSpec } from './config';

const layer = (mixer: MixerSpec, mlp: LayerSpec['mlp'] = 'none'): LayerSpec => ({ mixer, mlp });

/** Griffin (De et al. 2024): blocks of (RG-LRU, RG-LRU, local attention), each followed by a gated MLP. */
export function griffinPattern(nLayers: number, window: number, heads = 1): LayerSpec[] {
  return Array.from({ length: nLayers }, (_, i) =>
    i % 3 === 2 ? layer({ kind: 'slidingWindow', window, heads }, 'glu') : layer({ kind: 'rglru' }, 'glu'),
  );
}

/** Jamba (Lieber et al. 2024): Mamba layers with an attention layer every k-th (1 in 8 in the paper). */
export function jambaPattern(nLayers: number, attentionEvery: number, heads = 1): LayerSpec[] {
  return Array.from({ length: nLayers }, (_, i) =>
    (i + 1) % attentionEvery === 0
      ? layer({ kind: 'attention', heads }, 'mlp')
      : layer({ kind: 'mamba' }, 'mlp'),
  );
}

/** StripedHyena: Hyena layers striped with attention every k-th. */
export function stripedHyenaPattern(nLayers: number, attentionEvery: number, heads = 1): LayerSpec[] {
  return Array.from({ length: nLayers }, (_, i) =>
    (i + 1) % attentionEvery === 0
      ? layer({ kind: 'attention', heads }, 'mlp')
      : layer({ kind: 'hyena' }, 'mlp'),
  );
}

/**
 * Based (Arora et al. 2024), synthetic setting (Zoology): BaseConv(k = 3) alternating with Taylor linear
 * attention; with `window`, a sliding-window layer follows each linear-attention layer as in the 360M model.
 */
export function basedPattern(nLayers: number, featureDim = 16, window?: number): LayerSpec[] {
  const cycle: MixerSpec[] = [
    { kind: 'baseConv', kernelSize: 3 },
    { kind: 'linearAttention', featureMap: 'taylor', featureDim },
  ];
  if (window !== undefined) cycle.push({ kind: 'slidingWindow', window });
  return Array.from({ length: nLayers }, (_, i) => layer(cycle[i % cycle.length]));
}
