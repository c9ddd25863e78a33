/**
 * `npm run bench -- app`: what a visitor pays, measured on the built site (`vite build`, served by `vite preview`):
 *  - the landing page's JavaScript: every script the built index.html loads or preloads, raw and gzip;
 *  - the playground's edit-to-readout latency: from filling the sequence box to the recall table showing the
 *    readout of the new sequence for three models (median of 7 edits), in Chromium with WebGPU (SwiftShader
 *    here) and with WebGPU disabled (the Wasm SIMD CPU path).
 * Nothing is asserted; results go to docs/performance.md.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../testing/chromium';

const PORT = 4174;
const MODELS = ['attention-mqar-l16-k2-d32-long', 'based-mqar-l16-k2-d32-s1', 'mamba-mqar-l16-k2-d32-s1'];
const EDITS = [
  'ant 3 bee 5 _ _ _ _ _ _ bee _ ant _ _ _',
  'ant 3 bee 5 ant 7 _ _ _ _ bee _ ant _ _ _',
  'cat 2 bee 5 _ _ _ _ _ _ cat _ bee _ _ _',
];

function landingScripts(dist: string): { file: string; raw: number; gzip: number }[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(files)].map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not start at ${url}`);
}

async function editLatency(args: string[]): Promise<{ median: number; backend: string }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
  try {
    const page = await browser.newPage();
    const query = `v=1&p=free&seed=1&s=${EDITS[0].replaceAll(' ', '+')}&m=${MODELS.join(',')}`;
    await page.goto(`http://127.0.0.1:${PORT}/#/playground?${query}`);
    // The readout is ready for `text` when the recall table names that sequence (data-for), no run is pending
    // and every model's score shows "n / m".
    const done = (text: string) =>
      page.waitForFunction(
        ([t, models]) => {
          const el = document.querySelector('[data-testid="recall-table"]');
          if (el?.getAttribute('data-for') !== t || el.getAttribute('data-pending') !== '0') return false;
          return models.every((m) => {
            const score = document.querySelector(`[data-testid="score-${m}"]`)?.textContent ?? '';
            return score.includes('/') && !score.includes('unanswered');
          });
        },
        [text, MODELS] as const,
        { timeout: 120_000 },
      );
    await done(EDITS[0]);
    const times: number[] = [];
    for (let i = 1; i <= 7; i++) {
      const text = EDITS[i % EDITS.length];
      const start = Date.now();
      await page.getByTestId('play-sequence').fill(text);
      await done(text);
      times.push(Date.now() - start);
    }
    times.sort((a, b) => a - b);
    const backend = (await page.getByTestId('playground-backend').getAttribute('data-backend')) ?? '?';
    return { median: times[Math.floor(times.length / 2)], backend };
  } finally {
    await browser.close();
  }
}

export async function runAppBench(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  const scripts = landingScripts('dist');
  console.log('Landing page JavaScript (what index.html loads and preloads):');
  console.log('| file | bytes | gzip |');
  console.log('|---|---|---|');
  for (const s of scripts) console.log(`| ${s.file} | ${s.raw} | ${s.gzip} |`);
  const total = scripts.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), {
    raw: 0,
    gzip: 0,
  });
  console.log(`| **total** | ${total.raw} | **${(total.gzip / 1024).toFixed(1)} KiB** |`);

  let server: ChildProcess | undefined;
  try {
    server = spawn(
      'npx',
      ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
      {
        stdio: 'ignore',
        detached: true,
      },
    );
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    const gpu = await editLatency(CHROMIUM_ARGS);
    const cpu = await editLatency([
      ...CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'),
      '--disable-features=WebGPU',
    ]);
    console.log(`\nPlayground edit → readout of ${MODELS.length} models (median of 7 edits):`);
    console.log('| Chromium | backend used | ms |');
    console.log('|---|---|---|');
    console.log(`| WebGPU on (SwiftShader here) | ${gpu.backend} | ${gpu.median} |`);
    console.log(`| WebGPU disabled | ${cpu.backend} | ${cpu.median} |`);
  } finally {
    if (server?.pid) process.kill(-server.pid);
  }
}
