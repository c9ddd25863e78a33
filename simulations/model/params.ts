import './builtinMixers';
/**
 * Parameter names, shapes and initialisation of a model (documented in docs/weights.md):
 *   embed.weight [V, d]                       (tied to the LM head)
 *   pos.weight [maxSeqLen, d]                 (positional = 'learned')
 *   layers.<i>.norm1.weight [d] (.bias [d] for LayerNorm)
 *   layers.<i>.mixer.<name>                   (from the mixer's definition)
 *   layers.<i>.norm2.weight/.bias             (when the layer has an MLP, or for Zoology's residual quirk)
 *   layers.<i>.mlp.W_in [d, e·d] (GLU: [d, 2·e·d]), .b_in, .W_out [e·d, d], .b_out
 *   norm_f.weight/.bias
 */
import { createRng } from '../random/rng';
import { MONARCH_MLP_BLOCKS, type ModelConfig } from './config';
import { getMixer, type ParamInit, type ParamSpec } from './mixerRegistry';

export type Params = Map<string, Float32Array>;

function normParams(prefix: string, config: ModelConfig): [string, ParamSpec][] {
  const d = config.dModel;
  const weight: [string, ParamSpec] = [`${prefix}.weight`, { shape: [d], init: 'ones', noWeightDecay: true }];
  return config.norm === 'layernorm'
    ? [weight, [`${prefix}.bias`, { shape: [d], init: 'zeros', noWeightDecay: true }]]
    : [weight];
}

/** Every parameter of the model with its shape and init, in a stable order. */
export function parameterSpecs(config: ModelConfig): Map<string, ParamSpec> {
  const d = config.dModel;
  const e = (config.mlpExpansion ?? 4) * d;
  const specs: [string, ParamSpec][] = [['embed.weight', { shape: [config.vocabSize, d], init: 'normal' }]];
  if (config.positional === 'learned')
    specs.push(['pos.weight', { shape: [config.maxSeqLen, d], init: 'normal' }]);
  config.layers.forEach((layer, i) => {
    const p = `layers.${i}`;
    specs.push(...normParams(`${p}.norm1`, config));
    for (const [name, spec] of Object.entries(getMixer(layer.mixer.kind).params(layer.mixer, config)))
      specs.push([`${p}.mixer.${name}`, spec]);
    if (layer.mlp !== 'none' || config.zoologyResidualQuirk) specs.push(...normParams(`${p}.norm2`, config));
    if (layer.mlp === 'monarch') {
      const b = MONARCH_MLP_BLOCKS;
      specs.push([`${p}.mlp.W_in`, { shape: [b, d / b, e / b], init: 'normal' }]);
      specs.push([`${p}.mlp.b_in`, { shape: [e], init: 'zeros', noWeightDecay: true }]);
      specs.push([`${p}.mlp.W_out`, { shape: [b, e / b, d / b], init: 'outProjection' }]);
      specs.push([`${p}.mlp.b_out`, { shape: [d], init: 'zeros', noWeightDecay: true }]);
    } else if (layer.mlp !== 'none') {
      const hidden = layer.mlp === 'glu' ? 2 * e : e;
      specs.push([`${p}.mlp.W_in`, { shape: [d, hidden], init: 'normal' }]);
      specs.push([`${p}.mlp.b_in`, { shape: [hidden], init: 'zeros', noWeightDecay: true }]);
      specs.push([`${p}.mlp.W_out`, { shape: [e, d], init: 'outProjection' }]);
      specs.push([`${p}.mlp.b_out`, { shape: [d], init: 'zeros', noWeightDecay: true }]);
    }
  });
  specs.push(...normParams('norm_f', config));
  return new Map(specs);
}

export function parameterCount(config: ModelConfig): number {
  let n = 0;
  for (const { shape } of parameterSpecs(config).values()) n += shape.reduce((a, b) => a * b, 1);
  return n;
}

function initialValue(
  init: ParamInit,
  nLayers: number,
  rng: ReturnType<typeof createRng>,
): (index: number) => number {
  if (init === 'zeros') return () => 0;
  if (init === 'ones') return () => 1;
  if (init === 'normal') return () => 0.02 * rng.nextNormal();
  if (init === 'outProjection') {
    const std = 0.02 / Math.sqrt(2 * nLayers);
    return () => std * rng.nextNormal();
  }
  if ('generate' in init) return (index) => init.generate(index, rng);
  if ('normal' in init) return () => init.normal * rng.nextNormal();
  const [lo, hi] = init.uniform;
  return () => lo + (hi - lo) * rng.nextFloat();
}

/** Zoology's initialisation, deterministic given the seed. */
export function initParams(config: ModelConfig, seed: number): Params {
  const rng = createRng(seed);
  const params: Params = new Map();
  for (const [name, { shape, init }] of parameterSpecs(config)) {
    const next = initialValue(init, config.layers.length, rng);
    params.set(
      name,
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => next(i)),
    );
  }
  return params;
}
