/** The CLI end to end, as a user runs it: JSON on stdout, errors on stderr with a non-zero exit. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initParams } from '../../simulations/model/params';
import { ARCHITECTURES, architecturePreset } from '../../simulations/model/presets';
import { saveModelWeights } from '../../simulations/weights/modelWeights';

const dir = mkdtempSync(join(tmpdir(), 'cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[], input?: string) => {
  const r = spawnSync('node_modules/.bin/tsx', ['scripts/cli/main.ts', ...args], { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('cli', () => {
  const model = join(dir, 'attn');

  it('init → info → gen | eval → run on a randomly initialised model', { timeout: 60_000 }, () => {
    const init = cli([
      'init',
      '--arch',
      'attention',
      '--vocab',
      '128',
      '--d',
      '32',
      '--L',
      '64',
      '--seed',
      '1',
      '--out',
      model,
    ]);
    expect(init.status, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ arch: 'attention', trained: false });

    const info = JSON.parse(cli(['info', '--model', model]).stdout);
    expect(info.parameters).toBe(128 * 32 + 64 * 32 + 2 * (2 * 32 + 4 * 32 * 32 + 4 * 32 + 2 * 32) + 2 * 32);
    expect(info.stateSizeBytes).toBe(2 * 4 * 2 * 32 * 64); // 2 layers of K and V caches at L = 64
    expect(info.costModel.stateBytes).toBe(info.stateSizeBytes);

    const gen = cli([
      'gen',
      '--task',
      'mqar',
      '--vocab',
      '128',
      '--L',
      '64',
      '--K',
      '4',
      '--n',
      '50',
      '--seed',
      '5',
    ]);
    expect(gen.status, gen.stderr).toBe(0);
    const lines = gen.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(50);
    expect(lines[0].inputs.length).toBe(64);

    const evaluation = cli(['eval', '--model', model, '--data', '-'], gen.stdout);
    expect(evaluation.status, evaluation.stderr).toBe(0);
    const { accuracy, n } = JSON.parse(evaluation.stdout);
    expect(n).toBe(50);
    // Untrained: far below what a trained model reaches; chance is 1/64 per query.
    expect(accuracy).toBeLessThan(0.1);

    const run = JSON.parse(cli(['run', '--model', model, '--tokens', '3,70,5,71,3', '--trace']).stdout);
    expect(run.predictions.length).toBe(5);
    expect(run.logits[0].length).toBe(128);
    expect(run.trace[0].attentionArgmax[0][0]).toBe(0);
  });

  it('runs and describes a random-init model of every architecture and hybrid', () => {
    for (const arch of ARCHITECTURES.filter((a) => a !== 'attention')) {
      const dir = join(model, '..', arch);
      const init = cli([
        'init',
        '--arch',
        arch,
        '--vocab',
        '64',
        '--d',
        '16',
        '--L',
        '32',
        '--window',
        '4',
        '--out',
        dir,
      ]);
      expect(init.status, `${arch}: ${init.stderr}`).toBe(0);
      const run = cli(['run', '--model', dir, '--tokens', '1,40,2,41,1', '--trace']);
      expect(run.status, `${arch}: ${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout).predictions.length).toBe(5);
      const info = JSON.parse(cli(['info', '--model', dir]).stdout);
      expect(info.stateSizeBytes, arch).toBe(info.costModel.stateBytes);
    }
  }, 120_000);

  it('fails with a message on stderr and nothing on stdout', { timeout: 60_000 }, () => {
    const bad = cli(['gen', '--task', 'mqar', '--vocab', '64', '--L', '64', '--K', '4']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/vocabSize must exceed seqLen/);
    expect(cli(['frobnicate']).status).toBe(2);
    const data = join(dir, 'bad.jsonl');
    writeFileSync(data, '{"inputs":[1,2],"labels":[-100,3]}\nnot json\n');
    const e = cli(['eval', '--model', model, '--data', data]);
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/line 2: not valid JSON/);
    expect(cli(['run', '--model', join(dir, 'missing'), '--tokens', '1']).stderr).toMatch(
      /config\.json does not exist/,
    );
  });

  it('refuses a model directory the load-time validator rejects: exit 1, the field or tensor on stderr', {
    timeout: 60_000,
  }, () => {
    // As a user runs it: through npm.
    const npmCli = (args: string[]) => {
      const r = spawnSync('npm', ['run', '-s', 'cli', '--', ...args], { encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const config = architecturePreset('attention', { vocabSize: 16, dModel: 8, maxSeqLen: 8 });
    const params = initParams(config, 1);
    const write = (name: string, json: unknown, weights: Uint8Array) => {
      const out = join(dir, name);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'config.json'), JSON.stringify(json));
      writeFileSync(join(out, 'model.safetensors'), weights);
      return out;
    };
    const shaped = write('bad-layers', { ...config, layers: 'x' }, saveModelWeights(config, params));
    const info = npmCli(['info', '--model', shaped]);
    expect(info.status).toBe(1);
    expect(info.stdout).toBe('');
    expect(info.stderr.trim()).toBe(
      `${shaped}/config.json: config.layers: expected a non-empty array of layer objects, got the string "x"`,
    );

    const w = params.get('layers.0.mixer.W_qkv') as Float32Array;
    w[3] = Number.NaN;
    w[4] = Number.POSITIVE_INFINITY;
    const nan = write('nan-weights', config, saveModelWeights(config, params));
    for (const args of [['info'], ['run', '--tokens', '1,2,3']]) {
      const r = npmCli([...args, '--model', nan]);
      expect(r.status, args[0]).toBe(1);
      expect(r.stderr.trim(), args[0]).toBe(
        `${nan}/model.safetensors: 2 non-finite values (NaN ×1, +Inf ×1) in layers.0.mixer.W_qkv`,
      );
    }
  });
});
