/**
 * The JSON-serialisable description of a tiny model, Zoology style (architectures.md §1.2): token embedding
 * tied to the LM head, optional learned absolute positions, pre-norm residual blocks of (mixer, optional
 * MLP/GLU), a final norm. Any layer pattern is allowed, so hybrids are just configs.
 */
import type { VocabularySpec } from '../vocabulary/vocabulary';

/** A sequence mixer and its options; `kind` names a registered mixer (see mixerRegistry.ts). */
export interface MixerSpec {
  kind: string;
  [option: string]: unknown;
}

/** Blocks of M2's block-diagonal MLP. */
export const MONARCH_MLP_BLOCKS = 4;

export interface LayerSpec {
  mixer: MixerSpec;
  /**
   * The "state mixer" after the sequence mixer: none (Zoology's synthetic setting), a GELU MLP, a SwiGLU, or
   * M2's block-diagonal Monarch MLP (4 blocks, a block transpose between the two layers).
   */
  mlp: 'none' | 'mlp' | 'glu' | 'monarch';
}

export interface ModelConfig {
  /** Format version of this config, for migrations. */
  version: 1;
  vocabSize: number;
  dModel: number;
  /** Longest sequence the model accepts (size of the learned position table). */
  maxSeqLen: number;
  /** Learned absolute positions (Zoology uses them for attention models only) or none. */
  positional: 'learned' | 'none';
  norm: 'layernorm' | 'rmsnorm';
  layers: LayerSpec[];
  /** Hidden width of MLP/GLU layers as a multiple of dModel. @default 4 */
  mlpExpansion?: number;
  /**
   * Zoology's identity state mixer still adds its input back: after a layer with mlp 'none' the stream does
   * r ← r + norm₂(r) (architectures.md §1.2 "Quirk to reproduce"). True reproduces Zoology.
   */
  zoologyResidualQuirk: boolean;
  /** How token ids read as labels in the UI. */
  vocabulary?: VocabularySpec;
}

/** Problems with a config's own fields (mixer-specific checks live with each mixer). */
export function configProblems(config: ModelConfig): string[] {
  const problems: string[] = [];
  const positiveInt = (name: string, v: unknown) => {
    if (!Number.isInteger(v) || (v as number) < 1)
      problems.push(`${name} must be a positive integer (got ${JSON.stringify(v)})`);
  };
  if (config.version !== 1)
    problems.push(`unsupported config version ${JSON.stringify(config.version)} (expected 1)`);
  positiveInt('vocabSize', config.vocabSize);
  positiveInt('dModel', config.dModel);
  positiveInt('maxSeqLen', config.maxSeqLen);
  if (config.positional !== 'learned' && config.positional !== 'none')
    problems.push(`positional must be 'learned' or 'none'`);
  if (config.norm !== 'layernorm' && config.norm !== 'rmsnorm')
    problems.push(`norm must be 'layernorm' or 'rmsnorm'`);
  if (!Array.isArray(config.layers) || config.layers.length === 0)
    problems.push('layers must be a non-empty array');
  config.layers?.forEach((layer, i) => {
    if (!layer?.mixer || typeof layer.mixer.kind !== 'string')
      problems.push(`layers[${i}].mixer.kind is missing`);
    if (!['none', 'mlp', 'glu', 'monarch'].includes(layer?.mlp))
      problems.push(`layers[${i}].mlp must be 'none', 'mlp', 'glu' or 'monarch'`);
    if (layer?.mlp === 'monarch' && config.dModel % MONARCH_MLP_BLOCKS !== 0)
      problems.push(`layers[${i}]: the Monarch MLP needs dModel divisible by ${MONARCH_MLP_BLOCKS}`);
  });
  if (config.mlpExpansion !== undefined) positiveInt('mlpExpansion', config.mlpExpansion);
  return problems;
}
