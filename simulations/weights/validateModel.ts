/**
 * The one load-time check of a model — a model directory (CLI, trainer's --init), a shipped model or a shared
 * link's model (app), a model handed over in memory (the hybrid designer): the config's shape and options
 * (`validateConfig`), then the weights against it (safetensors layout, missing / unexpected / wrongly shaped
 * tensors, non-finite values). Every problem names its file and field or tensor:
 *   models/x/config.json: config.layers: expected a non-empty array of layer objects, got the string "x"
 *   models/x/model.safetensors: 3 non-finite values (NaN ×2, +Inf ×1) in layers.0.mixer.W_qkv
 */
import type { ModelConfig } from '../model/config';
import type { Params } from '../model/params';
import { parameterSpecs } from '../model/params';
import { validateConfig } from '../model/validateConfig';
import { weightsProblems } from './modelWeights';
import { type NamedTensor, readSafetensors } from './safetensors';

export interface ModelProblem {
  /** The file it is in ('config.json', 'model.safetensors'; 'weights' for parameters in memory); none for a config in memory. */
  file?: string;
  message: string;
}

/** At most this many problems are listed in the message (all are in `problems`). */
export const MAX_LISTED_PROBLEMS = 8;

export class InvalidModelError extends Error {
  override name = 'InvalidModelError';
  constructor(
    /** Where the model is (a directory, `models/<id>`), or undefined for a model in memory. */
    readonly location: string | undefined,
    readonly problems: ModelProblem[],
  ) {
    const where = (file: string) => (location ? `${location.replace(/\/+$/, '')}/${file}` : file);
    const lines = problems
      .slice(0, MAX_LISTED_PROBLEMS)
      .map((p) => (p.file ? `${where(p.file)}: ${p.message}` : p.message));
    if (problems.length > MAX_LISTED_PROBLEMS)
      lines.push(`… and ${problems.length - MAX_LISTED_PROBLEMS} more problems`);
    super(lines.join('\n'));
  }
}

/**
 * Checks a parsed config.json of unknown shape; returns it typed, or throws InvalidModelError listing every
 * problem. `location` (a directory, `models/<id>`) names the file in messages; without it, a config in memory.
 */
export function checkModelConfig(config: unknown, location?: string): ModelConfig {
  const problems = validateConfig(config);
  if (problems.length > 0)
    throw new InvalidModelError(
      location,
      problems.map((message) => ({ file: location ? 'config.json' : undefined, message })),
    );
  return config as ModelConfig;
}

export interface ModelSource {
  /** Where the model is, for messages: a directory, `models/<id>`; omitted for a model in memory. */
  location?: string;
  /** The parsed config.json, of any shape. */
  config: unknown;
  /** The model.safetensors bytes, or parameters in memory by name (docs/weights.md). */
  weights: Uint8Array | ArrayBuffer | ReadonlyMap<string, Float32Array>;
}

/**
 * The load-time validator: config, then weights. Returns the typed config and the parameters (exactly the
 * config's, in parameterSpecs order), or throws InvalidModelError naming every problem.
 */
export function validateModel({ location, config, weights }: ModelSource): {
  config: ModelConfig;
  params: Params;
} {
  const valid = checkModelConfig(config, location);
  const inMemory = !(weights instanceof Uint8Array || weights instanceof ArrayBuffer);
  const file = inMemory ? 'weights' : 'model.safetensors';
  let tensors: ReadonlyMap<string, { data: Float32Array; shape?: readonly number[] }>;
  if (inMemory) tensors = new Map([...weights].map(([name, data]) => [name, { data }]));
  else {
    try {
      tensors = readSafetensors(weights).tensors;
    } catch (error) {
      throw new InvalidModelError(location, [{ file, message: (error as Error).message }]);
    }
  }
  const problems = weightsProblems(valid, tensors);
  if (problems.length > 0)
    throw new InvalidModelError(
      location,
      problems.map((message) => ({ file, message })),
    );
  return {
    config: valid,
    params: new Map(
      [...parameterSpecs(valid).keys()].map((name) => [name, (tensors.get(name) as NamedTensor).data]),
    ),
  };
}
