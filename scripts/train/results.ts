/**
 * `npm run -s train -- --results`: regenerates the measured part of docs/results.md (between the
 * `generated` markers) and the SVG figures in docs/figures/ from public/models/*\/train-log.json.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainLog } from '../../simulations/training/trainer';
import { linePlot, type Series } from './svgPlot';

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

export function writeResults(root = 'public/models', docs = 'docs'): void {
  const shipped = readShipped(root);
  const mqar = shipped.filter((m) => m.log.settings.task.kind === 'mqar');
  const sections: string[] = [];
  const figure = (name: string, svg: string, alt: string) => {
    writeFileSync(join(docs, 'figures', name), svg);
    return `![${alt}](figures/${name})`;
  };
  for (const [kind, title] of [
    ['mqar', 'MQAR'],
    ['selective-copying', 'Selective copying'],
    ['induction-heads', 'Induction heads'],
  ] as const) {
    const models = shipped.filter((m) => m.log.settings.task.kind === kind);
    if (models.length === 0) continue;
    sections.push(
      `### ${title}\n\n${[...new Set(models.map((m) => taskLabel(m.log)))].join('; ')}\n\n${table(models)}`,
    );
  }
  const withPairs = mqar.filter((m) => m.log.pairsSweep);
  if (withPairs.length > 0) {
    const Ks = [...new Set(withPairs.flatMap((m) => m.log.pairsSweep?.map((p) => p.numKvPairs) ?? []))].sort(
      (a, b) => a - b,
    );
    sections.push(
      [
        '### Accuracy vs number of key–value pairs (each model trained at K = 4, tested at every K; 500 examples each)',
        '',
        `| model | ${Ks.map((K) => `K=${K}`).join(' | ')} |`,
        `|---|${Ks.map(() => '---').join('|')}|`,
        ...withPairs.map(
          (m) =>
            `| \`${m.id}\` | ${Ks.map((K) => {
              const p = m.log.pairsSweep?.find((q) => q.numKvPairs === K);
              return p ? pct(p.accuracy) : '–';
            }).join(' | ')} |`,
        ),
        '',
        figure(
          'accuracy-vs-pairs.svg',
          linePlot(
            withPairs.map((m) => ({
              name: m.id.replace(/-mqar-l\d+-k\d+-d\d+/, '').replace(/-s1$/, ''),
              points: (m.log.pairsSweep ?? []).map((p) => [p.numKvPairs, p.accuracy] as [number, number]),
            })),
            {
              title: 'MQAR accuracy vs key–value pairs (L = 64)',
              xLabel: 'key–value pairs K',
              yLabel: 'accuracy',
            },
          ),
          'MQAR accuracy against the number of key–value pairs, one line per model',
        ),
      ].join('\n'),
    );
    sections.push(
      [
        '### Accuracy vs inference state size (Based Fig. 2 analogue, K = 4)',
        '',
        figure(
          'accuracy-vs-state.svg',
          linePlot(familySeries(mqar), {
            title: 'MQAR accuracy vs inference state (L = 64, K = 4)',
            xLabel: 'state size in bytes (log₂)',
            yLabel: 'accuracy',
            xLog2: true,
          }),
          'MQAR accuracy against the bytes of inference state, one series per architecture family',
        ),
      ].join('\n'),
    );
  }
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

/** One series per architecture family: accuracy at K = 4 against log₂ state bytes. */
function familySeries(models: Shipped[]): Series[] {
  const families = new Map<string, [number, number][]>();
  for (const { log } of models) {
    if (log.settings.task.kind !== 'mqar' || log.settings.task.numKvPairs !== 4) continue;
    const list = families.get(log.architecture) ?? [];
    list.push([log.stateBytes, log.test.accuracy]);
    families.set(log.architecture, list);
  }
  return [...families].map(([name, points]) => ({ name, points }));
}
