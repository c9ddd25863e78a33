/**
 * The training loop (Zoology `train.py` in spirit): fresh task batches from a seeded stream, AdamW with decoupled
 * weight decay, linear warm-up then cosine decay, global-norm gradient clipping, periodic validation, early stop
 * once validation accuracy reaches 0.99, a final held-out test. Deterministic given the seed and the number of
 * gradient workers; with a checkpoint store, an interrupted run resumes to the very same result (checkpoint.ts).
 */
import type { ModelConfig } from '../model/config';
import { initParams, type Params, parameterSpecs } from '../model/params';
import { assertValidConfig } from '../model/validateConfig';
import type { TaskExample } from '../tasks/example';
import { AdamW, clipGradNorm, cosineLearningRate } from './adamw';
import { type CheckpointStore, type FloatArray, settingsMismatch } from './checkpoint';
import { evaluate, stack } from './evaluate';
import { type GradientWorkers, parallelGradients } from './gradients';
import { generateTask, heldOutSeed, type TaskSpec, trainSeed } from './taskData';
import { type Batch, type ParamVars, toParams, toParamVars } from './trainingModel';

/**
 * Who computes a step's gradients over which parameter Vars. Absent: the float64 reference (TypeScript ops,
 * optionally data-parallel over `workers`). The float32 path (simulations/wasm/trainEngine.ts) keeps its Vars
 * in WebAssembly memory; its results do not depend on its number of threads.
 */
export interface GradientEngine {
  readonly vars: ParamVars;
  /** Names the numerics in a checkpoint's settings (a run cannot continue under another engine). */
  readonly precision: string;
  gradients(batch: Batch): { loss: number; rows: number };
  evaluate(examples: readonly TaskExample[]): { accuracy: number; loss: number };
  close(): void;
}

export interface TrainSettings {
  model: ModelConfig;
  task: TaskSpec;
  seed: number;
  steps: number;
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  warmupSteps: number;
  clipNorm: number;
  evalEvery: number;
  validationExamples: number;
  testExamples: number;
  earlyStopAccuracy: number;
  /**
   * Where the initial weights came from when training continues from a trained model (a curriculum, e.g. K = 2
   * then K = 4); absent for a fresh initialisation from `seed`. Recorded in the log only.
   */
  initializedFrom?: string;
}

export const DEFAULT_TRAIN_SETTINGS = {
  steps: 2000,
  batchSize: 64,
  learningRate: 3e-3,
  weightDecay: 0.1,
  warmupSteps: 100,
  clipNorm: 1,
  evalEvery: 100,
  validationExamples: 256,
  testExamples: 1000,
  earlyStopAccuracy: 0.99,
} satisfies Partial<TrainSettings>;

export interface StepRecord {
  step: number;
  loss: number;
  learningRate: number;
  gradNorm: number;
}

export interface EvalRecord {
  step: number;
  accuracy: number;
  loss: number;
}

export interface TrainLog {
  settings: TrainSettings;
  steps: StepRecord[];
  validation: EvalRecord[];
  stepsRun: number;
  stoppedEarly: boolean;
  wallSeconds: number;
  tokensPerSecond: number;
  test: { accuracy: number; loss: number; examples: number; seed: number };
  /** The numerics the run trained with: 'float32' (WebAssembly SIMD) or 'float64' (the TypeScript reference). */
  precision?: string;
}

export interface TrainProgress {
  step: number;
  totalSteps: number;
  loss: number;
  validation?: EvalRecord;
}

/** Thrown by train() when its `signal` is raised: training stopped after `step` steps (checkpoint saved if any). */
export class TrainingInterrupted extends Error {
  override name = 'TrainingInterrupted';
  constructor(readonly step: number) {
    super(`Training interrupted after step ${step}`);
  }
}

export async function train(
  settings: TrainSettings,
  {
    onProgress,
    now = () => performance.now(),
    workers,
    initialParams,
    checkpoint,
    checkpointEverySeconds = 180,
    signal,
    engine: makeEngine,
  }: {
    onProgress?: (p: TrainProgress) => void;
    now?: () => number;
    /** Extra threads for data-parallel gradients (both cores in Node; Web Workers in the browser). */
    workers?: GradientWorkers;
    /** Start from these weights instead of `initParams(model, seed)`; every parameter, same shapes. */
    initialParams?: Params;
    /**
     * Resume from `checkpoint.load()` if it holds one (refused if its settings differ); save every
     * `checkpointEverySeconds` (0: every step), when `signal` stops the run, and once the loop ends.
     */
    checkpoint?: CheckpointStore;
    checkpointEverySeconds?: number;
    /** Checked before every step; when raised, train() saves a checkpoint and throws TrainingInterrupted. */
    signal?: { readonly aborted: boolean };
    /** The float32 engine for these initial weights (default: the float64 reference). */
    engine?: (model: ModelConfig, params: Params) => GradientEngine;
  } = {},
): Promise<{ params: Params; log: TrainLog }> {
  const { model, task, seed } = settings;
  assertValidConfig(model);
  const specs = parameterSpecs(model);
  if (initialParams) assertParamsMatch(specs, initialParams);
  const start = cloneParams(initialParams ?? initParams(model, seed));
  const engine = makeEngine?.(model, start);
  try {
    return await trainWith(engine);
  } finally {
    engine?.close();
  }

  async function trainWith(engine: GradientEngine | undefined): Promise<{ params: Params; log: TrainLog }> {
    const vars = engine?.vars ?? toParamVars(model, start);
    const evaluateNow = (examples: readonly TaskExample[]) =>
      engine ? engine.evaluate(examples) : evaluate(model, vars, examples);
    const optimizer = new AdamW(vars, (name) => !specs.get(name)?.noWeightDecay, {
      weightDecay: settings.weightDecay,
    });
    const validation = generateTask(task, settings.validationExamples, heldOutSeed(seed, 'validation'));
    // Everything that changes the result: a checkpoint of other settings cannot continue this run. (Float64 sums
    // over another number of gradient shards differ in the last bits, so the shard count is one of them.)
    const resultSettings = engine
      ? { ...settings, precision: engine.precision }
      : { ...settings, gradientShards: (workers?.count ?? 0) + 1 };
    let steps: StepRecord[] = [];
    let evals: EvalRecord[] = [];
    let tokens = 0;
    let stoppedEarly = false;
    let step = 0;
    let elapsedBefore = 0;
    const resumed = checkpoint?.load();
    if (resumed) {
      const differences = settingsMismatch(resumed.settings, resultSettings);
      if (differences.length > 0)
        throw new Error(
          `The checkpoint (step ${resumed.step}) is of a run with other settings — ${differences.join('; ')}. ` +
            'Run with its settings, or delete the checkpoint to start afresh.',
        );
      restoreParams(vars, resumed.params);
      optimizer.importState(resumed.optimizer);
      ({ step, tokens, stoppedEarly, wallSeconds: elapsedBefore } = resumed);
      steps = resumed.steps;
      evals = resumed.validation;
    }
    const started = now() - elapsedBefore * 1000;
    let savedStep = resumed ? resumed.step : -1;
    let lastSave = now();
    let lastYield = now();
    const save = () => {
      if (!checkpoint || savedStep === step) return;
      checkpoint.save({
        step,
        settings: resultSettings,
        params: new Map([...vars].map(([name, v]) => [name, v.data.slice()])),
        optimizer: optimizer.exportState(),
        steps: steps.slice(),
        validation: evals.slice(),
        tokens,
        wallSeconds: (now() - started) / 1000,
        stoppedEarly,
      });
      savedStep = step;
      lastSave = now();
    };
    while (step < settings.steps && !stoppedEarly) {
      if (signal?.aborted) {
        save();
        throw new TrainingInterrupted(step);
      }
      // Batch i depends on (seed, i) alone: the step is all the data stream's state a checkpoint needs.
      const batch = stack(generateTask(task, settings.batchSize, trainSeed(seed, step)));
      tokens += batch.inputs.length;
      // The one place gradients are computed (left in each Var's .grad).
      const { loss } = engine
        ? engine.gradients(batch)
        : await parallelGradients(model, vars, batch, workers);
      const gradNorm = clipGradNorm(vars.values(), settings.clipNorm);
      const learningRate = cosineLearningRate(step, {
        peak: settings.learningRate,
        warmup: settings.warmupSteps,
        total: settings.steps,
      });
      optimizer.update(learningRate);
      steps.push({ step, loss, learningRate, gradNorm });
      step++;
      let record: EvalRecord | undefined;
      if (step % settings.evalEvery === 0 || step === settings.steps) {
        record = { step, ...evaluateNow(validation) };
        evals.push(record);
        stoppedEarly = record.accuracy >= settings.earlyStopAccuracy;
      }
      onProgress?.({ step, totalSteps: settings.steps, loss, validation: record });
      if (now() - lastSave >= checkpointEverySeconds * 1000) save();
      // Let a signal handler run: a single-thread step awaits nothing but microtasks.
      if (signal && now() - lastYield >= 50) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = now();
      }
    }
    save();
    const wallSeconds = (now() - started) / 1000;
    const testSeed = heldOutSeed(seed, 'test');
    const test = evaluateNow(generateTask(task, settings.testExamples, testSeed));
    return {
      params: toParams(vars),
      log: {
        settings,
        precision: engine?.precision ?? 'float64',
        steps,
        validation: evals,
        stepsRun: step,
        stoppedEarly,
        wallSeconds,
        tokensPerSecond: tokens / wallSeconds,
        test: { ...test, examples: settings.testExamples, seed: testSeed },
      },
    };
  }
}

/** Puts a checkpoint's values into the Vars; the same array type is required, or the run would not be the same. */
function restoreParams(vars: ParamVars, saved: ReadonlyMap<string, FloatArray>): void {
  for (const [name, v] of vars) {
    const values = saved.get(name);
    if (!values) throw new Error(`The checkpoint lacks parameter “${name}”`);
    if (values.constructor !== v.data.constructor || values.length !== v.data.length)
      throw new Error(
        `The checkpoint's “${name}” is ${values.length} × ${values.constructor.name}, the run's ${v.data.length} × ${v.data.constructor.name}`,
      );
    v.data.set(values);
  }
}

function cloneParams(params: Params): Params {
  return new Map([...params].map(([name, value]) => [name, value.slice()]));
}

/** Initial weights must hold exactly the model's parameters with the model's sizes. */
function assertParamsMatch(specs: Map<string, { shape: number[] }>, params: Params): void {
  for (const [name, spec] of specs) {
    const value = params.get(name);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (!value) throw new Error(`Initial weights lack parameter “${name}”`);
    if (value.length !== size)
      throw new Error(`Initial weights: “${name}” has ${value.length} values, the model needs ${size}`);
  }
  for (const name of params.keys())
    if (!specs.has(name)) throw new Error(`Initial weights hold “${name}”, which the model does not have`);
}
