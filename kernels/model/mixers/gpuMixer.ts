/**
 * The GPU half of an architecture card: how its mixer records into a forward's program (`GpuOps`), and where
 * the kernels' register limits stop it. Each GPU mixer registers itself against its card
 * (simulations/model/mixers/…Mixer.ts) and gets the card's typed options; ./index.ts imports them all.
 * A card without a GPU mixer runs on the CPU only: `gpuUnsupportedReason` says so and callers fall back.
 */
import type { ArchitectureCard } from '../../../simulations/model/architectureCard';
import type { MixerSpec } from '../../../simulations/model/config';
import type { MixerTrace } from '../../../simulations/model/mixerRegistry';
import type { GpuOps } from '../gpuOps';

export interface GpuMixerCard<O> {
  /** Records the mixer: x [T, d] (normalised) → y [T, d]; `pre` is the layer's parameter prefix ("layers.i"). */
  forward(ops: GpuOps, x: GPUBuffer, pre: string, options: O): GPUBuffer | Promise<GPUBuffer>;
  /** Why this layer exceeds a kernel's register limits at width d (e.g. "d_state above 64"), or null. */
  limit?(options: O, d: number): string | null;
}

/** A registered GPU mixer, reading a config's spec through its card. */
export interface GpuMixer {
  forward(ops: GpuOps, x: GPUBuffer, pre: string, spec: MixerSpec): GPUBuffer | Promise<GPUBuffer>;
  limit(spec: MixerSpec, d: number): string | null;
}

const mixers = new Map<string, GpuMixer>();

/** Registers the GPU mixer of `card`. */
export function registerGpuMixer<O extends object, Tr extends MixerTrace>(
  card: ArchitectureCard<O, Tr>,
  gpu: GpuMixerCard<O>,
): void {
  if (mixers.has(card.id)) throw new Error(`The “${card.id}” mixer already has a GPU mixer`);
  mixers.set(card.id, {
    forward: (ops, x, pre, spec) => gpu.forward(ops, x, pre, card.options(spec)),
    limit: (spec, d) => gpu.limit?.(card.options(spec), d) ?? null,
  });
}

/** The GPU mixer of a mixer kind, or undefined (CPU only). */
export const gpuMixer = (kind: string): GpuMixer | undefined => mixers.get(kind);
