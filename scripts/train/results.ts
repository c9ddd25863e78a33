/**
 * `npm run -s train -- --results`: regenerates the measured parts of docs/results.md and the SVG figures in
 * docs/figures/ from public/models/*\/train-log.json:
 *  - between the `headline` markers, the headline section (resultsHeadline.ts): the recall-mixture models of
 *    the headline procedure and the SYNTHETIC jobs of zoo.ts, each re-evaluated on fresh data
 *    (freshEvaluation.ts; results cached in .cache/fresh-evaluation.json by the weights' hash);
 *  - between the `generated` markers, the older models' sections (every other model), as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readModelDirectory } from '../cli/modelDirectory';
import {
  evaluateFresh,
  FRESH_EXAMPLES,
  FRESH_PROTOCOL,
  FRESH_SPLIT,
  type FreshResult,
  freshSets,
} from './freshEvaluation';
import {
  type HeadlineModel,
  headlineSection,
  isHeadlineSynthetic,
  isRecallMixture,
  type ShippedLog,
} from './resultsHeadline';
import { linePlot } from './svgPlot';
import { STAGE1 } from './zoo';

interface Shipped {
  id: string;
  log: ShippedLog;
}

const START = '<!-- generated:start -->';
const END = '<!-- generated:end -->';
const HEADLINE_START = '<!-- headline:start -->';
const HEADLINE_END = '<!-- headline:end -->';

function readShipped(root: string): Shipped[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((id) => existsSync(join(root, id, 'train-log.json')))
    .sort()
    .map((id) => ({ id, log: JSON.parse(readFileSync(join(root, id, 'train-log.json'), 'utf8')) }));
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KiB`;

function taskLabel(log: ShippedLog): string {
  const t = log.settings.task;
  if (t.kind === 'mqar') return `MQAR L=${t.seqLen} K=${t.numKvPairs} V=${t.vocabSize}`;
  if (t.kind === 'selective-copying')
    return `selective copying, ${t.numTokens} tokens in ${t.noiseLength} noise, A=${t.vocabSize}`;
  return `induction heads L=${t.seqLen} V=${t.vocabSize}`;
}

/** The training budget, and whether the model continued from another (a curriculum over K). */
function budgetLabel(log: ShippedLog): string {
  return log.settings.initializedFrom
    ? 'continued from a trained model (curriculum, decision 009)'
    : `≤ ${log.settings.steps} steps`;
}

/** The model's variant: its id up to the task (e.g. `based-f4`, `sliding-window-w4`, `attention`). */
function variantOf({ id, log }: Shipped): string {
  const cut = id.indexOf(`-${log.settings.task.kind}`);
  return cut > 0 ? id.slice(0, cut) : log.architecture;
}

function table(models: Shipped[]): string {
  const rows = models.map(({ id, log }) => {
    const best = Math.max(...log.validation.map((v) => v.accuracy));
    return `| \`${id}\` | ${log.architecture} | ${kib(log.stateBytes)} | ${log.stepsRun}${log.stoppedEarly ? ' (early stop)' : ''} | ${log.settings.learningRate} | ${pct(best)} | **${pct(log.test.accuracy)}** | ${Math.round(log.wallSeconds / 60)} min |`;
  });
  return [
    '| model | architecture | inference state | steps | lr | best validation | held-out test | wall time |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * Accuracy vs the number of pairs where every point is a model trained at that K (same length, width and
 * budget): the families of models that were trained at more than one K.
 */
function trainedPerK(mqar: Shipped[], figure: (name: string, svg: string, alt: string) => string): string[] {
  const families = new Map<string, Shipped[]>();
  for (const m of mqar) {
    const t = m.log.settings.task;
    if (t.kind !== 'mqar' || t.numKvPairsMix) continue;
    if (m.log.settings.initializedFrom) continue;
    const key = `MQAR L=${t.seqLen} V=${t.vocabSize}, d=${m.log.settings.model.dModel}, ≤ ${m.log.settings.steps} steps`;
    families.set(key, [...(families.get(key) ?? []), m]);
  }
  const sections: string[] = [];
  for (const [label, models] of families) {
    const trainedK = (m: Shipped) => (m.log.settings.task as { numKvPairs: number }).numKvPairs;
    const Ks = [...new Set(models.map(trainedK))].sort((a, b) => a - b);
    if (Ks.length < 2) continue;
    // One row per variant (architecture plus a state knob such as Based's feature dimension), named by its id.
    const archs = [...new Set(models.map(variantOf))];
    const at = (arch: string, k: number) => models.find((m) => variantOf(m) === arch && trainedK(m) === k);
    // Models continued from a member of this family (--init): a K = 2 model trained further at K = 4, or
    // attention's K = 2 weights trained under a sliding window. One row per (architecture, window, parent).
    const parentOf = (m: Shipped) =>
      models.find((p) => p.id === m.log.settings.initializedFrom?.split('/').pop());
    const continued = mqar.filter((m) => parentOf(m) !== undefined);
    const rowOf = (m: Shipped) => {
      const parent = parentOf(m) as Shipped;
      return `${variantOf(m)}, from ${variantOf(parent)} K=${trainedK(parent)}`;
    };
    const continuedRows = [...new Set(continued.map(rowOf))];
    const continuedAt = (row: string, k: number): Shipped | undefined => {
      const own = continued.find((m) => rowOf(m) === row && trainedK(m) === k);
      if (own) return own;
      // A curriculum row starts at its own architecture's model: show that model at its K.
      const parent = continued.filter((m) => rowOf(m) === row).map(parentOf)[0];
      const first = continued.find((m) => rowOf(m) === row) as Shipped;
      return parent && variantOf(parent) === variantOf(first) && trainedK(parent) === k ? parent : undefined;
    };
    const cells = (ms: (Shipped | undefined)[]) =>
      ms.map((m) => (m ? `${pct(m.log.test.accuracy)} (${m.log.stepsRun})` : '–')).join(' | ');
    const slug = label
      .replace(/[^A-Za-z0-9]+/g, '-')
      .toLowerCase()
      .replace(/-$/, '');
    const point = (k: number, m: Shipped | undefined) =>
      m ? [[k, m.log.test.accuracy] as [number, number]] : [];
    sections.push(
      [
        `### Trained at each K — ${label}`,
        '',
        'Held-out test accuracy of a model trained at that number of key–value pairs (steps run in brackets).',
        'Rows "from …": started from that trained model\'s weights (`--init`, decision 009) and trained at each K;',
        'the K = 2 model of the same architecture is its own starting point.',
        '',
        `| model | ${Ks.map((k) => `K=${k}`).join(' | ')} |`,
        `|---|${Ks.map(() => '---').join('|')}|`,
        ...archs.map((arch) => `| ${arch} | ${cells(Ks.map((k) => at(arch, k)))} |`),
        ...continuedRows.map((row) => `| ${row} | ${cells(Ks.map((k) => continuedAt(row, k)))} |`),
        '',
        figure(
          `trained-per-k-${slug}.svg`,
          linePlot(
            [
              ...archs.map((arch) => ({ name: arch, points: Ks.flatMap((k) => point(k, at(arch, k))) })),
              ...continuedRows.map((row) => ({
                name: row,
                points: Ks.flatMap((k) => point(k, continuedAt(row, k))),
              })),
            ],
            {
              title: `Accuracy vs key–value pairs, one model per K — ${label}`,
              xLabel: 'key–value pairs K (trained and tested)',
              yLabel: 'held-out accuracy',
              xLog2: true,
            },
          ),
          `MQAR held-out accuracy against K, each point a model trained at that K, ${label}`,
        ),
      ].join('\n'),
    );
  }
  return sections;
}

export interface ResultsOptions {
  /** Where the stage-1 models of the headline procedure are (zoo.ts STAGE1.out). */
  curriculum?: string;
  /** The fresh-evaluation cache file, or false for none. */
  cache?: string | false;
  /** Fresh examples per set (FRESH_EXAMPLES; fewer only in tests). */
  freshExamples?: number;
  /** Progress lines (stderr by default). */
  progress?: (line: string) => void;
}

/** Fresh accuracies of a model directory, from the cache when its weights and the protocol are unchanged. */
function freshOf(
  dir: string,
  log: ShippedLog,
  n: number,
  cache: Record<string, FreshResult[]>,
  progress: (line: string) => void,
) {
  const weights = readFileSync(join(dir, 'model.safetensors'));
  const key = [
    basename(dir),
    createHash('sha256').update(weights).digest('hex'),
    `protocol ${FRESH_PROTOCOL}`,
    `split ${FRESH_SPLIT}`,
    `n ${n}`,
    `seed ${log.settings.seed}`,
    JSON.stringify(log.settings.task),
  ].join(' | ');
  if (!cache[key]) {
    const started = performance.now();
    const { config, params } = readModelDirectory(dir);
    cache[key] = evaluateFresh(config, params, freshSets(log.settings.task, log.settings.seed, n));
    progress(
      `results: fresh evaluation of ${basename(dir)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return cache[key];
}

/** The headline models with their configs, stage-1 logs and fresh accuracies; the stage-1 models still alone. */
function headlineInput(root: string, models: Shipped[], options: ResultsOptions) {
  const n = options.freshExamples ?? FRESH_EXAMPLES;
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const cachePath = options.cache ?? '.cache/fresh-evaluation.json';
  const cache: Record<string, FreshResult[]> =
    cachePath && existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, 'utf8')) : {};
  const record = ({ id, log }: Shipped): HeadlineModel => {
    const dir = join(root, id);
    const from = log.settings.initializedFrom;
    const stage1Path = from ? join(from, 'train-log.json') : undefined;
    return {
      id,
      log,
      config: JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')),
      ...(stage1Path && existsSync(stage1Path)
        ? { stage1: JSON.parse(readFileSync(stage1Path, 'utf8')) }
        : {}),
      fresh: freshOf(dir, log, n, cache, progress),
    };
  };
  const recall = models.filter((m) => isRecallMixture(m.log)).map(record);
  const synthetic = models.filter((m) => isHeadlineSynthetic(m.log)).map(record);
  if (cachePath) {
    mkdirSync(dirname(cachePath), { recursive: true });
    writeFileSync(cachePath, `${JSON.stringify(cache, null, 1)}\n`);
  }
  const continued = new Set(recall.map((m) => basename(m.log.settings.initializedFrom ?? '')));
  const stage1Only = readShipped(options.curriculum ?? STAGE1.out).filter(
    (m) => m.id.endsWith('-stage1') && !continued.has(m.id),
  );
  return { models: recall, synthetic, stage1Only };
}

/** Replaces what lies between two markers of a document. */
function between(doc: string, start: string, end: string, content: string, path: string): string {
  const [before, rest] = doc.split(start);
  const after = rest?.split(end)[1];
  if (after === undefined) throw new Error(`${path} lacks the ${start} … ${end} markers`);
  return `${before}${start}\n${content}\n${end}${after}`;
}

export function writeResults(root = 'public/models', docs = 'docs', options: ResultsOptions = {}): void {
  const everything = readShipped(root);
  const isHeadline = (m: Shipped) => isRecallMixture(m.log) || isHeadlineSynthetic(m.log);
  // The older models (tiny, small and L = 64 settings): the sections below the headline, as before.
  const shipped = everything.filter((m) => !isHeadline(m));
  const mqar = shipped.filter((m) => m.log.settings.task.kind === 'mqar');
  const sections: string[] = [];
  const figure = (name: string, svg: string, alt: string) => {
    writeFileSync(join(docs, 'figures', name), svg);
    return `![${alt}](figures/${name})`;
  };
  for (const [kind, title] of [
    ['selective-copying', 'Selective copying'],
    ['induction-heads', 'Induction heads'],
  ] as const) {
    const models = shipped.filter((m) => m.log.settings.task.kind === kind);
    if (models.length === 0) continue;
    sections.push(
      `### ${title}\n\n${[...new Set(models.map((m) => taskLabel(m.log)))].join('; ')}\n\n${table(models)}`,
    );
  }
  // MQAR: one block per setting (task and width), so every table compares like with like.
  const settings = new Map<string, Shipped[]>();
  for (const m of mqar) {
    const key = `${taskLabel(m.log)}, d=${m.log.settings.model.dModel}, ${budgetLabel(m.log)}`;
    settings.set(key, [...(settings.get(key) ?? []), m]);
  }
  for (const [label, models] of settings) {
    const task = models[0].log.settings.task;
    const slug = label
      .replace(/[^A-Za-z0-9]+/g, '-')
      .toLowerCase()
      .replace(/-$/, '');
    const trainedK = task.kind === 'mqar' ? task.numKvPairs : 0;
    const Ks = [...new Set(models.flatMap((m) => m.log.pairsSweep?.map((p) => p.numKvPairs) ?? []))].sort(
      (a, b) => a - b,
    );
    const short = (id: string) => id.replace(/-mqar-l\d+-k\d+-d\d+/, '').replace(/-s1$/, '');
    sections.push(
      [
        `### ${label}`,
        '',
        table(models),
        '',
        `Accuracy vs number of key–value pairs (trained at K = ${trainedK}, tested at every K on 500 held-out examples):`,
        '',
        `| model | ${Ks.map((K) => `K=${K}`).join(' | ')} |`,
        `|---|${Ks.map(() => '---').join('|')}|`,
        ...models.map(
          (m) =>
            `| \`${m.id}\` | ${Ks.map((K) => {
              const p = m.log.pairsSweep?.find((q) => q.numKvPairs === K);
              return p ? pct(p.accuracy) : '–';
            }).join(' | ')} |`,
        ),
        '',
        figure(
          `pairs-${slug}.svg`,
          linePlot(
            models.map((m) => ({
              name: short(m.id),
              points: (m.log.pairsSweep ?? []).map((p) => [p.numKvPairs, p.accuracy] as [number, number]),
            })),
            {
              title: `Accuracy vs key–value pairs — ${label}`,
              xLabel: 'key–value pairs K',
              yLabel: 'accuracy',
              xLog2: true,
            },
          ),
          `MQAR accuracy against the number of key–value pairs, ${label}, one line per model`,
        ),
        '',
        figure(
          `state-${slug}.svg`,
          linePlot(
            models.map((m) => ({ name: short(m.id), points: [[m.log.stateBytes, m.log.test.accuracy]] })),
            {
              title: `Accuracy vs inference state — ${label}`,
              xLabel: 'state size in bytes (log₂)',
              yLabel: 'held-out accuracy',
              xLog2: true,
              scatter: true,
            },
          ),
          `Held-out MQAR accuracy against bytes of inference state, ${label}, one point per model`,
        ),
      ].join('\n'),
    );
  }
  sections.push(...trainedPerK(mqar, figure));
  const withLength = shipped.filter((m) => m.log.lengthSweep);
  if (withLength.length > 0)
    sections.push(
      [
        '### Induction heads: trained at L = 64, tested longer',
        '',
        figure(
          'induction-length.svg',
          linePlot(
            withLength.map((m) => ({
              name: m.log.architecture,
              points: (m.log.lengthSweep ?? []).map((p) => [p.seqLen, p.accuracy] as [number, number]),
            })),
            {
              title: 'Induction heads: accuracy vs test length',
              xLabel: 'sequence length',
              yLabel: 'accuracy',
              xLog2: true,
            },
          ),
          'Induction-heads accuracy against test length',
        ),
      ].join('\n'),
    );
  if (shipped.length > 0)
    sections.push(
      [
        '### Training curves (validation accuracy)',
        '',
        figure(
          'training-curves.svg',
          linePlot(
            shipped.map((m) => ({
              name: m.id.replace(/-d\d+-s1$/, ''),
              points: m.log.validation.map((v) => [v.step, v.accuracy] as [number, number]),
            })),
            { title: 'Validation accuracy during training', xLabel: 'step', yLabel: 'accuracy' },
          ),
          'Validation accuracy against training step for every shipped model',
        ),
      ].join('\n'),
    );
  const generated = sections.length > 0 ? sections.join('\n\n') : '_No trained models are shipped yet._';
  const headline = headlineSection(headlineInput(root, everything.filter(isHeadline), options));
  for (const f of headline.figures) writeFileSync(join(docs, 'figures', f.name), f.svg);
  const path = join(docs, 'results.md');
  let doc = readFileSync(path, 'utf8');
  doc = between(doc, HEADLINE_START, HEADLINE_END, headline.markdown, path);
  writeFileSync(path, between(doc, START, END, generated, path));
}
