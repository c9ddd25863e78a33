/**
 * The one check of a model config, for configs of unknown shape (a config.json from disk, an upload, a
 * shared link's model, a config built in code). Every problem names the field by its path from `config` and
 * says what was expected and what was there:
 *   config.layers: expected an array of layer objects, got the string "x"
 *   config.layers[1].mixer.kind: unknown mixer "foo" (known: attention, slidingWindow, …)
 *   config.dModel: expected a positive integer, got 0
 * Structure first (types, enums, required fields, no unknown fields); the mixers' own option checks and the
 * parameter shapes only once the structure holds, so a malformed config never reaches code that trusts it.
 */
import './builtinMixers';
import { buildMask } from '../attention/masks/buildMask';
import type { MaskKind } from '../attention/masks/maskSpec';
import { createVocabulary } from '../vocabulary/vocabulary';
import { type LayerSpec, MONARCH_MLP_BLOCKS, type ModelConfig } from './config';
import { getMixer, registeredMixerKinds } from './mixerRegistry';
import { parameterSpecs } from './params';

/** Every field of ModelConfig (adding a field to ModelConfig without checking it here fails to compile). */
const CONFIG_FIELDS = {
  version: true,
  vocabSize: true,
  dModel: true,
  maxSeqLen: true,
  positional: true,
  norm: true,
  layers: true,
  mlpExpansion: true,
  zoologyResidualQuirk: true,
  vocabulary: true,
} as const satisfies Record<keyof ModelConfig, true>;
const LAYER_FIELDS = { mixer: true, mlp: true } as const satisfies Record<keyof LayerSpec, true>;
const MLP_KINDS = ['none', 'mlp', 'glu', 'monarch'] as const satisfies readonly LayerSpec['mlp'][];
const MASK_KINDS = Object.keys({
  full: true,
  slidingWindow: true,
  dilatedWindow: true,
  strided: true,
  fixed: true,
  windowGlobal: true,
  bigBird: true,
  blockSparse: true,
  lsh: true,
  kmeans: true,
} as const satisfies Record<MaskKind, true>);

/** A value as a message shows it: `the string "x"`, `-3`, `null`, `an array`, `an object`. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v))
    return v.length === 0 ? 'an empty array' : `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositiveInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;
const quoteList = (xs: readonly string[]) => xs.map((x) => JSON.stringify(x)).join(', ');

/** Every problem with a config, each naming its field; empty when the config is valid. */
export function validateConfig(config: unknown): string[] {
  const problems: string[] = [];
  const bad = (path: string, expected: string, got: unknown) =>
    problems.push(
      got === undefined
        ? `${path}: missing (expected ${expected})`
        : `${path}: expected ${expected}, got ${describeValue(got)}`,
    );
  if (!isObject(config)) {
    bad('config', 'an object', config);
    return problems;
  }
  const unknownFields = (path: string, value: Record<string, unknown>, known: Record<string, true>) => {
    for (const key of Object.keys(value))
      if (!Object.hasOwn(known, key))
        problems.push(`${path}.${key}: unknown field (known: ${Object.keys(known).join(', ')})`);
  };
  unknownFields('config', config, CONFIG_FIELDS);
  if (config.version !== 1) bad('config.version', '1 (the only config version)', config.version);
  for (const field of ['vocabSize', 'dModel', 'maxSeqLen'] as const)
    if (!isPositiveInt(config[field])) bad(`config.${field}`, 'a positive integer', config[field]);
  if (config.mlpExpansion !== undefined && !isPositiveInt(config.mlpExpansion))
    bad('config.mlpExpansion', 'a positive integer (or no field: 4)', config.mlpExpansion);
  if (config.positional !== 'learned' && config.positional !== 'none')
    bad('config.positional', '"learned" or "none"', config.positional);
  if (config.norm !== 'layernorm' && config.norm !== 'rmsnorm')
    bad('config.norm', '"layernorm" or "rmsnorm"', config.norm);
  if (typeof config.zoologyResidualQuirk !== 'boolean')
    bad('config.zoologyResidualQuirk', 'true or false', config.zoologyResidualQuirk);
  const dModelOk = isPositiveInt(config.dModel);

  if (config.vocabulary !== undefined) vocabularyProblems(config.vocabulary, config.vocabSize);

  const known = registeredMixerKinds();
  const layers = config.layers;
  if (!Array.isArray(layers) || layers.length === 0) {
    bad('config.layers', 'a non-empty array of layer objects', layers);
    return problems;
  }
  const structureOk = problems.length === 0;
  layers.forEach((layer: unknown, i) => {
    const path = `config.layers[${i}]`;
    if (!isObject(layer)) {
      bad(path, 'a layer object {mixer, mlp}', layer);
      return;
    }
    unknownFields(path, layer, LAYER_FIELDS);
    if (!(MLP_KINDS as readonly unknown[]).includes(layer.mlp))
      bad(`${path}.mlp`, `one of ${quoteList(MLP_KINDS)}`, layer.mlp);
    else if (layer.mlp === 'monarch' && dModelOk && (config.dModel as number) % MONARCH_MLP_BLOCKS !== 0)
      problems.push(
        `${path}.mlp: the Monarch MLP needs dModel divisible by ${MONARCH_MLP_BLOCKS} (dModel is ${config.dModel})`,
      );
    const mixer = layer.mixer;
    if (!isObject(mixer)) {
      bad(`${path}.mixer`, 'a mixer object {kind, …options}', mixer);
      return;
    }
    if (typeof mixer.kind !== 'string') {
      bad(`${path}.mixer.kind`, `a mixer name (known: ${known.join(', ')})`, mixer.kind);
      return;
    }
    if (!known.includes(mixer.kind)) {
      problems.push(
        `${path}.mixer.kind: unknown mixer ${JSON.stringify(mixer.kind)} (known: ${known.join(', ')})`,
      );
      return;
    }
    // The mixers' own checks read dModel etc.: run them on a config whose shared fields hold.
    if (!structureOk) return;
    const spec = mixer as LayerSpec['mixer'];
    try {
      for (const p of getMixer(mixer.kind).problems(spec, config as unknown as ModelConfig))
        problems.push(`${path}.mixer: ${p}`);
    } catch (error) {
      problems.push(`${path}.mixer: invalid options (${(error as Error).message})`);
    }
    if (mixer.kind === 'attention' && mixer.mask !== undefined)
      maskProblem(`${path}.mixer.mask`, mixer.mask, config.maxSeqLen as number);
  });

  // Last: every parameter shape must be whole (a mixer option can make one fractional or negative).
  if (problems.length === 0) {
    try {
      for (const [name, { shape }] of parameterSpecs(config as unknown as ModelConfig))
        if (!shape.every((n) => isPositiveInt(n)))
          problems.push(`config: gives parameter ${name} the shape [${shape.join(', ')}]`);
    } catch (error) {
      problems.push(`config: its parameters cannot be listed (${(error as Error).message})`);
    }
  }
  return problems;

  function vocabularyProblems(vocabulary: unknown, vocabSize: unknown) {
    if (!isObject(vocabulary)) {
      bad('config.vocabulary', 'an object {vocabSize, specials?}', vocabulary);
      return;
    }
    unknownFields('config.vocabulary', vocabulary, { vocabSize: true, specials: true });
    const { specials } = vocabulary;
    if (!isPositiveInt(vocabSize)) return; // reported above
    if (vocabulary.vocabSize !== vocabSize)
      bad('config.vocabulary.vocabSize', `${vocabSize} (config.vocabSize)`, vocabulary.vocabSize);
    else if (specials !== undefined && !isObject(specials))
      bad('config.vocabulary.specials', 'an object {"<token id>": "<label>"}', specials);
    else if (specials && Object.values(specials).some((label) => typeof label !== 'string' || label === ''))
      problems.push('config.vocabulary.specials: every label must be a non-empty string');
    else if (vocabSize < 4)
      problems.push(`config.vocabulary: labelled vocabularies need vocabSize ≥ 4 (got ${vocabSize})`);
    else if (specials && Object.keys(specials).length > 0) {
      // Special ids in range, labels not clashing with the generated ones: building it checks both.
      try {
        createVocabulary(vocabulary as never);
      } catch (error) {
        problems.push(`config.vocabulary: ${(error as Error).message}`);
      }
    }
  }

  function maskProblem(path: string, mask: unknown, maxSeqLen: number) {
    if (!isObject(mask)) {
      bad(path, 'a mask object {kind, …}', mask);
      return;
    }
    if (!MASK_KINDS.includes(mask.kind as string)) {
      bad(`${path}.kind`, `one of ${quoteList(MASK_KINDS)}`, mask.kind);
      return;
    }
    try {
      // Builds a small mask: buildMask validates every field of the spec.
      const T = Math.min(maxSeqLen, 8);
      buildMask(mask as never, T, { sharedQK: new Float32Array(T), dim: 1 });
    } catch (error) {
      problems.push(`${path}: ${(error as Error).message}`);
    }
  }
}

export function assertValidConfig(config: unknown): asserts config is ModelConfig {
  const problems = validateConfig(config);
  if (problems.length > 0) throw new Error(`Invalid model config:\n- ${problems.join('\n- ')}`);
}
