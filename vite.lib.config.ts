/**
 * `npm run build:lib`: components/ as an ESM library in dist-lib/ — index.js (+ style.css, source maps) here,
 * .d.ts types from `tsc -p tsconfig.lib.json`, and a package.json whose React, ReactDOM, three and
 * @react-three/fiber are peer dependencies. Every bare import stays external; simulations/ code that the
 * components use is bundled.
 */
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
  license: string;
  description: string;
  dependencies: Record<string, string>;
};
const PEERS = ['react', 'react-dom', 'three', '@react-three/fiber'];
const range = (name: string) => `^${root.dependencies[name]}`;

/** Emits dist-lib/package.json: the library's manifest, versions taken from the app's package.json. */
function libraryManifest(): Plugin {
  return {
    name: 'beyond-attention-library-manifest',
    generateBundle() {
      const manifest = {
        name: 'beyond-attention-components',
        version: root.version,
        description: `${root.description} — the visualisation components.`,
        license: root.license,
        type: 'module',
        sideEffects: ['*.css'],
        module: './index.js',
        types: './types/components/index.d.ts',
        exports: {
          '.': { types: './types/components/index.d.ts', import: './index.js' },
          './style.css': './style.css',
        },
        peerDependencies: Object.fromEntries(PEERS.map((p) => [p, range(p)])),
        dependencies: { d3: range('d3') },
      };
      this.emitFile({
        type: 'asset',
        fileName: 'package.json',
        source: `${JSON.stringify(manifest, null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), libraryManifest()],
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist-lib',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: 'components/index.ts',
      formats: ['es'],
      fileName: () => 'index.js',
      cssFileName: 'style',
    },
    rollupOptions: {
      // bare specifiers (react, d3, three, …) are the consumer's; relative ones (components/, simulations/) are ours
      external: (id) =>
        !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !/^[A-Za-z]:/.test(id),
    },
  },
});
