/**
 * Giving a talk offline, exactly as the README tells a speaker: `npm run talk` (here with --no-open and a free
 * port, since Playwright's config already serves 4173) prints the talk-mode URL; that URL shows scene 1, the
 * keyboard moves to scene 2, and the page asks nothing of any host but 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with the talk-mode URL the command prints; rejects if it exits first. */
function printedUrl(child: ChildProcess, log: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      const m = log.join('').match(/talk mode: (http:\/\/127\.0\.0\.1:\d+\/#\/talk\/1)/);
      if (m) resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => log.push(c.toString()));
    child.once('exit', (code) => reject(new Error(`npm run talk exited (${code}):\n${log.join('')}`)));
  });
}

test('npm run talk serves the built site on 127.0.0.1 and talk mode works from its URL', async ({ page }) => {
  // A few seconds after `npm run test:e2e`'s build; if a source changed since, the command rebuilds dist/ first
  // (about 30 s on 2 busy cores), which the default 60 s would leave too little room for.
  test.setTimeout(120_000);
  const port = await freePort();
  // Its own process group, so the whole npm → node tree goes when the test ends.
  const child = spawn('npm', ['run', 'talk', '--', '--no-open', '--port', String(port)], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  try {
    const url = await printedUrl(child, log);
    expect(url).toBe(`http://127.0.0.1:${port}/#/talk/1`);

    const errors: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (u.startsWith('data:') || u.startsWith('blob:')) return;
      if (new URL(u).hostname !== '127.0.0.1') foreign.push(u);
    });

    await page.goto(url);
    const talk = page.getByTestId('talk');
    await expect(talk).toHaveAttribute('data-scene', '1');
    await expect(page.getByRole('region', { name: /^Scene 1 of \d+$/ })).toBeVisible();
    const first = await page.getByRole('heading', { level: 1 }).textContent();
    expect(first).toBeTruthy();

    await page.keyboard.press('ArrowRight');
    await expect(talk).toHaveAttribute('data-scene', '2');
    await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#/talk/2$`));
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(first ?? '');

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  } finally {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    }
  }
});
