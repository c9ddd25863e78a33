/**
 * `npx tsx scripts/screenshot.ts <url> <out.png> [width] [height]`: a full-page screenshot in Debian's Chromium
 * with WebGPU, for the README and for looking at what we built. Start `npm run preview` (or `npm start`) first.
 */
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../testing/chromium';

const [url = 'http://127.0.0.1:4173/', out = 'docs/screenshot.png', width = '1100', height = '900'] =
  process.argv.slice(2);
const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  await page.goto(url);
  await page.waitForSelector('[data-testid="attention-matrix"]', { timeout: 30_000 });
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="backend-badge"]')?.getAttribute('data-backend') !== 'starting',
  );
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
