/**
 * Test projects (run one at a time by `npm test`, see package.json):
 *  - unit:     pure TypeScript in Node (simulations/, app logic, scripts).
 *  - kernels:  WGSL kernels against the CPU reference in Node, on Dawn + SwiftShader.
 *  - browser:  the same kernel tests plus component tests, in real Chromium with WebGPU (vitest browser mode).
 *  - stories:  every Storybook story rendered and played in Chromium, with axe a11y checks at 'error'.
 */
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './testing/chromium.ts';

const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const browser = {
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: chromiumLaunchOptions }),
  instances: [{ browser: 'chromium' as const }],
  screenshotFailures: false,
};

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // Property tests and the CLI's child processes are slow on a loaded 2-core CI machine.
          testTimeout: 30_000,
          include: ['{simulations,app,components,scripts}/**/*.test.ts'],
          exclude: ['**/*.browser.test.*', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'kernels',
          environment: 'node',
          include: ['kernels/**/*.test.ts'],
          // One fork for all kernel files: pipelines compile once, and Dawn's native threads stay in one process.
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // Cross-origin isolation (SharedArrayBuffer) for the Wasm kernel pool's Web Workers.
        server: { headers: CROSS_ORIGIN_ISOLATION },
        test: {
          name: 'browser',
          include: ['kernels/**/*.gpu.test.ts', '{simulations,components,app}/**/*.browser.test.{ts,tsx}'],
          browser,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'stories',
          browser,
          testTimeout: 30_000,
        },
      },
    ],
  },
});
