import './builtinMixers';
import { configProblems, type ModelConfig } from './config';
import { getMixer, registeredMixerKinds } from './mixerRegistry';

/** Every problem with a config, including unknown mixer kinds and mixer options; empty when valid. */
export function validateConfig(config: ModelConfig): string[] {
  const problems = configProblems(config);
  if (problems.length > 0) return problems;
  const known = new Set(registeredMixerKinds());
  config.layers.forEach((layer, i) => {
    if (!known.has(layer.mixer.kind)) {
      problems.push(
        `layers[${i}]: mixer “${layer.mixer.kind}” is not implemented (available: ${[...known].join(', ')})`,
      );
      return;
    }
    for (const p of getMixer(layer.mixer.kind).problems(layer.mixer, config))
      problems.push(`layers[${i}] (${layer.mixer.kind}): ${p}`);
  });
  return problems;
}

export function assertValidConfig(config: ModelConfig): void {
  const problems = validateConfig(config);
  if (problems.length > 0) throw new Error(`Invalid model config:\n- ${problems.join('\n- ')}`);
}
