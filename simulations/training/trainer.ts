/**
 * The training loop (Zoology `train.py` in spirit): fresh task batches from a seeded stream, AdamW with decoupled
 * weight decay, linear warm-up then cosine decay, global-norm gradient clipping, periodic validation, early stop
 * once validation accuracy reaches 0.99, a final held-out test. Deterministic given the seed and the number of
 * gradient workers.
 */
import type { ModelConfig } from '../model/config';
import { initParams, type Params, parameterSpecs } from '../model/params';
import { assertValidConfig } from '../model/validateConfig';
import { AdamW, clipGradNorm, cosineLearningRate } from './adamw';
import { evaluate, stack } from './evaluate';
import { type GradientWorkers, parallelGradients } from './gradients';
import { generateTask, heldOutSeed, type TaskSpec, trainSeed } from './taskData';
import { toParams, toParamVars } from './trainingModel';

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
}

export interface TrainProgress {
  step: number;
  totalSteps: number;
  loss: number;
  validation?: EvalRecord;
}

export async function train(
  settings: TrainSettings,
  {
    onProgress,
    now = () => performance.now(),
    workers,
    initialParams,
  }: {
    onProgress?: (p: TrainProgress) => void;
    now?: () => number;
    /** Extra threads for data-parallel gradients (both cores in Node; Web Workers in the browser). */
    workers?: GradientWorkers;
    /** Start from these weights instead of `initParams(model, seed)`; every parameter, same shapes. */
    initialParams?: Params;
  } = {},
): Promise<{ params: Params; log: TrainLog }> {
  const { model, task, seed } = settings;
  assertValidConfig(model);
  const specs = parameterSpecs(model);
  if (initialParams) assertParamsMatch(specs, initialParams);
  const vars = toParamVars(model, cloneParams(initialParams ?? initParams(model, seed)));
  const optimizer = new AdamW(vars, (name) => !specs.get(name)?.noWeightDecay, {
    weightDecay: settings.weightDecay,
  });
  const validation = generateTask(task, settings.validationExamples, heldOutSeed(seed, 'validation'));
  const steps: StepRecord[] = [];
  const evals: EvalRecord[] = [];
  const started = now();
  let tokens = 0;
  let stoppedEarly = false;
  let step = 0;
  for (; step < settings.steps && !stoppedEarly; step++) {
    const batch = stack(generateTask(task, settings.batchSize, trainSeed(seed, step)));
    tokens += batch.inputs.length;
    const { loss } = await parallelGradients(model, vars, batch, workers);
    const gradNorm = clipGradNorm(vars.values(), settings.clipNorm);
    const learningRate = cosineLearningRate(step, {
      peak: settings.learningRate,
      warmup: settings.warmupSteps,
      total: settings.steps,
    });
    optimizer.update(learningRate);
    steps.push({ step, loss, learningRate, gradNorm });
    let record: EvalRecord | undefined;
    if ((step + 1) % settings.evalEvery === 0 || step + 1 === settings.steps) {
      record = { step: step + 1, ...evaluate(model, vars, validation) };
      evals.push(record);
      stoppedEarly = record.accuracy >= settings.earlyStopAccuracy;
    }
    onProgress?.({ step: step + 1, totalSteps: settings.steps, loss, validation: record });
  }
  const wallSeconds = (now() - started) / 1000;
  const testSeed = heldOutSeed(seed, 'test');
  const test = evaluate(model, vars, generateTask(task, settings.testExamples, testSeed));
  return {
    params: toParams(vars),
    log: {
      settings,
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
