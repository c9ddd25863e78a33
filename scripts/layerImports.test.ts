/**
 * The one-way layer rule (biome.json → noRestrictedImports per folder) must bite: each forbidden import below
 * is linted as if it were written in that layer, and Biome must reject it; each allowed one must pass. The same
 * holds for the app's own floors (app/domain → app/inference, app/compute, app/workers → app/state, app/router →
 * the pages: app/playground, app/learn, app/talk, app/pages, app/layout), and the real app/ folder must have no
 * upward arrow (on the tree before issue 19's move, that check found 17).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const biome = resolve('node_modules/.bin/biome');
// A scratch project with the real biome.json (minus VCS integration), so fixtures never touch the repository.
const scratch = mkdtempSync(join(tmpdir(), 'layer-lint-'));
const config = JSON.parse(readFileSync('biome.json', 'utf8'));
delete config.vcs;
config.$schema = undefined;
writeFileSync(join(scratch, 'biome.json'), JSON.stringify(config));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lint(filePath: string, source: string): { ok: boolean; output: string } {
  const file = join(scratch, filePath);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  const result = spawnSync(biome, ['lint', '--only=style/noRestrictedImports', filePath], {
    cwd: scratch,
    encoding: 'utf8',
  });
  rmSync(file);
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

const forbidden: [file: string, specifier: string][] = [
  ['simulations/x/a.ts', '../../kernels/runtime/buffers'],
  ['simulations/x/a.ts', '../../components/AttentionMatrix/AttentionMatrix'],
  ['simulations/x/a.ts', 'react'],
  ['simulations/x/a.ts', 'webgpu'],
  ['kernels/x/a.ts', '../../components/index'],
  ['kernels/x/a.ts', '../../app/state/appStore'],
  ['components/X/a.tsx', '../../kernels/attention/causalAttention'],
  ['components/X/a.tsx', '../../app/state/useAppStore'],
  ['components/X/a.tsx', 'zustand'],
  ['stories/a.stories.tsx', '../app/App'],
  ['app/a.ts', '../stories/AttentionMatrix.stories'],
  // The app's floors: nothing below the pages imports a page, nothing below the store imports the store.
  ['app/state/slices/a.ts', '../../playground/RecallTable'],
  ['app/state/a.ts', '../learn/figures/LiveRecallFigure'],
  ['app/router/a.ts', '../layout/Layout'],
  ['app/inference/a.ts', '../playground/PlaygroundPage'],
  ['app/inference/a.ts', '../state/useAppStore'],
  ['app/compute/a.ts', '../pages/LandingPage'],
  ['app/workers/a.ts', '../talk/scenes'],
  ['app/workers/a.ts', '../state/appStore'],
  ['app/domain/a.ts', '../state/appStore'],
  ['app/domain/a.ts', '../inference/readout'],
  ['app/domain/a.ts', '../playground/PlaygroundPage'],
];

const allowed: [file: string, specifier: string][] = [
  ['kernels/x/a.ts', '../../simulations/attention/causalSoftmaxAttention'],
  ['components/X/a.tsx', '../../simulations/random/rng'],
  ['components/X/a.tsx', 'd3'],
  ['stories/a.stories.tsx', '../components/index'],
  ['app/a.ts', '../kernels/attention/causalAttention'],
  ['app/a.ts', 'zustand'],
  ['app/playground/a.tsx', '../state/useAppStore'],
  ['app/playground/a.tsx', '../domain/presets'],
  ['app/playground/a.tsx', '../layout/BackendBadge'],
  ['app/learn/figures/a.tsx', '../../inference/readout'],
  ['app/talk/a.tsx', '../learn/figures/LiveRecallFigure'],
  ['app/state/slices/a.ts', '../../domain/presets'],
  ['app/state/a.ts', '../inference/inferenceClient'],
  ['app/state/a.ts', '../router/routes'],
  ['app/inference/a.ts', '../domain/fetcher'],
  ['app/workers/a.ts', '../inference/inferenceService'],
  ['app/domain/a.ts', '../../simulations/tasks/groundTruth'],
];

describe('layer import rule', () => {
  for (const [file, specifier] of forbidden) {
    it(`rejects ${specifier} in ${file.slice(0, file.lastIndexOf('/'))}/`, () => {
      const { ok, output } = lint(file, `import * as m from '${specifier}';\nexport const x = m;\n`);
      expect(ok, output).toBe(false);
      expect(output).toContain('noRestrictedImports');
    });
  }
  for (const [file, specifier] of allowed) {
    it(`allows ${specifier} in ${file.slice(0, file.lastIndexOf('/'))}/`, () => {
      const { ok, output } = lint(file, `import * as m from '${specifier}';\nexport const x = m;\n`);
      expect(ok, output).toBe(true);
    });
  }
});

describe('the app’s floors in the real tree', () => {
  it('no file below the pages imports a page, and nothing below the store imports the store', () => {
    const result = spawnSync(biome, ['lint', '--only=style/noRestrictedImports', 'app'], {
      encoding: 'utf8',
    });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  });
});
