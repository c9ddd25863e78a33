/**
 * Reads and writes a model directory: config.json + model.safetensors (+ optional train-log.json). Reading goes
 * through the load-time validator (simulations/weights/validateModel.ts): a config of the wrong shape, weights
 * that do not fit it or hold NaN/Inf throw an InvalidModelError naming the file and the field or tensor.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelConfig } from '../../simulations/model/config';
import { createModel, type Model } from '../../simulations/model/forward';
import type { Params } from '../../simulations/model/params';
import { saveModelWeights } from '../../simulations/weights/modelWeights';
import { validateModel } from '../../simulations/weights/validateModel';

export function readModelDirectory(dir: string): Model {
  const configPath = join(dir, 'config.json');
  const weightsPath = join(dir, 'model.safetensors');
  for (const p of [configPath, weightsPath])
    if (!existsSync(p))
      throw new Error(`${p} does not exist (a model directory holds config.json and model.safetensors)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (cause) {
    throw new Error(
      `${configPath} is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  const { config, params } = validateModel({
    location: dir,
    config: json,
    weights: readFileSync(weightsPath),
  });
  return createModel(config, params);
}

export function writeModelDirectory(
  dir: string,
  config: ModelConfig,
  params: Params,
  metadata: Record<string, string> = {},
): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(join(dir, 'model.safetensors'), saveModelWeights(config, params, metadata));
}
