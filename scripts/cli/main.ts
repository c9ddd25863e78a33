/**
 * `npm run -s cli -- <command> [options]`: the engine from the command line, for researchers and checks.
 * stdout carries only JSON (one object, or JSON lines for `gen`); errors go to stderr with a non-zero exit
 * (2 for usage errors, 1 otherwise).
 */
import { readFileSync } from 'node:fs';
import { configCost } from '../../simulations/cost/mixerCost';
import { forward, predictTokens } from '../../simulations/model/forward';
import { getMixer } from '../../simulations/model/mixerRegistry';
import { initParams, parameterCount } from '../../simulations/model/params';
import { ARCHITECTURES, architecturePreset } from '../../simulations/model/presets';
import { IGNORE_INDEX, zoologyAccuracy } from '../../simulations/tasks/example';
import { type Args, parseArgs, UsageError } from './args';
import { readModelDirectory, writeModelDirectory } from './modelDirectory';
import { TASKS, taskFromArgs } from './taskFromArgs';

const USAGE = `Usage: npm run -s cli -- <command> [options]
  init --arch (${ARCHITECTURES.join('|')}) --vocab V --d D --L MAXLEN [--window W] [--seed S] --out DIR
  gen  --task (${TASKS.join('|')}) --vocab V --L L [--K K] [--n N] [--seed S] [--random-filler] [--depth x] [--rate r] [--rebinds R]
  run  --model DIR --tokens 3,17,… [--trace]
  eval --model DIR (--data FILE.jsonl|- | --task … --vocab V --L L --K K --n N --seed S)
  info --model DIR`;

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

function init(args: Args) {
  const config = architecturePreset(args.string('arch'), {
    vocabSize: args.int('vocab'),
    dModel: args.int('d', 64),
    maxSeqLen: args.int('L'),
    window: args.int('window', 16),
  });
  const seed = args.int('seed', 0);
  const out = args.string('out');
  writeModelDirectory(out, config, initParams(config, seed), {
    arch: args.string('arch'),
    seed: String(seed),
    trained: 'false',
  });
  print({ model: out, arch: args.string('arch'), parameters: parameterCount(config), seed, trained: false });
}

function gen(args: Args) {
  for (const { inputs, labels } of taskFromArgs(args)) print({ inputs: [...inputs], labels: [...labels] });
}

function readExamples(source: string): { inputs: number[]; labels: number[] }[] {
  const text = readFileSync(source === '-' ? 0 : source, 'utf8');
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, n]) => {
      let value: { inputs?: unknown; labels?: unknown };
      try {
        value = JSON.parse(line);
      } catch {
        throw new Error(`${source === '-' ? 'stdin' : source} line ${n}: not valid JSON`);
      }
      const ints = (x: unknown) => Array.isArray(x) && x.every(Number.isInteger);
      if (
        !ints(value.inputs) ||
        !ints(value.labels) ||
        (value.inputs as number[]).length !== (value.labels as number[]).length
      ) {
        throw new Error(
          `${source === '-' ? 'stdin' : source} line ${n}: expected {"inputs":[ints],"labels":[ints]} of equal length`,
        );
      }
      return value as { inputs: number[]; labels: number[] };
    });
}

function evaluate(args: Args) {
  const model = readModelDirectory(args.string('model'));
  const examples = args.has('data') ? readExamples(args.string('data')) : taskFromArgs(args);
  if (examples.length === 0) throw new Error('No examples to evaluate (empty data)');
  const predictions = examples.map(({ inputs }) =>
    predictTokens(forward(model, inputs).logits, model.config.vocabSize),
  );
  const scored = examples.filter(({ labels }) => Array.from(labels).some((l) => l !== IGNORE_INDEX)).length;
  print({
    accuracy: zoologyAccuracy(
      predictions,
      examples.map((e) => e.labels),
    ),
    n: examples.length,
    scoredExamples: scored,
  });
}

function run(args: Args) {
  const model = readModelDirectory(args.string('model'));
  const tokens = args
    .string('tokens')
    .split(',')
    .map((s, i) => {
      const v = Number(s.trim());
      if (!Number.isInteger(v)) throw new UsageError(`--tokens item ${i + 1} (“${s}”) is not an integer`);
      return v;
    });
  const { logits, trace } = forward(model, tokens, { trace: args.has('trace') });
  const V = model.config.vocabSize;
  const rows = Array.from({ length: tokens.length }, (_, t) =>
    Array.from(logits.subarray(t * V, (t + 1) * V)),
  );
  const summary = trace?.layers.map((layer, i) => {
    const rms = Math.sqrt(layer.mixerOutput.reduce((s, x) => s + x * x, 0) / layer.mixerOutput.length);
    const entry: Record<string, unknown> = { layer: i, mixer: layer.mixer.kind, mixerOutputRms: rms };
    if (layer.mixer.kind === 'attention') {
      const w = layer.mixer.weights as Float32Array;
      const T = tokens.length;
      // For each head and query, the key it attends to most.
      entry.attentionArgmax = Array.from({ length: layer.mixer.heads as number }, (_, h) =>
        Array.from({ length: T }, (_, q) => {
          let best = 0;
          for (let k = 1; k < T; k++) if (w[(h * T + q) * T + k] > w[(h * T + q) * T + best]) best = k;
          return best;
        }),
      );
    }
    return entry;
  });
  print({
    tokens,
    predictions: [...predictTokens(logits, V)],
    logits: rows,
    ...(summary ? { trace: summary } : {}),
  });
}

function info(args: Args) {
  const { config } = readModelDirectory(args.string('model'));
  const stateSizeBytes = config.layers.reduce(
    (s, l) => s + getMixer(l.mixer.kind).stateSizeBytes(l.mixer, config, config.maxSeqLen),
    0,
  );
  const costModel = configCost(config, config.maxSeqLen);
  print({
    config,
    parameters: parameterCount(config),
    stateSizeBytes,
    stateSizeAt: config.maxSeqLen,
    costModel,
  });
}

const commands: Record<string, (args: Args) => void> = { init, gen, run, eval: evaluate, info };

try {
  const args = parseArgs(process.argv.slice(2));
  const command = args.command && commands[args.command];
  if (!command) throw new UsageError(args.command ? `Unknown command “${args.command}”` : 'No command given');
  command(args);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof UsageError) process.stderr.write(`${USAGE}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}
