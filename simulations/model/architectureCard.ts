/**
 * An architecture card: everything the engine knows about one sequence mixer, written once, beside its CPU
 * reference in `mixers/` (docs/decisions/010-architecture-cards.md). Every table that used to list the mixers by
 * name is derived from the registered cards (mixerRegistry.ts): the shell's mixer lookup, the presets and
 * `ARCHITECTURES` (presets.ts), the cost model's entries (cost/), the hybrid designer's layers, the trainable
 * architectures (training/mixers/), the GPU forward's mixers (kernels/model/mixers/, registered there against
 * the card) and the app's inspector views (`views`).
 *
 * Options are typed: `options(spec)` is the one place a config's untyped `MixerSpec` is read, defaults filled in;
 * everything else — the CPU forward, the training mixer, the GPU mixer, the cost — takes the typed options.
 */
import type { CostParams } from '../cost/costModels';
import type { LayerSpec, MixerSpec, ModelConfig } from './config';
import type { KernelSet } from './kernelSet';
import type { MixerTrace, ParamSpec } from './mixerRegistry';
import type { TraceViews } from './traceViews';

/** The cost model's knobs, all set: model width d, length N, heads, window, feature dim, state size, conv width. */
export type CostKnobs = Required<CostParams>;

/** How a forward runs: with the expensive trace parts or not, and on which CPU kernels. */
export interface MixerRun {
  /** When false, skip the expensive parts of the trace (retention matrices, implicit attention, states). */
  trace: boolean;
  /** Where the hot loops run (default: the TypeScript reference). */
  kernels?: KernelSet;
}

/** The size a preset is built at. */
export interface PresetSize {
  vocabSize: number;
  dModel: number;
  maxSeqLen: number;
  /** The window of sliding-window layers. */
  window: number;
}

/**
 * A layer the cost model prices and the hybrid designer offers: the card's own (id = the card's id), or a named
 * setting of its options (Based = linear attention with the Taylor map).
 */
export interface CardVariant<O> {
  /** Cost-model and designer id: the card's id for its main variant (M2's is "m2", as its preset). */
  id: string;
  /** As the cost model and the designer's menu name it. */
  name: string;
  /** Short, for tables and a hybrid's label ("Mamba", "RG-LRU"). */
  label: string;
  /** Where the cost formula comes from. */
  source: string;
  /** Does the inference state grow with N? */
  stateGrowsWithN: boolean;
  /** The options the presets and the designer write into a config (absent ones take the card's defaults). */
  spec(size: { window: number }): Record<string, unknown>;
  /** The state mixer after it in presets and the designer (M2's Monarch MLP); default none. */
  mlp?: LayerSpec['mlp'];
  /** The card's options under the cost model's knobs (heads, window, featureDim, dState, kernelSize). */
  atCost(knobs: CostKnobs): O;
  /** Whether a configured layer is priced as this variant; needed only when a card has several. */
  matches?(options: O): boolean;
}

/** A named model of the engine's presets: `--arch`, and the start of a shipped model's id. */
export interface CardPreset {
  /** "mamba", "hawk", "griffin", "attention-rope", … */
  id: string;
  /** Its layers (default: two layers of the card's first variant, Zoology's synthetic shell). */
  layers?(size: PresetSize): LayerSpec[];
  /** No positions although a layer attends (RoPE rotates q and k instead). */
  noLearnedPositions?: boolean;
  /**
   * Listed right after this preset (once it is registered) instead of with its card: `ARCHITECTURES` keeps the
   * order the zoo's job list was built in (scripts/train/zoo.ts, whose `--shard i/n` splits jobs by position).
   */
  after?: string;
}

/**
 * One architecture. `O` is its typed options (defaults filled in), `Tr` its trace. Methods, not function-valued
 * fields, so that a card of any options type is an `ArchitectureCard` (the registry holds them all).
 */
export interface ArchitectureCard<O extends object = object, Tr extends MixerTrace = MixerTrace> {
  /** The one id: a config's mixer kind, the registry key, and (but for M2) its main variant's id. */
  id: string;
  /** Display name ("Mamba (S6)"). */
  name: string;
  /** One line for UIs and errors. */
  description: string;
  /** A config's spec as typed options, defaults filled in. Values are not checked here: `problems` does. */
  options(spec: MixerSpec): O;
  /** Problems with the options, as messages; empty when valid. */
  problems(options: O, config: ModelConfig): string[];
  /** Parameters, by name relative to `layers.<i>.mixer.` (documented in docs/weights.md). */
  params(options: O, config: ModelConfig): Record<string, ParamSpec>;
  /** The CPU reference: x [T, dModel] (already normalised) → y [T, dModel], and the trace. */
  forward(
    params: Readonly<Record<string, Float32Array>>,
    x: Float32Array,
    T: number,
    options: O,
    config: ModelConfig,
    run?: MixerRun,
  ): { y: Float32Array; trace: Tr };
  /**
   * Inference memory in bytes at sequence length N (KV cache or fixed state), float32, counted as the Based
   * paper's Figure 2 does (decision 005). The one definition: the cost model and `cli info` read it.
   */
  stateBytes(options: O, d: number, N: number): number;
  /** FLOPs of one forward over N tokens, projections included (the cost model's conventions, cost/flops.ts). */
  flops(options: O, d: number, N: number): number;
  /** The layers the cost model prices and the designer offers (at least one; the first is the card's own). */
  variants: CardVariant<O>[];
  /** The presets this card contributes (models of one architecture, or hybrids it leads). */
  presets: CardPreset[];
  /** The trace as the app's inspector views (matrices, gates, states). */
  views(trace: Tr, T: number): TraceViews;
  /** Zoology gives models with such a layer learned absolute positions (attention). */
  learnedPositions?: boolean;
  /** The option that sets the state size (the trainer's `--d-state`), when it has one. */
  stateSizeOption?: keyof O & string;
}

/**
 * The options of a spec: every field of `defaults`, taken from the spec where the spec has it (null counts as
 * absent, as `??` had it). Values keep
 * whatever type the config gave them — `problems` reports a wrong one — so this is the one unchecked read.
 */
export function readOptions<O extends object>(spec: MixerSpec, defaults: O): O {
  const options = { ...defaults } as Record<string, unknown>;
  for (const key of Object.keys(defaults)) {
    const value = spec[key];
    if (value !== undefined && value !== null) options[key] = value;
  }
  return options as O;
}

/** A positive integer option's problem, or none. */
export const positiveInteger = (name: string, value: number): string[] =>
  Number.isInteger(value) && value >= 1 ? [] : [`${name} must be a positive integer (got ${value})`];
