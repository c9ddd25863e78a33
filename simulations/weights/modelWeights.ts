/**
 * A model's weights as a safetensors file, checked against its config: every expected parameter present with
 * the expected shape, nothing unexpected, every value finite. Parameter names: docs/weights.md.
 */
import type { ModelConfig } from '../model/config';
import { type Params, parameterSpecs } from '../model/params';
import { type NamedTensor, readSafetensors, writeSafetensors } from './safetensors';

export class WeightsMismatchError extends Error {
  override name = 'WeightsMismatchError';
  constructor(readonly problems: string[]) {
    super(`Weights do not fit the model config:\n- ${problems.join('\n- ')}`);
  }
}

/** How many values of each non-finite kind a tensor holds; null when all are finite. */
function nonFiniteCounts(data: ArrayLike<number>): { nan: number; posInf: number; negInf: number } | null {
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data[i];
    if (x - x === 0) continue; // finite (fast path)
    if (Number.isNaN(x)) nan++;
    else if (x > 0) posInf++;
    else negInf++;
  }
  return nan + posInf + negInf === 0 ? null : { nan, posInf, negInf };
}

/** `3 non-finite values (NaN ×2, +Inf ×1) in <name>`, one per tensor that has any, in the given order. */
export function nonFiniteProblems(tensors: Iterable<[string, ArrayLike<number>]>): string[] {
  const problems: string[] = [];
  for (const [name, data] of tensors) {
    const c = nonFiniteCounts(data);
    if (!c) continue;
    const n = c.nan + c.posInf + c.negInf;
    const parts = [
      c.nan ? `NaN ×${c.nan}` : '',
      c.posInf ? `+Inf ×${c.posInf}` : '',
      c.negInf ? `-Inf ×${c.negInf}` : '',
    ].filter(Boolean);
    problems.push(`${n} non-finite value${n === 1 ? '' : 's'} (${parts.join(', ')}) in ${name}`);
  }
  return problems;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Everything wrong with a set of named tensors as a model's weights (the config must be valid): missing,
 * unexpected or wrongly shaped tensors, then non-finite values. Tensors without a shape (parameters in
 * memory) are checked by their number of values.
 */
export function weightsProblems(
  config: ModelConfig,
  tensors: ReadonlyMap<string, { data: ArrayLike<number>; shape?: readonly number[] }>,
): string[] {
  const specs = parameterSpecs(config);
  const problems: string[] = [];
  for (const [name, { shape }] of specs) {
    const t = tensors.get(name);
    const size = shape.reduce((a, b) => a * b, 1);
    if (!t) problems.push(`missing ${name} ${shapeText(shape)}`);
    else if (t.shape && (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])))
      problems.push(`${name} has shape ${shapeText(t.shape)}, the config expects ${shapeText(shape)}`);
    else if (!t.shape && t.data.length !== size)
      problems.push(`${name} has ${t.data.length} values, the config expects ${shapeText(shape)} (${size})`);
  }
  for (const [name, t] of tensors)
    if (!specs.has(name))
      problems.push(`unexpected tensor ${name}${t.shape ? ` ${shapeText(t.shape)}` : ''}`);
  problems.push(
    ...nonFiniteProblems([...tensors].map(([name, t]) => [name, t.data] as [string, ArrayLike<number>])),
  );
  return problems;
}

export function saveModelWeights(
  config: ModelConfig,
  params: Params,
  metadata: Record<string, string> = {},
): Uint8Array {
  const tensors = new Map<string, NamedTensor>();
  for (const [name, { shape }] of parameterSpecs(config)) {
    const data = params.get(name);
    if (!data) throw new WeightsMismatchError([`parameter ${name} is missing`]);
    tensors.set(name, { data, shape });
  }
  return writeSafetensors(tensors, { format: 'beyond-attention', ...metadata });
}

/** The parameters of a safetensors file, checked against a (valid) config by `weightsProblems`. */
export function loadModelWeights(config: ModelConfig, bytes: Uint8Array | ArrayBuffer): Params {
  const { tensors } = readSafetensors(bytes);
  const problems = weightsProblems(config, tensors);
  if (problems.length > 0) throw new WeightsMismatchError(problems);
  return new Map(
    [...parameterSpecs(config).keys()].map((name) => [name, (tensors.get(name) as NamedTensor).data]),
  );
}
