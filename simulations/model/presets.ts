import type { LayerSpec, ModelConfig } from './config';
import { basedPattern, griffinPattern, jambaPattern, stripedHyenaPattern } from './layerPatterns';

/** Zoology's synthetic MQAR shell: 2 layers, no MLP, LayerNorm, the residual quirk; learned positions for attention. */
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
  const usesAttention = layers.some((l) => l.mixer.kind === 'attention' || l.mixer.kind === 'slidingWindow');
  return {
    version: 1,
    vocabSize,
    dModel,
    maxSeqLen,
    positional: usesAttention ? 'learned' : 'none',
    norm: 'layernorm',
    layers,
    zoologyResidualQuirk: true,
    vocabulary: { vocabSize },
  };
}

/** The architectures the engine can build today, as 2-layer Zoology configs. */
export function architecturePreset(
  arch: string,
  {
    vocabSize,
    dModel,
    maxSeqLen,
    window = 16,
  }: { vocabSize: number; dModel: number; maxSeqLen: number; window?: number },
): ModelConfig {
  const two = (l: LayerSpec) => [l, structuredClone(l)];
  switch (arch) {
    case 'attention':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'attention', heads: 1 }, mlp: 'none' }),
      });
    case 'attention-rope':
      return {
        ...zoologyConfig({
          vocabSize,
          dModel,
          maxSeqLen,
          layers: two({ mixer: { kind: 'attention', heads: 1, positional: 'rope' }, mlp: 'none' }),
        }),
        positional: 'none',
      };
    case 'sliding-window':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'slidingWindow', window, heads: 1 }, mlp: 'none' }),
      });
    case 'linear-attention':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({
          mixer: { kind: 'linearAttention', featureMap: 'eluPlusOne', featureDim: 16 },
          mlp: 'none',
        }),
      });
    case 'based':
      return zoologyConfig({ vocabSize, dModel, maxSeqLen, layers: basedPattern(2, 16) });
    case 'based-window':
      return zoologyConfig({ vocabSize, dModel, maxSeqLen, layers: basedPattern(3, 16, window) });
    case 's4d':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 's4d', dState: 64 }, mlp: 'none' }),
      });
    case 'mamba':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'mamba', dState: 16 }, mlp: 'none' }),
      });
    case 'hawk':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'rglru' }, mlp: 'none' }),
      });
    case 'griffin':
      return zoologyConfig({ vocabSize, dModel, maxSeqLen, layers: griffinPattern(3, window) });
    case 'jamba':
      return zoologyConfig({ vocabSize, dModel, maxSeqLen, layers: jambaPattern(4, 4) });
    case 'hyena':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'hyena' }, mlp: 'none' }),
      });
    case 'striped-hyena':
      return zoologyConfig({ vocabSize, dModel, maxSeqLen, layers: stripedHyenaPattern(2, 2) });
    case 'mamba2':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'mamba2', dState: 16 }, mlp: 'none' }),
      });
    case 'retnet':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'retnet', heads: 2 }, mlp: 'none' }),
      });
    case 'gla':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'gla', heads: 2 }, mlp: 'none' }),
      });
    case 'h3':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'h3', dState: 16 }, mlp: 'none' }),
      });
    case 'm2':
      return zoologyConfig({
        vocabSize,
        dModel,
        maxSeqLen,
        layers: two({ mixer: { kind: 'monarch' }, mlp: 'monarch' }),
      });
    default:
      throw new Error(`Unknown architecture “${arch}”. Available: ${ARCHITECTURES.join(', ')}`);
  }
}

export const ARCHITECTURES = [
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
] as const;
