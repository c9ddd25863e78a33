/**
 * `npm run build:lib` builds components/ into dist-lib/ as an ESM library with types and peer dependencies;
 * a separate consumer — a temporary directory that only sees the built files and the repository's
 * node_modules — imports it and renders components to HTML with react-dom/server.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const dist = join(repo, 'dist-lib');
let consumer = '';

const CONSUMER = `
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import * as lib from './beyond-attention-components/index.js';

const tokens = ['ant', '3', 'ant'];
const weights = [1, 0, 0, 0.5, 0.5, 0, 0.1, 0.8, 0.1];
const out = {
  exports: Object.keys(lib).sort(),
  matrix: renderToString(createElement(lib.AttentionMatrix, { weights, tokens, label: 'Consumer head' })),
  flash: renderToString(createElement(lib.FlashAttentionTiling, { seqLen: 16, headDim: 4, sramFloats: 64 })),
};
process.stdout.write(JSON.stringify(out));
`;

describe('the component library build', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', '-s', 'build:lib'], { cwd: repo, stdio: 'pipe', timeout: 170_000 });
    consumer = mkdtempSync(join(tmpdir(), 'ba-lib-consumer-'));
    cpSync(dist, join(consumer, 'beyond-attention-components'), { recursive: true });
    // the consumer resolves react, react-dom, d3, three… from the repository's node_modules, as an app would
    symlinkSync(join(repo, 'node_modules'), join(consumer, 'node_modules'), 'dir');
    writeFileSync(join(consumer, 'package.json'), '{ "type": "module", "private": true }\n');
    writeFileSync(join(consumer, 'consumer.js'), CONSUMER);
  }, 180_000);

  afterAll(() => {
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  it('emits ESM with React, ReactDOM, three and @react-three/fiber as peers, not bundled', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));
    expect(manifest.type).toBe('module');
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual([
      '@react-three/fiber',
      'react',
      'react-dom',
      'three',
    ]);
    const js = readFileSync(join(dist, 'index.js'), 'utf8');
    expect(js).toMatch(/^import .* from "react";$/m);
    expect(js).not.toMatch(/function useState\(|__SECRET_INTERNALS|react\.production/); // React itself is not inside
    expect(existsSync(join(dist, 'style.css'))).toBe(true);
  });

  it('emits .d.ts types for the entry point', () => {
    const types = readFileSync(join(dist, manifest().types), 'utf8');
    expect(types).toMatch(/AttentionMatrix/);
    expect(existsSync(join(dist, 'types/components/AttentionMatrix/AttentionMatrix.d.ts'))).toBe(true);
    const props = readFileSync(join(dist, 'types/components/AttentionMatrix/AttentionMatrix.d.ts'), 'utf8');
    expect(props).toMatch(/weights: Float32Array \| readonly number\[\];/);
  });

  it('a separate consumer imports the built library and renders components to HTML', () => {
    const out = JSON.parse(
      execFileSync('node', ['consumer.js'], { cwd: consumer, encoding: 'utf8', timeout: 60_000 }),
    );
    expect(out.exports).toContain('AttentionMatrix');
    expect(out.exports).toContain('FlashAttentionTiling');
    expect(out.matrix).toMatch(/role="application"[^>]*aria-label="Consumer head: 3 queries × 3 keys"/);
    expect(out.matrix).toContain('data-weight="0.8"');
    expect(out.flash).toContain('data-testid="flash-attention-tiling"');
    expect(out.flash.match(/data-tile="/g)).toHaveLength(16);
    expect(out.flash).toMatch(/Initialised: O = 0, ℓ = 0, m = −∞ written to HBM \(N·d \+ 2N = 96 floats\)/);
  });
});

function manifest(): { types: string } {
  return JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));
}
