/**
 * The one-way layer rule (biome.json → noRestrictedImports per folder) must bite: each forbidden import below
 * is linted as if it were written in that layer, and Biome must reject it; each allowed one must pass.
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
];

const allowed: [file: string, specifier: string][] = [
  ['kernels/x/a.ts', '../../simulations/attention/causalSoftmaxAttention'],
  ['components/X/a.tsx', '../../simulations/random/rng'],
  ['components/X/a.tsx', 'd3'],
  ['stories/a.stories.tsx', '../components/index'],
  ['app/a.ts', '../kernels/attention/causalAttention'],
  ['app/a.ts', 'zustand'],
];

describe('layer import rule', () => {
  for (const [file, specifier] of forbidden) {
    it(`rejects ${specifier} in ${file.split('/')[0]}/`, () => {
      const { ok, output } = lint(file, `import * as m from '${specifier}';\nexport const x = m;\n`);
      expect(ok, output).toBe(false);
      expect(output).toContain('noRestrictedImports');
    });
  }
  for (const [file, specifier] of allowed) {
    it(`allows ${specifier} in ${file.split('/')[0]}/`, () => {
      const { ok, output } = lint(file, `import * as m from '${specifier}';\nexport const x = m;\n`);
      expect(ok, output).toBe(true);
    });
  }
});
