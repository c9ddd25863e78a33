/**
 * Gradients of one batch, and the same split across workers (data parallelism). The loss is a mean over the
 * labelled rows, so shards combine as  L = Σ_w M_w·L_w / Σ_w M_w  and  ∇L = Σ_w M_w·∇L_w / Σ_w M_w
 * (M_w = labelled rows of shard w). Shards are summed in a fixed order, so a run is deterministic for a given
 * number of workers (float64 sums in another order differ from the single-thread run in the last bits).
 */
import type { ModelConfig } from '../model/config';
import { Tape } from './tape';
import { type Batch, type ParamVars, trainingForward } from './trainingModel';

export interface ShardGradients {
  loss: number;
  /** Labelled rows in the shard (the loss's denominator). */
  rows: number;
  /** Parameter name → gradient (same order as the model's parameters). */
  grads: Map<string, Float64Array>;
}

/** Forward + backward on one batch; gradients land in each Var's `.grad` (zeroed first). */
export function batchGradients(
  config: ModelConfig,
  vars: ParamVars,
  batch: Batch,
): { loss: number; rows: number } {
  for (const v of vars.values()) v.zeroGrad();
  const tape = new Tape();
  const { loss, rows } = trainingForward(tape, config, vars, batch);
  tape.backward(loss);
  return { loss: loss.data[0], rows: rows.length };
}

/** Sequences [from, to) of a batch. */
export function sliceBatch(batch: Batch, from: number, to: number): Batch {
  const T = batch.seqLen;
  return {
    inputs: batch.inputs.slice(from * T, to * T),
    labels: batch.labels.slice(from * T, to * T),
    seqLen: T,
  };
}

/** Splits a batch into `parts` contiguous shards of (nearly) equal numbers of sequences. */
export function splitBatch(batch: Batch, parts: number): Batch[] {
  const B = batch.inputs.length / batch.seqLen;
  const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * B) / parts));
  return bounds.slice(0, -1).map((from, i) => sliceBatch(batch, from, bounds[i + 1]));
}

/** Writes the row-weighted mean of the shards' gradients into the Vars' `.grad`; returns the combined loss. */
export function combineShards(
  vars: ParamVars,
  shards: readonly ShardGradients[],
): { loss: number; rows: number } {
  const rows = shards.reduce((s, x) => s + x.rows, 0);
  for (const [name, v] of vars) {
    const g = v.grad;
    g.fill(0);
    for (const shard of shards) {
      const part = shard.grads.get(name);
      if (!part) continue;
      const w = shard.rows / rows;
      for (let i = 0; i < g.length; i++) g[i] += w * part[i];
    }
  }
  return { loss: shards.reduce((s, x) => s + (x.loss * x.rows) / rows, 0), rows };
}

/** Computes shard gradients elsewhere: Node worker_threads (scripts/train) or Web Workers (app/). */
export interface GradientWorkers {
  readonly count: number;
  /** Gradients of `batch` on worker `index` under the parameter values `params` (name → values). */
  shard(index: number, params: ReadonlyMap<string, Float64Array>, batch: Batch): Promise<ShardGradients>;
  close(): Promise<void>;
}

/**
 * One step's gradients over the calling thread and `workers`: the batch is split into count + 1 shards, the
 * workers take shards 1…count while this thread computes shard 0; the combined gradient is left in `.grad`.
 */
export async function parallelGradients(
  config: ModelConfig,
  vars: ParamVars,
  batch: Batch,
  workers?: GradientWorkers,
): Promise<{ loss: number; rows: number }> {
  if (!workers || workers.count === 0) return batchGradients(config, vars, batch);
  const shards = splitBatch(batch, workers.count + 1);
  // Data parallelism belongs to the float64 reference (the float32 path splits inside its ops instead).
  const params = new Map([...vars].map(([name, v]) => [name, v.data as Float64Array]));
  const remote = shards.slice(1).map((shard, i) => workers.shard(i, params, shard));
  const local = batchGradients(config, vars, shards[0]);
  const own: ShardGradients = {
    ...local,
    grads: new Map([...vars].map(([n, v]) => [n, Float64Array.from(v.grad)])),
  };
  return combineShards(vars, [own, ...(await Promise.all(remote))]);
}
