import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The app: built to dist/ with a relative base, so it can be hosted under any path or opened offline. */
export default defineConfig({
  root: 'app',
  base: './',
  publicDir: '../public',
  plugins: [react()],
  build: { outDir: '../dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
