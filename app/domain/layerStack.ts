/**
 * The hybrid designer's model: a stack of mixer layers (cost-model ids of simulations/cost), edited by pure
 * operations, and its inference cost at a context length compared with an all-attention stack of equal depth.
 */
import {
  ARCHITECTURE_COSTS,
  architectureCost,
  type CostParams,
  HYBRID_PATTERNS,
} from '../../simulations/cost';

export const MAX_LAYERS = 32;

export const MIXER_CHOICES = ARCHITECTURE_COSTS.map((a) => ({ id: a.id, name: a.name }));

/** Named starting points: the essay's hybrids as the cost models write them, repeated to `depth` layers. */
export function hybridPreset(name: keyof typeof HYBRID_PATTERNS, depth: number): string[] {
  const pattern = HYBRID_PATTERNS[name];
  return Array.from({ length: depth }, (_, i) => pattern[i % pattern.length]);
}

export type StackEdit =
  | { kind: 'set'; index: number; mixer: string }
  | { kind: 'add'; mixer: string }
  | { kind: 'remove'; index: number }
  | { kind: 'move'; index: number; by: -1 | 1 };

/** Applies one edit; invalid edits (out of range, unknown mixer, over MAX_LAYERS, last layer) change nothing. */
export function editStack(stack: readonly string[], edit: StackEdit): string[] {
  const known = (id: string) => ARCHITECTURE_COSTS.some((a) => a.id === id);
  const next = [...stack];
  if (edit.kind === 'set' && edit.index >= 0 && edit.index < next.length && known(edit.mixer))
    next[edit.index] = edit.mixer;
  else if (edit.kind === 'add' && next.length < MAX_LAYERS && known(edit.mixer)) next.push(edit.mixer);
  else if (edit.kind === 'remove' && next.length > 1 && edit.index >= 0 && edit.index < next.length)
    next.splice(edit.index, 1);
  else if (edit.kind === 'move') {
    const j = edit.index + edit.by;
    if (edit.index >= 0 && edit.index < next.length && j >= 0 && j < next.length)
      [next[edit.index], next[j]] = [next[j], next[edit.index]];
  }
  return next;
}

export interface StackCost {
  perLayer: { mixer: string; flops: number; stateBytes: number; grows: boolean }[];
  flops: number;
  stateBytes: number;
  /** The same depth of softmax attention, for comparison. */
  attentionFlops: number;
  attentionStateBytes: number;
}

export function stackCost(stack: readonly string[], params: Omit<CostParams, 'layers'>): StackCost {
  const p: Required<CostParams> = {
    heads: 1,
    window: 64,
    featureDim: 16,
    dState: 16,
    kernelSize: 3,
    ...params,
    layers: stack.length,
  } as Required<CostParams>;
  const perLayer = stack.map((mixer) => {
    const a = architectureCost(mixer);
    return { mixer, ...a.perLayer(p), grows: a.stateGrowsWithN };
  });
  const attn = architectureCost('attention').perLayer(p);
  return {
    perLayer,
    flops: perLayer.reduce((s, l) => s + l.flops, 0),
    stateBytes: perLayer.reduce((s, l) => s + l.stateBytes, 0),
    attentionFlops: attn.flops * stack.length,
    attentionStateBytes: attn.stateBytes * stack.length,
  };
}
