/**
 * A model's weights as a safetensors file, checked against its config: every expected parameter present with
 * the expected shape, nothing unexpected. Parameter names: docs/weights.md.
 */
import type { ModelConfig } from '../model/config';
import { type Params, parameterSpecs } from '../model/params';
import { type NamedTensor, readSafetensors, writeSafetensors } from './safetensors';

export class WeightsMismatchError extends Error {
  override name = 'WeightsMismatchError';
  constructor(readonly problems: string[]) {
    super(`Weights do not match the model config:\n- ${problems.join('\n- ')}`);
  }
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

export function loadModelWeights(config: ModelConfig, bytes: Uint8Array | ArrayBuffer): Params {
  const { tensors } = readSafetensors(bytes);
  const specs = parameterSpecs(config);
  const problems: string[] = [];
  for (const [name, { shape }] of specs) {
    const t = tensors.get(name);
    if (!t) problems.push(`missing ${name} [${shape.join(', ')}]`);
    else if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      problems.push(`${name} has shape [${t.shape.join(', ')}], the config expects [${shape.join(', ')}]`);
    }
  }
  for (const name of tensors.keys()) if (!specs.has(name)) problems.push(`unexpected tensor ${name}`);
  if (problems.length > 0) throw new WeightsMismatchError(problems);
  return new Map([...specs.keys()].map((name) => [name, (tensors.get(name) as NamedTensor).data]));
}
