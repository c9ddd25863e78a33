/** A Node worker thread of nodeGradientWorkers: gradients of one batch shard per message. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ModelConfig } from '../../simulations/model/config';
import { initParams } from '../../simulations/model/params';
import { batchGradients } from '../../simulations/training/gradients';
import type { Var } from '../../simulations/training/tape';
import { type ParamVars, toParamVars } from '../../simulations/training/trainingModel';
import type { GradientReply, GradientRequest } from './nodeGradientWorkers';

const config = (workerData as { config: ModelConfig }).config;
// Shapes come from the config; values are overwritten by every request.
const vars: ParamVars = toParamVars(config, initParams(config, 0));

parentPort?.on('message', ({ params, batch }: GradientRequest) => {
  for (const [name, values] of params) (vars.get(name) as Var).data.set(values);
  const { loss, rows } = batchGradients(config, vars, batch);
  const grads: [string, Float64Array][] = [...vars].map(([name, v]) => [name, Float64Array.from(v.grad)]);
  const reply: GradientReply = { loss, rows, grads };
  parentPort?.postMessage(
    reply,
    grads.map(([, g]) => g.buffer as ArrayBuffer),
  );
});
