/**
 * The registry of architecture cards (architectureCard.ts). A mixer plugs into the shell by registering its card
 * — `registerArchitecture(card)` in its own file, imported by builtinMixers.ts — so the shell never changes, and
 * every table keyed by mixer (presets, cost model, trainer, GPU forward, the app's views) is derived from it.
 * `getMixer(kind)` is the shell's untyped view of a card: a config's spec in, options read by the card.
 */
import type { Rng } from '../random/rng';
import type { ArchitectureCard, MixerRun } from './architectureCard';
import type { MixerSpec, ModelConfig } from './config';

/** How a parameter is initialised (Zoology: N(0, 0.02); output projections N(0, 0.02/√(2·nLayers))). */
export type ParamInit =
  | 'normal'
  | 'outProjection'
  | 'zeros'
  | 'ones'
  | { normal: number }
  | { uniform: [number, number] }
  /** Architecture-specific init (S4D's A, Mamba's A_log and Δ bias, …): element index → value. */
  | { generate: (index: number, rng: Rng) => number };

export interface ParamSpec {
  shape: number[];
  init: ParamInit;
  /** Excluded from weight decay (norms, biases, decay parameters). */
  noWeightDecay?: boolean;
}

/** Whatever a mixer wants the visualisations to see; `kind` says how to read it (each card types its own). */
export interface MixerTrace {
  kind: string;
  [field: string]: unknown;
}

/** A card as the shell uses it: every method takes the config's spec as it is. */
export interface MixerDefinition {
  kind: string;
  /** One line for UIs and errors. */
  description: string;
  /** Problems with the mixer's options, as messages; empty when valid. */
  problems(spec: MixerSpec, config: ModelConfig): string[];
  /** Parameters, by name relative to `layers.<i>.mixer.`. */
  params(spec: MixerSpec, config: ModelConfig): Record<string, ParamSpec>;
  /** x [T, dModel] (already normalised) → y [T, dModel]. */
  forward(
    params: Readonly<Record<string, Float32Array>>,
    x: Float32Array,
    T: number,
    spec: MixerSpec,
    config: ModelConfig,
    options?: MixerRun,
  ): { y: Float32Array; trace: MixerTrace };
  /** Inference memory in bytes at sequence length N (KV cache or fixed state), float32. */
  stateSizeBytes(spec: MixerSpec, config: ModelConfig, seqLen: number): number;
}

const cards: ArchitectureCard[] = [];
const byId = new Map<string, ArchitectureCard>();
const definitions = new Map<string, MixerDefinition>();
const listeners: ((card: ArchitectureCard) => void)[] = [];

function definitionOf(card: ArchitectureCard): MixerDefinition {
  return {
    kind: card.id,
    description: card.description,
    problems: (spec, config) => card.problems(card.options(spec), config),
    params: (spec, config) => card.params(card.options(spec), config),
    forward: (params, x, T, spec, config, run) => card.forward(params, x, T, card.options(spec), config, run),
    stateSizeBytes: (spec, config, seqLen) => card.stateBytes(card.options(spec), config.dModel, seqLen),
  };
}

/** Registers a card (once per id) and tells every derived table; returns the card, typed. */
export function registerArchitecture<O extends object, Tr extends MixerTrace>(
  card: ArchitectureCard<O, Tr>,
): ArchitectureCard<O, Tr> {
  if (byId.has(card.id)) throw new Error(`An architecture “${card.id}” is already registered`);
  for (const variant of card.variants)
    if (architectureVariant(variant.id))
      throw new Error(`A layer “${variant.id}” is already registered (the “${card.id}” card repeats it)`);
  if (card.variants.length === 0) throw new Error(`The “${card.id}” card needs at least one variant`);
  const erased = card as unknown as ArchitectureCard;
  cards.push(erased);
  byId.set(card.id, erased);
  definitions.set(card.id, definitionOf(erased));
  for (const listener of listeners) listener(erased);
  return card;
}

/** Calls `listener` for every card registered so far, in order, and for each one registered later. */
export function onArchitectureRegistered(listener: (card: ArchitectureCard) => void): void {
  for (const card of cards) listener(card);
  listeners.push(listener);
}

/** Every registered card, in registration order. */
export const architectureCards = (): readonly ArchitectureCard[] => cards;

/** The card of a mixer kind, or undefined when none is registered. */
export const findArchitectureCard = (kind: string): ArchitectureCard | undefined => byId.get(kind);

/** The card of a mixer kind. */
export function architectureCard(kind: string): ArchitectureCard {
  const card = byId.get(kind);
  if (!card)
    throw new Error(`Unknown mixer kind “${kind}”. Registered: ${[...byId.keys()].join(', ') || 'none'}`);
  return card;
}

/** The variant (cost-model / designer layer) with this id, matched without regard to case (hybrid ids). */
export function architectureVariant(
  id: string,
): { card: ArchitectureCard; variant: ArchitectureCard['variants'][number] } | undefined {
  const lower = id.toLowerCase();
  for (const card of cards)
    for (const variant of card.variants) if (variant.id.toLowerCase() === lower) return { card, variant };
  return undefined;
}

/** The variant a configured layer is priced as. */
export function variantOf(card: ArchitectureCard, options: object): ArchitectureCard['variants'][number] {
  return card.variants.find((v) => v.matches?.(options) ?? false) ?? card.variants[0];
}

export function getMixer(kind: string): MixerDefinition {
  const mixer = definitions.get(kind);
  if (!mixer)
    throw new Error(`Unknown mixer kind “${kind}”. Registered: ${[...byId.keys()].join(', ') || 'none'}`);
  return mixer;
}

export const registeredMixerKinds = (): string[] => [...byId.keys()];
