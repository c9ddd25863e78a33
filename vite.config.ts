import mdx from '@mdx-js/rollup';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The app: built to dist/ with a relative base, so it can be hosted under any path (offline: `npm run talk`). */
export default defineConfig({
  root: 'app',
  base: './',
  publicDir: '../public',
  plugins: [
    // The chapters (app/**/*.mdx) only: Storybook also reads this config and compiles its own stories/*.mdx.
    { enforce: 'pre', ...mdx({ include: /[\\/]app[\\/].*\.mdx$/, providerImportSource: undefined }) },
    react({ include: /\.(mdx|jsx|tsx|ts|js)$/ }),
  ],
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
