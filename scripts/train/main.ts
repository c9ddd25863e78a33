/**
 * npm run -s train -- --arch <preset> --task <mqar|selective-copying|induction-heads> [options]
 * Trains one tiny model and writes public/models/<id>/{config.json, model.safetensors, train-log.json}, then
 * rebuilds public/models/index.json. Options (defaults): --d 64 --L 64 --K 8 --vocab 128 --seed 1
 * --steps 2000 --batch 64 --lr 3e-3 --wd 0.1 --warmup 100 --eval-every 100 --window 16 --id <derived>
 * --out public/models --threads <cores> (threads of one step; 1 = this thread only) --precision float32
 * (WebAssembly SIMD, the default) | float64 (the TypeScript reference, data-parallel over worker threads).
 * --init <model dir> continues from a trained model with the same parameters (a curriculum over K).
 * `--zoo [--shard i/n] [--threads t]` trains the job list of zoo.ts; `--results` rewrites docs/results.md.
 * `--lr 1e-3,3e-3,1e-2` trains one model per rate and keeps the best by validation accuracy (lrSweep.ts).
 * Checkpoints go to --checkpoints <dir> (default checkpoints)/<id>/ every --checkpoint-every seconds (180; 0 =
 * every step), on SIGINT/SIGTERM (then exit 130/143) and at the end; the same command again resumes from them,
 * and they are deleted once the model is written.
 * A progress bar goes to stderr; the final summary (JSON) to stdout.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ModelConfig } from '../../simulations/model/config';
import { architectureCard } from '../../simulations/model/mixerRegistry';
import type { Params } from '../../simulations/model/params';
import { ARCHITECTURES, architecturePreset } from '../../simulations/model/presets';
import { RECALL_LAYOUTS, type RecallLayout } from '../../simulations/tasks/recallMixture';
import type { CheckpointStore } from '../../simulations/training/checkpoint';
import { evaluate } from '../../simulations/training/evaluate';
import {
  generateTask,
  heldOutSeed,
  layoutsIdSuffix,
  sweepSeed,
  TASK_KINDS,
  type TaskSpec,
} from '../../simulations/training/taskData';
import { TRAINABLE_ARCHITECTURES } from '../../simulations/training/trainableArchitectures';
import {
  DEFAULT_TRAIN_SETTINGS,
  TrainingInterrupted,
  type TrainLog,
  type TrainProgress,
  train,
} from '../../simulations/training/trainer';
import { toParamVars } from '../../simulations/training/trainingModel';
import { Float32Engine } from '../../simulations/wasm/trainEngine';
import { type Args, parseArgs, UsageError } from '../cli/args';
import { readModelDirectory, writeModelDirectory } from '../cli/modelDirectory';
import { fileCheckpointStore } from './checkpointStore';
import { compactLogJson } from './compactLog';
import { Interrupted, interruptSignal } from './interruptSignal';
import { chooseLearningRate, parseLearningRates } from './lrSweep';
import { rebuildModelIndex, stateBytes } from './modelIndex';
import { nodeGradientWorkers } from './nodeGradientWorkers';
import { spawnNodeTeam } from './nodeTrainTeam';
import { progressBar } from './progressBar';
import { writeResults } from './results';
import { jobArgs, ZOO } from './zoo';

function taskSpec(args: Args): TaskSpec {
  const task = args.string('task');
  const vocabSize = args.int('vocab', 128);
  switch (task) {
    case 'mqar':
      return mqarSpec(
        vocabSize,
        args.int('L', 64),
        args.has('K') ? args.string('K') : '8',
        args.has('layouts') ? args.string('layouts') : undefined,
      );
    case 'recall-mixture':
      // An alias: MQAR at K = 1 … 16 plus every free-editor layout (recallMixture.ts), unless --K/--layouts say otherwise.
      return mqarSpec(
        vocabSize,
        args.int('L', 64),
        args.string('K', '1,2,4,8,16'),
        args.string('layouts', RECALL_LAYOUTS.join(',')),
      );
    case 'selective-copying':
      return {
        kind: 'selective-copying',
        vocabSize,
        noiseLength: args.int('L', 64),
        numTokens: args.int('K', 8),
      };
    case 'induction-heads':
      return { kind: 'induction-heads', vocabSize, seqLen: args.int('L', 64) };
    default:
      throw new UsageError(
        `Unknown --task “${task}”. Tasks: ${[...TASK_KINDS, 'recall-mixture'].join(', ')}`,
      );
  }
}

/**
 * `--K 4` trains at one K; `--K 1,2,4` on a mixture of K (example i has K = mix[i mod n]). `--layouts
 * interleaved,rebinding,filler` adds the free editor's layouts (the recall mixture): the spec then always
 * carries `numKvPairsMix` (layouts apply only with one), and the model id gets a `-mix…` suffix.
 */
function mqarSpec(vocabSize: number, seqLen: number, kText: string, layoutsText?: string): TaskSpec {
  const mix = kText.split(',').map((k) => Number(k.trim()));
  if (mix.some((k) => !Number.isInteger(k) || k < 1))
    throw new UsageError(`--K must be a positive integer or a comma-separated list of them, got “${kText}”`);
  const numKvPairs = Math.max(...mix);
  if (layoutsText !== undefined) {
    const layouts = layoutsText.split(',').map((l) => l.trim());
    const unknown = layouts.filter((l) => !(RECALL_LAYOUTS as readonly string[]).includes(l));
    if (unknown.length > 0 || new Set(layouts).size !== layouts.length)
      throw new UsageError(
        `--layouts must list distinct layouts of ${RECALL_LAYOUTS.join(', ')}, got “${layoutsText}”`,
      );
    return {
      kind: 'mqar',
      vocabSize,
      seqLen,
      numKvPairs,
      numKvPairsMix: mix,
      layouts: layouts as RecallLayout[],
    };
  }
  return mix.length > 1
    ? { kind: 'mqar', vocabSize, seqLen, numKvPairs, numKvPairsMix: mix }
    : { kind: 'mqar', vocabSize, seqLen, numKvPairs };
}

const sequenceLength = (task: TaskSpec) => generateTask(task, 1, 0)[0].inputs.length;

/**
 * Held-out evaluations logged with a trained model (one float64 copy of the weights for all of them):
 *  - pairsSweep (MQAR): accuracy at other numbers of pairs at the same length (Zoology Fig. 2 axis);
 *  - lengthSweep (induction heads): accuracy at every longer length up to maxSeqLen (Mamba §4.1);
 *  - check: the small fixed set the shipped-model test re-evaluates with the float32 reference forward; its
 *    accuracy here comes from the float64 training forward, so the two agree up to argmax ties.
 */
function heldOutEvaluations(config: ModelConfig, params: Params, task: TaskSpec, seed: number) {
  const vars = toParamVars(config, params);
  const pairsSweep =
    task.kind === 'mqar'
      ? [1, 2, 4, 8, 12, 16]
          .filter((K) => 4 * K <= task.seqLen)
          .map((K) => {
            const examples = generateTask(
              { ...task, numKvPairs: K, numKvPairsMix: undefined },
              500,
              sweepSeed(seed, K),
            );
            return { numKvPairs: K, accuracy: evaluate(config, vars, examples).accuracy };
          })
      : undefined;
  const lengthSweep =
    task.kind === 'induction-heads'
      ? [64, 128, 256, 512, 1024]
          .filter((L) => L <= config.maxSeqLen)
          .map((L) => {
            const examples = generateTask({ ...task, seqLen: L }, 200, sweepSeed(seed, L));
            return { seqLen: L, accuracy: evaluate(config, vars, examples, 8).accuracy };
          })
      : undefined;
  const checkSeed = heldOutSeed(seed, 'check');
  const examples = 100;
  const { accuracy } = evaluate(config, vars, generateTask(task, examples, checkSeed));
  return { pairsSweep, lengthSweep, check: { task, seed: checkSeed, examples, accuracy } };
}

/** The model id: --id, or arch-task-L…[-K…]-d…-s… plus any non-default option that changes the model. */
function modelId(args: Args): string {
  if (args.has('id')) return args.string('id');
  const task = taskSpec(args);
  const L = sequenceLength(task);
  const extras = [
    args.has('window') ? `w${args.int('window')}` : '',
    args.has('feature-dim') ? `f${args.int('feature-dim')}` : '',
    args.has('d-state') ? `n${args.int('d-state')}` : '',
  ].filter(Boolean);
  return [
    args.string('arch'),
    task.kind,
    `l${L}`,
    task.kind === 'mqar' ? `k${(task.numKvPairsMix ?? [task.numKvPairs]).join('-')}` : '',
    task.kind === 'mqar' ? layoutsIdSuffix(task.layouts) : '',
    `d${args.int('d', 64)}`,
    ...extras,
    `s${args.int('seed', 1)}`,
  ]
    .filter(Boolean)
    .join('-');
}

/**
 * `--init <model dir>`: continue from a trained model with the same parameters (a curriculum, e.g. trained at
 * K = 2, then at K = 4; or attention's weights under a sliding-window mask). The task and the mask may differ;
 * the trainer rejects weights whose names or sizes differ from this model's.
 */
function initialWeights(dir: string): Params {
  return readModelDirectory(dir).params;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(['train', ...argv]);
  const arch = args.string('arch');
  if (!(ARCHITECTURES as readonly string[]).includes(arch))
    throw new UsageError(`Unknown --arch “${arch}”. Architectures: ${ARCHITECTURES.join(', ')}`);
  if (!TRAINABLE_ARCHITECTURES.includes(arch))
    throw new UsageError(
      `“${arch}” has no backward pass yet. Trainable: ${TRAINABLE_ARCHITECTURES.join(', ')}`,
    );
  const task = taskSpec(args);
  const seed = args.int('seed', 1);
  const L = sequenceLength(task);
  const dModel = args.int('d', 64);
  const model = architecturePreset(arch, {
    vocabSize: task.vocabSize,
    dModel,
    maxSeqLen: args.int('max-len', L),
    window: args.int('window', 16),
  });
  // State-size knobs of the sweeps: Based's feature dimension, the SSMs' state size.
  for (const layer of model.layers) {
    if (args.has('feature-dim') && layer.mixer.kind === 'linearAttention')
      layer.mixer.featureDim = args.int('feature-dim');
    // --d-state sets the option each card names as its state size (dState of Mamba, S4D, H3, Mamba-2).
    if (args.has('d-state') && architectureCard(layer.mixer.kind).stateSizeOption === 'dState')
      layer.mixer.dState = args.int('d-state');
  }
  const id = modelId(args);
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(id))
    throw new UsageError(`--id must be lowercase letters, digits, '.' and '-'`);
  const rates = parseLearningRates(args.string('lr', String(DEFAULT_TRAIN_SETTINGS.learningRate)));
  const settings = {
    ...DEFAULT_TRAIN_SETTINGS,
    model,
    task,
    seed,
    steps: args.int('steps', DEFAULT_TRAIN_SETTINGS.steps),
    batchSize: args.int('batch', DEFAULT_TRAIN_SETTINGS.batchSize),
    learningRate: rates[0],
    weightDecay: args.number('wd', DEFAULT_TRAIN_SETTINGS.weightDecay),
    warmupSteps: args.int('warmup', DEFAULT_TRAIN_SETTINGS.warmupSteps),
    evalEvery: args.int('eval-every', DEFAULT_TRAIN_SETTINGS.evalEvery),
    testExamples: args.int('test-examples', DEFAULT_TRAIN_SETTINGS.testExamples),
    ...(args.has('init') ? { initializedFrom: args.string('init') } : {}),
  };
  const initialParams = args.has('init') ? initialWeights(args.string('init')) : undefined;
  // Threads: by default one per core. The float32 path (default) splits each op of a step across them; the
  // float64 reference (--precision float64) splits the batch across data-parallel gradient workers.
  const threads = args.int('threads', availableParallelism());
  const precision = args.string('precision', 'float32');
  if (precision !== 'float32' && precision !== 'float64')
    throw new UsageError(`--precision must be float32 or float64, got “${precision}”`);
  const float32 = precision === 'float32';
  const workers = !float32 && threads > 1 ? nodeGradientWorkers(model, threads - 1) : undefined;
  const engine = float32
    ? (config: ModelConfig, start: Params) =>
        new Float32Engine(config, start, { threads, spawn: spawnNodeTeam })
    : undefined;
  // Checkpoints of this model: checkpoints/<id>/, or checkpoints/<id>/lr-<rate>/ per rate of a sweep.
  const checkpoints = join(args.string('checkpoints', 'checkpoints'), id);
  const checkpointEverySeconds = args.number('checkpoint-every', 180);
  const interrupt = interruptSignal();
  const runs: { params: Params; log: TrainLog }[] = [];
  try {
    for (const learningRate of rates) {
      const sweep = rates.length > 1;
      const checkpointDir = sweep ? join(checkpoints, `lr-${learningRate}`) : checkpoints;
      const run = train(
        { ...settings, learningRate },
        {
          workers,
          engine,
          initialParams,
          checkpoint: announcingResume(fileCheckpointStore(checkpointDir), checkpointDir),
          checkpointEverySeconds,
          signal: interrupt,
          onProgress: progress(sweep ? `${id} lr ${learningRate}` : id),
        },
      );
      runs.push(
        await run.catch((error) => {
          if (!(error instanceof TrainingInterrupted)) throw error;
          const by = interrupt.by ?? 'SIGINT';
          throw new Interrupted(
            by,
            `${by} after step ${error.step}; checkpoint in ${checkpointDir}/ — run the same command again to resume`,
          );
        }),
      );
    }
  } finally {
    interrupt.dispose();
    await workers?.close();
  }
  const { best, lrSweep } = chooseLearningRate(runs.map((r) => r.log));
  const { params, log } = runs[best];
  const out = args.string('out', 'public/models');
  const dir = join(out, id);
  writeModelDirectory(dir, model, params, { architecture: arch, seed: String(seed) });
  const fullLog = {
    architecture: arch,
    ...log,
    ...(rates.length > 1 ? { lrSweep } : {}),
    stateBytes: stateBytes(model, L),
    ...heldOutEvaluations(model, params, task, seed),
  };
  writeFileSync(join(dir, 'train-log.json'), compactLogJson(fullLog));
  rebuildModelIndex(out);
  rmSync(checkpoints, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify({ id, dir, testAccuracy: log.test.accuracy, stepsRun: log.stepsRun, stoppedEarly: log.stoppedEarly, wallSeconds: Math.round(log.wallSeconds), pairsSweep: fullLog.pairsSweep, lengthSweep: fullLog.lengthSweep, ...(rates.length > 1 ? { learningRate: log.settings.learningRate, lrSweep } : {}) })}\n`,
  );
}

/** The progress bar of one run (stderr). */
function progress(label: string): (p: TrainProgress) => void {
  const bar = progressBar(label);
  let lastValidation = '';
  return ({ step, totalSteps, loss, validation }) => {
    if (validation) lastValidation = ` val ${validation.accuracy.toFixed(3)}`;
    bar(step, totalSteps, `loss ${loss.toFixed(3)}${lastValidation}`, Boolean(validation));
  };
}

/** The store, saying on stderr when a run resumes from it. */
function announcingResume(store: CheckpointStore, dir: string): CheckpointStore {
  return {
    save: (checkpoint) => store.save(checkpoint),
    load() {
      const checkpoint = store.load();
      if (checkpoint) process.stderr.write(`Resuming from ${dir}/ at step ${checkpoint.step}\n`);
      return checkpoint;
    },
  };
}

/** Runs every zoo job of this shard whose model directory is missing. */
async function zoo(argv: string[]): Promise<void> {
  const args = parseArgs(['zoo', ...argv]);
  const [shard, shards] = args.string('shard', '0/1').split('/').map(Number);
  const only = args.has('only') ? args.string('only') : '';
  const out = args.string('out', 'public/models');
  // Passed on to every job; a job with a checkpoint (checkpoints/<id>/) resumes from it.
  const passed = ['threads', 'precision', 'checkpoints', 'checkpoint-every'].flatMap((name) =>
    args.has(name) ? [`--${name}`, args.string(name)] : [],
  );
  for (const [i, job] of ZOO.entries()) {
    // A job's stages share a group, so they run in order on one shard.
    if ((job.group ?? i) % shards !== shard) continue;
    const jobOut = job.options.out === undefined ? out : String(job.options.out);
    const jobArgv = [...jobArgs(job), ...(job.options.out === undefined ? ['--out', out] : []), ...passed];
    const id = modelId(parseArgs(['train', ...jobArgv]));
    if (!id.includes(only) || existsSync(join(jobOut, id, 'train-log.json'))) continue;
    if (job.options.init !== undefined && !existsSync(join(String(job.options.init), 'config.json'))) {
      process.stderr.write(`zoo: ${id} waits for ${job.options.init} (not trained yet)\n`);
      continue;
    }
    await main(jobArgv);
  }
}

try {
  const argv = process.argv.slice(2);
  if (argv[0] === '--zoo') await zoo(argv.slice(1));
  else if (argv[0] === '--results') {
    rebuildModelIndex('public/models');
    writeResults();
  } else await main(argv);
} catch (error) {
  process.stderr.write(`train: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : error instanceof Interrupted ? error.exitCode : 1);
}
