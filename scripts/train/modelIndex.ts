/** public/models/index.json: one entry per shipped model, rebuilt from every model directory's train-log.json. */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelConfig } from '../../simulations/model/config';
import { getMixer } from '../../simulations/model/mixerRegistry';
import { parameterCount } from '../../simulations/model/params';
import type { TrainLog } from '../../simulations/training/trainer';
import '../../simulations/model/builtinMixers';

export interface ModelIndexEntry {
  id: string;
  architecture: string;
  task: TrainLog['settings']['task'];
  dModel: number;
  parameters: number;
  /** Inference state (KV cache or fixed state) at the training length, bytes, float32. */
  stateBytes: number;
  testAccuracy: number;
  stepsRun: number;
  weightBytes: number;
}

export function stateBytes(config: ModelConfig, seqLen: number): number {
  return config.layers.reduce(
    (sum, layer) => sum + getMixer(layer.mixer.kind).stateSizeBytes(layer.mixer, config, seqLen),
    0,
  );
}

export function rebuildModelIndex(root: string): ModelIndexEntry[] {
  const entries: ModelIndexEntry[] = [];
  for (const id of readdirSync(root).sort()) {
    const dir = join(root, id);
    const logPath = join(dir, 'train-log.json');
    if (!statSync(dir).isDirectory() || !existsSync(logPath)) continue;
    const log = JSON.parse(readFileSync(logPath, 'utf8')) as TrainLog & {
      architecture: string;
      stateBytes: number;
    };
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as ModelConfig;
    const task = log.settings.task;
    entries.push({
      id,
      architecture: log.architecture,
      task,
      dModel: config.dModel,
      parameters: parameterCount(config),
      stateBytes: log.stateBytes,
      testAccuracy: log.test.accuracy,
      stepsRun: log.stepsRun,
      weightBytes: statSync(join(dir, 'model.safetensors')).size,
    });
  }
  writeFileSync(join(root, 'index.json'), `${JSON.stringify({ version: 1, models: entries }, null, 2)}\n`);
  return entries;
}
