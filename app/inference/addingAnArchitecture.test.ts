/**
 * Adding an architecture takes its card (with the CPU reference), its training mixer and its GPU mixer — nothing
 * else. A made-up one (testing/madeUpArchitecture.ts), registered through those three, is found by every table
 * that used to list the mixers by hand: the presets, the cost model, the trainer, the GPU forward (or its stated
 * CPU-only fallback) and the app's readout. (Its GPU forward runs in kernels/model/addingAnArchitecture.gpu.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { gpuUnsupportedReason } from '../../kernels/model/gpuForward';
import { createModelRunner } from '../../kernels/runtime/modelRunner';
import { ARCHITECTURE_COSTS, architectureCost, modelCost } from '../../simulations/cost/costModels';
import { configCost, costEntryForMixer } from '../../simulations/cost/mixerCost';
import { createModel, forward } from '../../simulations/model/forward';
import { REFERENCE_KERNELS } from '../../simulations/model/kernelSet';
import { architectureVariant, getMixer, registeredMixerKinds } from '../../simulations/model/mixerRegistry';
import { initParams } from '../../simulations/model/params';
import { ARCHITECTURES, architecturePreset, variantLayer } from '../../simulations/model/presets';
import { validateConfig } from '../../simulations/model/validateConfig';
import { Tape } from '../../simulations/training/tape';
import { TRAINABLE_ARCHITECTURES } from '../../simulations/training/trainableArchitectures';
import { toParamVars, trainingForward } from '../../simulations/training/trainingModel';
import { registerMadeUpArchitecture } from '../../testing/madeUpArchitecture';
import { encodeForModel, readOut } from './readout';

const size = { vocabSize: 16, dModel: 8, maxSeqLen: 12 };
const card = registerMadeUpArchitecture();

describe('a made-up architecture, registered through its card', () => {
  it('is a mixer kind the shell and validation know, with a valid preset of its own', () => {
    expect(registeredMixerKinds()).toContain('tokenShift');
    expect(ARCHITECTURES).toContain('token-shift');
    const config = architecturePreset('token-shift', size);
    expect(config.layers.map((l) => l.mixer)).toEqual([
      { kind: 'tokenShift', width: 2 },
      { kind: 'tokenShift', width: 2 },
    ]);
    expect(config.positional).toBe('none');
    expect(validateConfig(config)).toEqual([]);
    expect(
      validateConfig({ ...config, layers: [{ mixer: { kind: 'tokenShift', width: 0 }, mlp: 'none' }] }),
    ).toEqual([expect.stringMatching(/width must be a positive integer \(got 0\)/)]);
    // The hybrid designer's layer of its id.
    expect(variantLayer('tokenshift', { window: 8 })).toEqual({
      mixer: { kind: 'tokenShift', width: 2 },
      mlp: 'none',
    });
    expect(architectureVariant('tokenShift')?.card.id).toBe('tokenShift');
  });

  it('is priced by the cost model from its card: the cost entry, a config and the mixer agree', () => {
    expect(ARCHITECTURE_COSTS.map((a) => a.id)).toContain('tokenShift');
    // Before the comparison-only entries.
    expect(ARCHITECTURE_COSTS.at(-1)?.id).toBe('rwkv4');
    const config = architecturePreset('token-shift', size);
    const N = 12;
    const perLayer = architectureCost('tokenShift').perLayer({
      d: 8,
      N,
      layers: 1,
      heads: 1,
      window: 64,
      featureDim: 16,
      dState: 16,
      kernelSize: 3,
    });
    expect(perLayer).toEqual({ flops: 3 * 2 * N * 8 * 8 + N * 8 * 6, stateBytes: 4 * 8 });
    expect(configCost(config, N)).toEqual({ flops: 2 * perLayer.flops, stateBytes: 2 * perLayer.stateBytes });
    expect(modelCost(['tokenShift'], { d: 8, N, layers: 2 }).stateBytes).toBe(2 * 4 * 8);
    expect(getMixer('tokenShift').stateSizeBytes(config.layers[0].mixer, config, N)).toBe(4 * 8);
    expect(costEntryForMixer(config.layers[0].mixer)).toBe('tokenShift');
  });

  it('trains: its preset is trainable and the training forward equals the reference forward', () => {
    expect(TRAINABLE_ARCHITECTURES).toContain('token-shift');
    const config = architecturePreset('token-shift', size);
    const params = initParams(config, 4);
    const T = 6;
    const tokens = Int32Array.from({ length: 2 * T }, (_, i) => (i * 5 + 3) % 16);
    const labels = Int32Array.from({ length: 2 * T }, (_, i) => i % 16);
    const { logits, loss } = trainingForward(new Tape(), config, toParamVars(config, params), {
      inputs: tokens,
      labels,
      seqLen: T,
    });
    expect(Number.isFinite(loss.data[0])).toBe(true);
    for (let b = 0; b < 2; b++) {
      const ref = forward(createModel(config, params), tokens.subarray(b * T, (b + 1) * T)).logits;
      const ours = logits.data.subarray(b * T * 16, (b + 1) * T * 16);
      for (let i = 0; i < ref.length; i++) expect(ours[i]).toBeCloseTo(ref[i], 4);
    }
  });

  it('has a GPU mixer (its limit is its own); a card without one is stated CPU only', () => {
    const config = architecturePreset('token-shift', size);
    const model = createModel(config, initParams(config, 1));
    expect(gpuUnsupportedReason(model)).toBeNull();
    const wide = { ...config, layers: [{ mixer: { kind: 'tokenShift', width: 65 }, mlp: 'none' as const }] };
    expect(gpuUnsupportedReason(createModel(wide, initParams(wide, 1)))).toBe(
      "layer 0 (tokenShift): conv width above 64 exceeds the GPU kernel's register state",
    );
  });

  it('shows its trace in the app’s readout (the gate, through its card’s views)', async () => {
    const config = architecturePreset('token-shift', size);
    const model = createModel(config, initParams(config, 2));
    const labels = ['1', '2', '3', '4', '5'];
    const result = await createModelRunner(undefined, {
      forceCpu: true,
      cpuKernels: REFERENCE_KERNELS,
    }).forward(model, encodeForModel(model, labels), { trace: true });
    const run = readOut(model, labels, [], result);
    expect(run.gates.map((g) => [g.layer, g.mixer, g.name, g.channels, g.values.length])).toEqual([
      [0, 'tokenShift', 'gate', 8, 5 * 8],
      [1, 'tokenShift', 'gate', 8, 5 * 8],
    ]);
    expect(run.views).toEqual([]);
    expect(run.states).toEqual([]);
  });
});

describe('an architecture without a GPU mixer', () => {
  it('is stated CPU only, so callers fall back to the CPU', async () => {
    const { registerArchitecture } = await import('../../simulations/model/mixerRegistry');
    registerArchitecture({
      ...card,
      id: 'tokenShiftCpu',
      variants: [{ ...card.variants[0], id: 'tokenShiftCpu' }],
      presets: [],
    });
    const config = {
      ...architecturePreset('token-shift', size),
      layers: [{ mixer: { kind: 'tokenShiftCpu' }, mlp: 'none' as const }],
    };
    const model = createModel(config, initParams(config, 1));
    expect(gpuUnsupportedReason(model)).toBe('layer 0 (tokenShiftCpu) has no GPU kernel');
    // The runner without a GPU answers on the CPU (the app's fallback path).
    const result = await createModelRunner(undefined, {
      forceCpu: true,
      cpuKernels: REFERENCE_KERNELS,
    }).forward(model, Int32Array.of(1, 2, 3));
    expect(result.backend).toBe('cpu');
    expect(result.logits).toEqual(forward(model, [1, 2, 3]).logits);
  });
});
