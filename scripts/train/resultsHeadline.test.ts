import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../simulations/model/config';
import { initParams } from '../../simulations/model/params';
import { architecturePreset } from '../../simulations/model/presets';
import { RECALL_LAYOUTS } from '../../simulations/tasks/recallMixture';
import type { TaskSpec } from '../../simulations/training/taskData';
import { writeModelDirectory } from '../cli/modelDirectory';
import type { FreshResult } from './freshEvaluation';
import { stateBytes } from './modelIndex';
import { writeResults } from './results';
import {
  type HeadlineModel,
  headlineSection,
  isHeadlineSynthetic,
  isRecallMixture,
  type ShippedLog,
  sizeSuffix,
  stayedOnPlateau,
  uniformStateBytes,
} from './resultsHeadline';

const RECALL: TaskSpec = {
  kind: 'mqar',
  vocabSize: 128,
  seqLen: 64,
  numKvPairs: 16,
  numKvPairsMix: [1, 2, 4, 8, 16],
  layouts: [...RECALL_LAYOUTS],
};

function config(
  arch: string,
  size: { window?: number; featureDim?: number; dState?: number } = {},
): ModelConfig {
  const c = architecturePreset(arch, {
    vocabSize: 128,
    dModel: 64,
    maxSeqLen: 64,
    window: size.window ?? 16,
  });
  for (const layer of c.layers) {
    const mixer = layer.mixer as Record<string, unknown>;
    if (size.featureDim !== undefined && mixer.kind === 'linearAttention') mixer.featureDim = size.featureDim;
    if (size.dState !== undefined && 'dState' in mixer) mixer.dState = size.dState;
  }
  return c;
}

/** A fixture train-log as main.ts writes it. */
function log(
  architecture: string,
  model: ModelConfig,
  { task = RECALL, steps = 20_000, stepsRun = 3000, stoppedEarly = true, from = '' } = {},
): ShippedLog {
  return {
    architecture,
    settings: {
      model,
      task,
      seed: 1,
      steps,
      batchSize: 64,
      learningRate: 3e-3,
      weightDecay: 0.1,
      warmupSteps: 200,
      clipNorm: 1,
      evalEvery: 500,
      validationExamples: 256,
      testExamples: 1000,
      earlyStopAccuracy: 0.99,
      ...(from ? { initializedFrom: from } : {}),
    },
    steps: [],
    validation: [{ step: 500, accuracy: 0.5, loss: 1 }],
    stepsRun,
    stoppedEarly,
    wallSeconds: 60,
    tokensPerSecond: 1000,
    test: { accuracy: 0.9, loss: 0.1, examples: 1000, seed: 131076 },
    stateBytes: stateBytes(model, 64),
  };
}

/** Fresh results: accuracy `acc(K)` per K, 0.8 per layout. */
function fresh(acc: (K: number) => number): FreshResult[] {
  return [
    ...[1, 2, 4, 8, 16].map((K) => ({
      label: `K=${K}`,
      numKvPairs: K,
      seed: 0,
      examples: 500,
      accuracy: acc(K),
    })),
    ...RECALL_LAYOUTS.map((label) => ({ label, seed: 0, examples: 500, accuracy: 0.8 })),
  ];
}

const stage1 = (stepsRun: number, stoppedEarly: boolean) =>
  log('x', config('attention'), {
    steps: 8000,
    stepsRun,
    stoppedEarly,
    task: { ...RECALL, numKvPairsMix: undefined, layouts: undefined, numKvPairs: 4 },
  });

function model(
  id: string,
  arch: string,
  size: Parameters<typeof config>[1],
  acc: (K: number) => number,
): HeadlineModel {
  const c = config(arch, size);
  return {
    id,
    log: log(arch, c, { from: `checkpoints/curriculum/${id}-stage1` }),
    config: c,
    stage1: stage1(4500, true),
    fresh: fresh(acc),
  };
}

const learnedAcc = (top: number) => (K: number) => Math.min(1, top + 0.1 / K);
const plateauAcc = (K: number) => 1 / K + 0.01;

describe('the plateau rule', () => {
  it('flags a model whose accuracy at every K ≥ 2 is within 0.05 of 1/K (or below)', () => {
    expect(stayedOnPlateau(fresh((K) => (K === 1 ? 0.99 : 1 / K + 0.04)))).toBe(true);
    expect(stayedOnPlateau(fresh((K) => (K === 1 ? 0.5 : 0.01)))).toBe(true);
    // One K ≥ 2 more than 0.05 above its plateau is enough to have left it.
    expect(stayedOnPlateau(fresh((K) => (K === 2 ? 0.56 : 1 / K)))).toBe(false);
    expect(stayedOnPlateau(fresh(() => 0.99))).toBe(false);
    // K = 1 does not count (the plateau answers K = 1 correctly); no MQAR sets: not judged.
    expect(stayedOnPlateau(fresh((K) => (K === 1 ? 1 : 1 / K)))).toBe(true);
    expect(stayedOnPlateau([{ label: 'induction-heads', seed: 0, examples: 500, accuracy: 0.1 }])).toBe(
      false,
    );
  });
});

describe('state bytes, counted alike', () => {
  it("drops BaseConv layers (short-convolution buffers) and keeps every other layer's card count", () => {
    const based = config('based');
    expect(stateBytes(based, 64) - uniformStateBytes(based, 64)).toBe(4 * 2 * 64);
    for (const arch of ['attention', 'mamba', 'hawk', 'h3', 'sliding-window', 'griffin', 'hyena']) {
      const c = config(arch);
      expect(uniformStateBytes(c, 64)).toBe(stateBytes(c, 64));
    }
  });
});

describe('model kinds and ids', () => {
  it('tells recall-mixture and SYNTHETIC models from the older ones, and reads the size suffix of an id', () => {
    const c = config('attention');
    expect(isRecallMixture(log('attention', c))).toBe(true);
    expect(
      isRecallMixture(
        log('attention', c, { task: { kind: 'mqar', vocabSize: 128, seqLen: 64, numKvPairs: 4 } }),
      ),
    ).toBe(false);
    const induction = log('mamba', config('mamba'), {
      task: { kind: 'induction-heads', vocabSize: 16, seqLen: 64 },
    });
    expect(isHeadlineSynthetic(induction)).toBe(true);
    expect(isHeadlineSynthetic({ ...induction, settings: { ...induction.settings, steps: 1500 } })).toBe(
      false,
    );
    const copying = log('s4d', config('s4d'), {
      task: { kind: 'selective-copying', vocabSize: 16, noiseLength: 64, numTokens: 16 },
    });
    expect(isHeadlineSynthetic(copying)).toBe(true);
    expect(sizeSuffix('sliding-window-mqar-l64-k1-2-4-8-16-mix-d64-w4-s1')).toEqual({
      option: 'window',
      value: 4,
    });
    expect(sizeSuffix('mamba-mqar-l64-k1-2-4-8-16-mix-d64-n64-s1')).toEqual({ option: 'dState', value: 64 });
    expect(sizeSuffix('based-mqar-l64-k1-2-4-8-16-mix-d64-s1')).toBeUndefined();
  });
});

describe('headlineSection on fixture logs', () => {
  const id = (arch: string, size = '') => `${arch}-mqar-l64-k1-2-4-8-16-mix-d64${size}-s1`;
  const models = [
    model(id('mamba'), 'mamba', {}, learnedAcc(0.7)),
    model(id('mamba', '-n4'), 'mamba', { dState: 4 }, learnedAcc(0.5)),
    model(id('mamba', '-n1'), 'mamba', { dState: 1 }, plateauAcc),
    model(id('based'), 'based', {}, learnedAcc(0.9)),
    model(id('hyena'), 'hyena', {}, plateauAcc),
    model(id('attention'), 'attention', {}, () => 0.995),
  ];
  const { markdown, figures } = headlineSection({
    models,
    synthetic: [],
    stage1Only: [{ id: 'gla-mqar-l64-k4-d64-stage1', log: stage1(8000, false) }],
  });
  const section = (title: string) => markdown.split(title)[1]?.split('\n### ')[0] ?? '';

  it('puts the learned headline models in the table, in zoo order, with fresh accuracies and both stages', () => {
    const table = section('### Accuracy on fresh data').split('State-size variants')[0];
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && l.includes('`'));
    expect(rows.map((r) => r.match(/`([^`]+)`/)?.[1])).toEqual([id('attention'), id('mamba'), id('based')]);
    expect(table).toContain(
      '| model | inference state | K=1 | K=2 | K=4 | K=8 | K=16 | interleaved | rebinding | filler |',
    );
    const mamba = rows[1];
    expect(mamba).toContain('mamba N=16');
    expect(mamba).toContain('| 16 KiB |'); // 2 layers × 2·64·16·4 B
    expect(mamba).toContain('| 80.0% | 75.0% | 72.5% | 71.2% | 70.6% |');
    expect(mamba).toContain('4,500 / 8,000 (early stop) | 3,000 / 20,000 (early stop)');
  });

  it('lists the state-size variants apart, and the plateau models only under "did not learn" with their budgets', () => {
    expect(section('State-size variants')).toContain(id('mamba', '-n4'));
    const plateau = section('### Did not learn in 8,000 + 20,000 steps');
    expect(plateau).toContain(id('mamba', '-n1'));
    expect(plateau).toContain(id('hyena'));
    expect(plateau).toContain('K=2 (1/K = 0.500)');
    expect(section('### Accuracy on fresh data')).not.toContain(id('hyena'));
    expect(section('State-size variants')).not.toContain(id('mamba', '-n1'));
  });

  it('draws one frontier per K with a line per family and no plateau model, captioned from the data', () => {
    expect(figures.map((f) => f.name)).toEqual([1, 2, 4, 8, 16].map((K) => `headline-frontier-k${K}.svg`));
    const k16 = figures[4].svg;
    expect(k16).toContain('mamba (N)');
    expect(k16).not.toContain('hyena');
    expect(k16).toContain('plateau 1/K = 0.063');
    // Mamba's two learned sizes make the one line; attention and Based are single points.
    expect(k16.match(/<path d="M[^"]*" fill="none"/g)).toHaveLength(1);
    expect(k16).toContain('>64 KiB</text>');
    expect(markdown).toContain('![Fresh MQAR accuracy at K = 16');
    expect(markdown).toMatch(
      /\*K = 16, L = 64, V = 128, budget ≤ 8,000 \+ 20,000 steps at batch 64: 4 models, states 4 KiB–64 KiB\. Best: attention 99\.5% \(64 KiB\)\./,
    );
    expect(markdown).toContain('Not shown: 2 that did not learn.');
  });

  it("says how state is counted, where it differs from the log, what is still training, and the papers' numbers", () => {
    expect(markdown).toContain('Short-\nconvolution buffers are counted for none');
    expect(markdown).toContain(`\`${id('based')}\` (39.3 KiB logged, 38.8 KiB here)`);
    expect(markdown).toContain('`gla-mqar-l64-k4-d64-stage1` (8,000 / 8,000 steps');
    expect(markdown).toContain('No headline model yet: attention-rope, hawk, gla');
    expect(markdown).toContain('attention 99.5% / 99.5% / 99.5%; h3: not trained yet; hyena: did not learn');
    expect(markdown).toContain('mamba: N=4 (4 KiB) 50.6%, N=16 (16 KiB) 70.6% — rises with state');
  });

  it('reports induction heads at 1×–8× the training length, with where learned positions stop', () => {
    const c = architecturePreset('attention', { vocabSize: 16, dModel: 64, maxSeqLen: 512 });
    const l = log('attention', c, { task: { kind: 'induction-heads', vocabSize: 16, seqLen: 64 } });
    l.lengthSweep = [64, 128, 256, 512].map((seqLen, i) => ({ seqLen, accuracy: 1 - i / 4 }));
    const small = architecturePreset('attention', { vocabSize: 16, dModel: 64, maxSeqLen: 256 });
    const l2 = {
      ...log('attention', small, { task: { kind: 'induction-heads', vocabSize: 16, seqLen: 64 } }),
    };
    l2.lengthSweep = [64, 128, 256].map((seqLen) => ({ seqLen, accuracy: 1 }));
    const induction = (m: string, cfg: ModelConfig, lg: ShippedLog): HeadlineModel => ({
      id: m,
      log: lg,
      config: cfg,
      fresh: [{ label: 'induction-heads', seed: 0, examples: 500, accuracy: 0.97 }],
    });
    const out = headlineSection({
      models: [],
      synthetic: [induction('attention-induction-heads-l64-d64-s1', c, l), induction('short', small, l2)],
      stage1Only: [],
    }).markdown;
    expect(out).toContain('### Induction heads: trained at L = 64, tested at 2×, 4×, 8×');
    expect(out).toContain(
      '| `attention-induction-heads-l64-d64-s1` | learned, table of 512; rows ≥ 64 never trained | 100.0% | 75.0% | 50.0% | 25.0% | 97.0% |',
    );
    expect(out).toContain('– (past its 256 positions)');
    expect(out).toContain('MHA-Abs: 58.6 / 26.6 / 18.8%');
  });
});

describe('writeResults with a headline model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'results-headline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills the headline markers from a model directory and leaves the older section to the older models', () => {
    const root = join(dir, 'models');
    const docs = join(dir, 'docs');
    const curriculum = join(dir, 'curriculum');
    mkdirSync(join(docs, 'figures'), { recursive: true });
    const tiny = architecturePreset('hawk', { vocabSize: 128, dModel: 8, maxSeqLen: 64 });
    const mid = 'hawk-mqar-l64-k1-2-4-8-16-mix-d8-s1';
    writeModelDirectory(join(root, mid), tiny, initParams(tiny, 1));
    const stage1Dir = join(curriculum, 'hawk-mqar-l64-k4-d8-stage1');
    writeModelDirectory(stage1Dir, tiny, initParams(tiny, 1));
    writeFileSync(join(stage1Dir, 'train-log.json'), JSON.stringify(stage1(8000, false)));
    writeFileSync(join(root, mid, 'train-log.json'), JSON.stringify(log('hawk', tiny, { from: stage1Dir })));
    writeFileSync(
      join(docs, 'results.md'),
      '# Results\n\n<!-- headline:start -->\nold\n<!-- headline:end -->\n\n## Older\n\n<!-- generated:start -->\nold\n<!-- generated:end -->\n\nprose\n',
    );
    const lines: string[] = [];
    writeResults(root, docs, { curriculum, cache: false, freshExamples: 8, progress: (l) => lines.push(l) });
    const page = readFileSync(join(docs, 'results.md'), 'utf8');
    // An untrained model is on the plateau: listed under "did not learn", with both stages' steps.
    expect(page).toContain('### Did not learn in 8,000 + 20,000 steps');
    expect(page).toMatch(
      new RegExp(`\`${mid}\` \\| 64 B \\|.*\\| 8,000 / 8,000 \\| 3,000 / 20,000 \\(early stop\\) \\|`),
    );
    expect(page).toContain(
      '<!-- generated:start -->\n_No trained models are shipped yet._\n<!-- generated:end -->\n\nprose\n',
    );
    expect(page.indexOf('## Headline')).toBeLessThan(page.indexOf('## Older'));
    expect(lines.some((l) => l.includes(`fresh evaluation of ${mid}`))).toBe(true);
  });
});
