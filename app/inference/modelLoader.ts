/**
 * Loads a shipped model (public/models/<id>/{config.json, model.safetensors}) from the site's own origin.
 * Every failure names the file: an HTTP error, a config that does not validate, weights that do not match.
 */
import type { ModelConfig } from '../../simulations/model/config';
import { createModel, type Model } from '../../simulations/model/forward';
import { validateConfig } from '../../simulations/model/validateConfig';
import { loadModelWeights } from '../../simulations/weights/modelWeights';

export type Fetcher = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'json' | 'arrayBuffer'>>;

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** `models/<id>/<file>`, the path shown to users in errors. */
export const modelFilePath = (id: string, file: string) => `models/${id}/${file}`;

async function get(fetcher: Fetcher, baseUrl: string, path: string) {
  let response: Awaited<ReturnType<Fetcher>>;
  try {
    response = await fetcher(new URL(path, baseUrl).href);
  } catch (error) {
    throw new ModelLoadError(`Could not fetch ${path}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new ModelLoadError(`Could not load ${path}: HTTP ${response.status}`);
  return response;
}

export async function loadShippedModel(fetcher: Fetcher, baseUrl: string, id: string): Promise<Model> {
  const configPath = modelFilePath(id, 'config.json');
  const weightsPath = modelFilePath(id, 'model.safetensors');
  let config: ModelConfig;
  try {
    config = (await (await get(fetcher, baseUrl, configPath)).json()) as ModelConfig;
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError(`${configPath} is not valid JSON: ${(error as Error).message}`);
  }
  const problems = validateConfig(config);
  if (problems.length > 0)
    throw new ModelLoadError(`${configPath} is not a valid model config: ${problems.join('; ')}`);
  const bytes = await (await get(fetcher, baseUrl, weightsPath)).arrayBuffer();
  try {
    return createModel(config, loadModelWeights(config, bytes));
  } catch (error) {
    throw new ModelLoadError(`${weightsPath} does not fit ${configPath}: ${(error as Error).message}`);
  }
}
