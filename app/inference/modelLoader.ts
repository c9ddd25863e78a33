/**
 * Loads a shipped model (public/models/<id>/{config.json, model.safetensors}) from the site's own origin.
 * Every failure names the file: an HTTP error, invalid JSON, or what the load-time validator
 * (simulations/weights/validateModel.ts) refuses — a config field of the wrong shape, weights that do not fit
 * the config or hold NaN/Inf. A failed load leaves every other model (and the previous selection) as it was.
 */
import { createModel, type Model } from '../../simulations/model/forward';
import { checkModelConfig, validateModel } from '../../simulations/weights/validateModel';
import type { Fetcher } from '../domain/fetcher';

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
  const location = `models/${id}`;
  let json: unknown;
  try {
    json = await (await get(fetcher, baseUrl, configPath)).json();
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError(`${configPath} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    // The config first, so a bad one costs no weights download.
    checkModelConfig(json, location);
    const bytes = await (await get(fetcher, baseUrl, weightsPath)).arrayBuffer();
    const { config, params } = validateModel({ location, config: json, weights: bytes });
    return createModel(config, params);
  } catch (error) {
    if (error instanceof ModelLoadError) throw error;
    throw new ModelLoadError((error as Error).message);
  }
}
