/**
 * `npm run -s train -- --results`: regenerates the measured part of docs/results.md (between the
 * `generated` markers) and the SVG figures in docs/figures/ from public/models/*\/train-log.json.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainLog } from '../../simulations/training/trainer';
import { linePlot } from './svgPlot';

interface ShippedLog extends TrainLog {
  architecture: string;
  stateBytes: number;
  pairsSweep?: { numKvPairs: number; accuracy: number }[];
  lengthSweep?: { seqLen: number; accuracy: number }[];
}

interface Shipped {
  id: string;
  log: ShippedLog;
}

const START = '<!-- generated:start -->';
const END = '<!-- generated:end -->';

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

export function writeResults(root = 'public/models', docs = 'docs'): void {
  const shipped = readShipped(root);
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
  const path = join(docs, 'results.md');
  const doc = readFileSync(path, 'utf8');
  const [before, rest] = doc.split(START);
  const after = rest?.split(END)[1];
  if (after === undefined) throw new Error(`${path} lacks the ${START} … ${END} markers`);
  writeFileSync(path, `${before}${START}\n${generated}\n${END}${after}`);
}
