/**
 * `npx tsx scripts/storybookScreenshots.ts [storybook-static] [docs/screenshots]`: screenshots of the built
 * Storybook's pages for the attention matrix, the scan tree, the state evolution and the 3D view, to look at
 * (and the T = 1024 stories of the 3D views and the sequence editor).
 * Run `npm run build-storybook` first. Serves the static site itself on a free local port (under a sub-path,
 * `/sb/`, so a story that fetches `/models/…` by an absolute path shows up as broken), opens each page in
 * Debian's Chromium (WebGL on SwiftShader) and writes `storybook-<name>.png`. Each shot is a story's docs page
 * (title, description, the primary story, its controls) cut at `height` pixels, or a single story's canvas.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../testing/chromium';

const [root = 'storybook-static', outDir = 'docs/screenshots'] = process.argv.slice(2);
const BASE = '/sb/';

interface Shot {
  /** File name part: storybook-<name>.png. */
  name: string;
  /** Story id (`visualisations-attentionmatrix--induction-head`) or docs id (`…--docs`). */
  id: string;
  /** 'docs': the component's docs page; 'story': one story's canvas. */
  mode: 'docs' | 'story';
  /** Waited for before the shot (inside the page). */
  ready: string;
  /** Viewport and clip height (CSS pixels). */
  width: number;
  height: number;
  /** Optional: interact before the shot (e.g. step the primary story to a later level). */
  prepare?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  {
    name: 'attention-matrix',
    id: 'visualisations-attentionmatrix--docs',
    mode: 'docs',
    ready: '[data-testid="attention-matrix"]',
    width: 1100,
    height: 1250,
  },
  {
    name: 'scan-tree',
    id: 'visualisations-scantree--docs',
    mode: 'docs',
    ready: '[data-testid="scan-tree"]',
    width: 1100,
    height: 1300,
    // The primary story opens at level 0 (nothing combined yet): run two levels so the circuit shows values.
    prepare: async (page) => {
      const step = page.getByRole('button', { name: /^Step/ }).first();
      await step.click();
      await step.click();
    },
  },
  {
    name: 'state-evolution',
    id: 'visualisations-hiddenstateevolution--docs',
    mode: 'docs',
    ready: '[data-testid="state-evolution"]',
    width: 1100,
    height: 1400,
  },
  {
    name: '3d',
    id: 'visualisations-attention3d--docs',
    mode: 'docs',
    ready: '[data-testid="attention-3d"][data-mode="3d"] canvas',
    width: 1100,
    height: 1300,
  },
  {
    name: '3d-t1024',
    id: 'visualisations-attention3d--t-1024',
    mode: 'story',
    ready: '[data-testid="attention-3d"][data-mode="3d"] canvas',
    width: 760,
    height: 640,
    // its play turned the view; 0 resets it to the default angle
    prepare: async (page) => {
      await page.getByRole('application').focus();
      await page.keyboard.press('0');
    },
  },
  {
    name: 'state-volume-t1024',
    id: 'visualisations-statevolume3d--t-1024',
    mode: 'story',
    ready: '[data-testid="state-volume-3d"][data-mode="3d"] canvas',
    width: 760,
    height: 640,
  },
  {
    name: 'sequence-editor-t1024',
    id: 'visualisations-sequenceeditor--t-1024-keyboard',
    mode: 'story',
    ready: '[data-testid="sequence-editor"] .ba-seq-editor__chip',
    width: 900,
    height: 560,
    // Jump to the last token by keyboard, as the play test does: the window follows the focus.
    prepare: async (page) => {
      await page.locator('.ba-seq-editor__chip[data-index="0"]').focus();
      await page.keyboard.press('End');
    },
  },
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

// The static site under BASE; anything outside it is a 404 (that is the point of the sub-path).
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (!path.startsWith(BASE)) {
    // the browser's own /favicon.ico aside, a request outside BASE is a story using an absolute path
    if (path !== '/favicon.ico') console.warn(`404 outside ${BASE}: ${path}`);
    res.writeHead(404).end();
    return;
  }
  let file = join(root, normalize(path.slice(BASE.length)).replace(/^(\.\.[/\\])+/, ''));
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}`;

const browser = await chromium.launch({
  ...chromiumLaunchOptions,
  args: [...chromiumLaunchOptions.args, '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  headless: true,
});
try {
  const only = process.env.SHOTS?.split(',');
  for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    page.on('pageerror', (e) => console.warn(`${shot.name}: page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico'))
        console.warn(`${shot.name}: console: ${m.text()}`);
    });
    await page.goto(`${origin}iframe.html?id=${shot.id}&viewMode=${shot.mode}`);
    await page.waitForSelector(shot.ready, { timeout: 60_000 });
    if (shot.mode === 'story') {
      // a story's canvas runs its play function: let it finish before preparing and shooting
      await page.waitForFunction(
        () => {
          const preview = (window as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } })
            .__STORYBOOK_PREVIEW__;
          const phase = preview?.currentRender?.phase;
          return (
            phase === undefined ||
            ['completing', 'completed', 'finished', 'played', 'errored', 'aborted'].includes(phase)
          );
        },
        undefined,
        { timeout: 60_000 },
      );
    }
    if (shot.prepare) await shot.prepare(page);
    // Let canvases, WebGL frames and fonts settle.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(2500);
    const out = join(outDir, `storybook-${shot.name}.png`);
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: shot.width, height: shot.height } });
    console.log(`wrote ${out}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
