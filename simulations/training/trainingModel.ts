/**
 * The tiny-model shell of simulations/model/forward.ts written with differentiable ops, over a batch of
 * equal-length sequences:
 *   r₀ = E[tokens] (+ P[t]);  r ← r + mixer(norm₁(r));  r ← r + mlp(norm₂(r))  or Zoology's r ← r + norm₂(r);
 *   logits = norm_f(r)·Eᵀ, evaluated only at the rows that carry a label (the others never reach the loss).
 */
import { MONARCH_MLP_BLOCKS, type ModelConfig } from '../model/config';
import { type Params, parameterSpecs } from '../model/params';
import { IGNORE_INDEX } from '../tasks/example';
import { trainableMixer } from './mixers';
import { blockLinear } from './ops/blockLinear';
import { crossEntropy } from './ops/crossEntropy';
import { add, columns, gatherColumns, mul, unary } from './ops/elementwise';
import { embed, gatherRows } from './ops/embedding';
import { linear, linearTransposed } from './ops/linear';
import { layerNorm, rmsNorm } from './ops/norms';
import { type Tape, Var } from './tape';

export type ParamVars = Map<string, Var>;

/** float32 weights → float64 Vars, shaped [rows, columns] as their specs say (3-D specs keep the last axis). */
export function toParamVars(config: ModelConfig, params: Params): ParamVars {
  const vars: ParamVars = new Map();
  for (const [name, { shape }] of parameterSpecs(config)) {
    const value = params.get(name);
    if (!value) throw new Error(`Parameter ${name} is missing`);
    const cols = shape.length > 1 ? shape[shape.length - 1] : 1;
    vars.set(
      name,
      new Var(Float64Array.from(value), shape.length > 1 ? [value.length / cols, cols] : [value.length]),
    );
  }
  return vars;
}

export function toParams(vars: ParamVars): Params {
  const params: Params = new Map();
  for (const [name, v] of vars) params.set(name, Float32Array.from(v.data));
  return params;
}

/** A batch of B sequences of length T, flattened row-major. */
export interface Batch {
  inputs: Int32Array;
  labels: Int32Array;
  seqLen: number;
}

export interface TrainingForward {
  loss: Var;
  /** Logits at the labelled rows [M, V], in row order. */
  logits: Var;
  /** Row index (b·T + t) of each labelled position. */
  rows: number[];
  targets: Int32Array;
}

export function trainingForward(
  tape: Tape,
  config: ModelConfig,
  vars: ParamVars,
  batch: Batch,
): TrainingForward {
  const { seqLen: T, inputs, labels } = batch;
  const B = inputs.length / T;
  const d = config.dModel;
  const get = (name: string): Var => {
    const v = vars.get(name);
    if (!v) throw new Error(`Parameter ${name} is missing`);
    return v;
  };
  const norm = (prefix: string, x: Var) =>
    config.norm === 'layernorm'
      ? layerNorm(tape, x, get(`${prefix}.weight`), get(`${prefix}.bias`))
      : rmsNorm(tape, x, get(`${prefix}.weight`));
  let r = embed(
    tape,
    inputs,
    T,
    get('embed.weight'),
    config.positional === 'learned' ? get('pos.weight') : undefined,
  );
  config.layers.forEach((layer, i) => {
    const p = `layers.${i}`;
    const mixerParams: Record<string, Var> = {};
    for (const [name, v] of vars)
      if (name.startsWith(`${p}.mixer.`)) mixerParams[name.slice(p.length + 7)] = v;
    const y = trainableMixer(layer.mixer.kind)(tape, mixerParams, norm(`${p}.norm1`, r), {
      batch: B,
      seqLen: T,
      spec: layer.mixer,
      config,
    });
    r = add(tape, r, y);
    if (layer.mlp === 'monarch') r = add(tape, r, monarchMlp(tape, norm(`${p}.norm2`, r), p));
    else if (layer.mlp !== 'none') {
      const e = (config.mlpExpansion ?? 4) * d;
      const h = norm(`${p}.norm2`, r);
      const hidden = linear(tape, h, get(`${p}.mlp.W_in`), get(`${p}.mlp.b_in`));
      // SwiGLU: the first half gated by SiLU of the second half (as forward.ts).
      const act =
        layer.mlp === 'mlp'
          ? unary(tape, 'gelu', hidden)
          : mul(tape, columns(tape, hidden, 0, e), unary(tape, 'silu', columns(tape, hidden, e, e)));
      r = add(tape, r, linear(tape, act, get(`${p}.mlp.W_out`), get(`${p}.mlp.b_out`)));
    } else if (config.zoologyResidualQuirk) r = add(tape, r, norm(`${p}.norm2`, r));
  });
  /** M2's block-diagonal MLP: b blocks d/b → e/b, GELU, block transpose, b blocks e/b → d/b (as forward.ts). */
  function monarchMlp(tape: Tape, x: Var, p: string): Var {
    const b = MONARCH_MLP_BLOCKS;
    const ei = ((config.mlpExpansion ?? 4) * d) / b;
    const hidden = unary(tape, 'gelu', blockLinear(tape, x, get(`${p}.mlp.W_in`), get(`${p}.mlp.b_in`), b));
    // mixed[o·b + g] = hidden[g·e/b + o]
    const mixed = gatherColumns(
      tape,
      hidden,
      Array.from({ length: b * ei }, (_, j) => (j % b) * ei + Math.floor(j / b)),
    );
    return blockLinear(tape, mixed, get(`${p}.mlp.W_out`), get(`${p}.mlp.b_out`), b);
  }
  const rows: number[] = [];
  const targets: number[] = [];
  labels.forEach((label, row) => {
    if (label !== IGNORE_INDEX) {
      rows.push(row);
      targets.push(label);
    }
  });
  const hidden = norm('norm_f', gatherRows(tape, r, rows));
  const logits = linearTransposed(tape, hidden, get('embed.weight'));
  const targetArray = Int32Array.from(targets);
  return { loss: crossEntropy(tape, logits, targetArray), logits, rows, targets: targetArray };
}
