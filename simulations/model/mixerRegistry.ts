/**
 * Sequence mixers plug into the shell through this registry, so a new architecture (Mamba, Hyena, RG-LRU, …)
 * is one file that calls `registerMixer` — the shell never changes.
 */
import type { Rng } from '../random/rng';
import type { MixerSpec, ModelConfig } from './config';
import type { KernelSet } from './kernelSet';

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

/** Whatever a mixer wants the visualisations to see; `kind` says how to read it. */
export interface MixerTrace {
  kind: string;
  [field: string]: unknown;
}

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
    /**
     * trace: when false, skip the expensive parts of the trace (retention matrices, implicit attention, states).
     * kernels: where the hot loops run (default: the TypeScript reference).
     */
    options?: { trace: boolean; kernels?: KernelSet },
  ): { y: Float32Array; trace: MixerTrace };
  /** Inference memory in bytes at sequence length N (KV cache or fixed state), float32. */
  stateSizeBytes(spec: MixerSpec, config: ModelConfig, seqLen: number): number;
}

const registry = new Map<string, MixerDefinition>();

export function registerMixer(definition: MixerDefinition): void {
  registry.set(definition.kind, definition);
}

export function getMixer(kind: string): MixerDefinition {
  const mixer = registry.get(kind);
  if (!mixer)
    throw new Error(`Unknown mixer kind “${kind}”. Registered: ${[...registry.keys()].join(', ') || 'none'}`);
  return mixer;
}

export const registeredMixerKinds = (): string[] => [...registry.keys()];
