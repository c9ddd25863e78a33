import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../model/config';
import { initParams } from '../model/params';
import { ARCHITECTURES, architecturePreset } from '../model/presets';
import { validateConfig } from '../model/validateConfig';
import { saveModelWeights } from './modelWeights';
import { readSafetensors, writeSafetensors } from './safetensors';
import { InvalidModelError, MAX_LISTED_PROBLEMS, validateModel } from './validateModel';

const MODELS = join(import.meta.dirname, '../../public/models');
const base = architecturePreset('attention', { vocabSize: 16, dModel: 8, maxSeqLen: 8 });
const layer = base.layers[0];
/** The config with some fields replaced (any shape: this is what a file on disk can hold). */
const withFields = (fields: Record<string, unknown>): unknown => ({ ...base, ...fields });
const layersOf = (...layers: unknown[]) => withFields({ layers });

/** The message validateModel throws, or 'valid'. */
function refusal(config: unknown, weights: Uint8Array | Map<string, Float32Array>, location?: string) {
  try {
    validateModel({ location, config, weights });
    return 'valid';
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidModelError);
    return (error as Error).message;
  }
}

describe('the load-time model validator', () => {
  it('accepts every shipped model (public/models/index.json) and returns exactly its parameters', () => {
    const index = JSON.parse(readFileSync(join(MODELS, 'index.json'), 'utf8')) as {
      models: { id: string }[];
    };
    expect(index.models.length).toBeGreaterThan(0);
    for (const { id } of index.models) {
      const config = JSON.parse(readFileSync(join(MODELS, id, 'config.json'), 'utf8'));
      const bytes = readFileSync(join(MODELS, id, 'model.safetensors'));
      const loaded = validateModel({ location: `models/${id}`, config, weights: bytes });
      expect(loaded.config, id).toEqual(config);
      expect(loaded.params.size, id).toBe(readSafetensors(bytes).tensors.size);
    }
  });

  it('accepts a random init of every architecture preset', () => {
    for (const arch of ARCHITECTURES) {
      const config = architecturePreset(arch, { vocabSize: 16, dModel: 16, maxSeqLen: 8 });
      expect(validateConfig(config), arch).toEqual([]);
      expect(refusal(config, saveModelWeights(config, initParams(config, 1))), arch).toBe('valid');
    }
  });

  it('names a field of the wrong shape and what was expected', () => {
    const weights = saveModelWeights(base, initParams(base, 1));
    expect(refusal(withFields({ layers: 'x' }), weights, '/tmp/m/')).toBe(
      '/tmp/m/config.json: config.layers: expected a non-empty array of layer objects, got the string "x"',
    );
    expect(refusal([], weights)).toBe('config: expected an object, got an empty array');
    expect(validateConfig(null)).toEqual(['config: expected an object, got null']);
    expect(validateConfig(withFields({ layers: [] }))).toEqual([
      'config.layers: expected a non-empty array of layer objects, got an empty array',
    ]);
  });

  it('lists every top-level field problem: types, enums, positive integers, missing and unknown fields', () => {
    const { norm: _, ...noNorm } = base;
    expect(
      validateConfig({
        ...noNorm,
        version: 2,
        vocabSize: '16',
        dModel: 0,
        maxSeqLen: 1.5,
        mlpExpansion: -1,
        positional: 'rope',
        zoologyResidualQuirk: 'yes',
        mlpExpansoin: 4,
      }),
    ).toEqual([
      expect.stringMatching(
        /^config\.mlpExpansoin: unknown field \(known: version, vocabSize, .*mlpExpansion/,
      ),
      'config.version: expected 1 (the only config version), got 2',
      'config.vocabSize: expected a positive integer, got the string "16"',
      'config.dModel: expected a positive integer, got 0',
      'config.maxSeqLen: expected a positive integer, got 1.5',
      'config.mlpExpansion: expected a positive integer (or no field: 4), got -1',
      'config.positional: expected "learned" or "none", got the string "rope"',
      'config.norm: missing (expected "layernorm" or "rmsnorm")',
      'config.zoologyResidualQuirk: expected true or false, got the string "yes"',
    ]);
  });

  it('names nested layer, mixer and mask fields', () => {
    expect(validateConfig(layersOf(layer, { mixer: { kind: 'foo' }, mlp: 'none' }))).toEqual([
      expect.stringMatching(
        /^config\.layers\[1\]\.mixer\.kind: unknown mixer "foo" \(known: attention, .*mamba/,
      ),
    ]);
    expect(
      validateConfig(
        layersOf(
          3,
          { mlp: 'none' },
          { mixer: { kind: 7 }, mlp: 'gelu', extra: true },
          { mixer: { kind: 'attention', heads: 3 }, mlp: 'none' },
        ),
      ),
    ).toEqual([
      'config.layers[0]: expected a layer object {mixer, mlp}, got 3',
      'config.layers[1].mixer: missing (expected a mixer object {kind, …options})',
      'config.layers[2].extra: unknown field (known: mixer, mlp)',
      'config.layers[2].mlp: expected one of "none", "mlp", "glu", "monarch", got the string "gelu"',
      expect.stringMatching(/^config\.layers\[2\]\.mixer\.kind: expected a mixer name \(known: .*\), got 7$/),
      'config.layers[3].mixer: heads must divide dModel 8 (got 3)',
    ]);
    expect(validateConfig(layersOf({ mixer: { kind: 'attention' }, mlp: 'monarch' }))).toEqual([]);
    expect(
      validateConfig({
        ...(layersOf({ mixer: { kind: 'attention' }, mlp: 'monarch' }) as object),
        dModel: 6,
      }),
    ).toEqual(['config.layers[0].mlp: the Monarch MLP needs dModel divisible by 4 (dModel is 6)']);
    const masked = (mask: unknown) =>
      validateConfig(layersOf({ mixer: { kind: 'attention', mask }, mlp: 'none' }));
    expect(masked({ kind: 'strided', stride: 2 })).toEqual([]);
    expect(masked({ kind: 'strided', stride: 0 })).toEqual([
      'config.layers[0].mixer.mask: Mask strided: stride must be a positive integer, got 0',
    ]);
    expect(masked({ kind: 'nope' })).toEqual([
      expect.stringMatching(
        /^config\.layers\[0\]\.mixer\.mask\.kind: expected one of "full", .*got the string "nope"$/,
      ),
    ]);
    expect(masked('full')).toEqual([
      'config.layers[0].mixer.mask: expected a mask object {kind, …}, got the string "full"',
    ]);
  });

  it('checks the vocabulary against the config', () => {
    expect(validateConfig(withFields({ vocabulary: { vocabSize: 32 } }))).toEqual([
      'config.vocabulary.vocabSize: expected 16 (config.vocabSize), got 32',
    ]);
    expect(validateConfig(withFields({ vocabulary: { vocabSize: 16, specials: { 20: '→' } } }))).toEqual([
      'config.vocabulary: Special token id 20 is outside 0 … 15',
    ]);
    expect(validateConfig(withFields({ vocabulary: { vocabSize: 16, specials: { 15: '→' } } }))).toEqual([]);
  });

  it('refuses non-finite weights with the tensor names and counts', () => {
    const params = initParams(base, 1);
    const w = params.get('layers.0.mixer.W_qkv') as Float32Array;
    w[0] = Number.NaN;
    w[5] = Number.NaN;
    w[9] = Number.POSITIVE_INFINITY;
    (params.get('norm_f.weight') as Float32Array)[0] = Number.NEGATIVE_INFINITY;
    expect(refusal(base, saveModelWeights(base, params), 'models/m')).toBe(
      [
        'models/m/model.safetensors: 3 non-finite values (NaN ×2, +Inf ×1) in layers.0.mixer.W_qkv',
        'models/m/model.safetensors: 1 non-finite value (-Inf ×1) in norm_f.weight',
      ].join('\n'),
    );
    // Parameters in memory (a model trained in the page) go through the same check.
    expect(refusal(base, params)).toMatch(/^weights: 3 non-finite values \(NaN ×2, \+Inf ×1\) in layers\.0/);
  });

  it('names missing, unexpected and wrongly shaped tensors, and an unreadable file', () => {
    const params = initParams(base, 1);
    const tensors = readSafetensors(saveModelWeights(base, params)).tensors;
    tensors.delete('layers.1.mixer.W_o');
    tensors.set('stray', { data: new Float32Array(3), shape: [3] });
    tensors.set('embed.weight', { data: new Float32Array(16 * 4), shape: [16, 4] });
    expect(refusal(base, writeSafetensors(tensors), 'dir').split('\n')).toEqual([
      'dir/model.safetensors: embed.weight has shape [16, 4], the config expects [16, 8]',
      'dir/model.safetensors: missing layers.1.mixer.W_o [8, 8]',
      'dir/model.safetensors: unexpected tensor stray [3]',
    ]);
    const inMemory = new Map(params);
    inMemory.set('norm_f.bias', new Float32Array(3));
    expect(refusal(base, inMemory)).toBe('weights: norm_f.bias has 3 values, the config expects [8] (8)');
    expect(refusal(base, new Uint8Array([1, 2, 3]), 'dir')).toBe(
      'dir/model.safetensors: File is 3 bytes; a safetensors file starts with an 8-byte header length',
    );
  });

  it('checks the config before the weights, and lists at most a few problems', () => {
    expect(refusal(withFields({ dModel: -1 }), new Uint8Array(0), 'dir')).toBe(
      'dir/config.json: config.dModel: expected a positive integer, got -1',
    );
    const params = initParams(base, 1);
    for (const data of params.values()) data.fill(Number.NaN);
    const lines = refusal(base, params).split('\n');
    expect(lines).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(lines.at(-1)).toBe(`… and ${params.size - MAX_LISTED_PROBLEMS} more problems`);
    try {
      validateModel({ config: base, weights: params });
    } catch (error) {
      expect((error as InvalidModelError).problems).toHaveLength(params.size);
    }
  });

  it('returns the typed config and the parameters in parameter order', () => {
    const params = initParams(base, 2);
    const loaded = validateModel({
      config: JSON.parse(JSON.stringify(base)),
      weights: saveModelWeights(base, params),
    });
    expect(loaded.config satisfies ModelConfig).toEqual(base);
    expect([...loaded.params.keys()]).toEqual([...params.keys()]);
    expect(loaded.params).toEqual(params);
  });
});
