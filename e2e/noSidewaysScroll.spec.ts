import { expect, type Page, test } from '@playwright/test';
import { CHAPTERS } from '../app/router/routes';

/**
 * No route scrolls sideways: on a phone (390×844) and on desktop screens the page is never wider than the
 * window. Wide figures scale down to their container or scroll inside their own frame (issue 20).
 * Talk scenes are checked only at projector sizes (1280×720 and 1920×1080).
 */
const PAGES: { hash: string; ready: (p: Page) => Promise<void> }[] = [
  { hash: '#/', ready: (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible() },
  ...CHAPTERS.map((c) => ({
    hash: `#/learn/${c.slug}`,
    ready: (p: Page) => expect(p.getByTestId('chapter')).toHaveAttribute('data-chapter', c.slug),
  })),
  {
    hash: '#/playground',
    ready: async (p) => {
      await expect(p.getByTestId('playground')).toBeVisible();
      await expect(p.getByTestId('recall-table')).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    },
  },
  {
    hash: '#/no/such/page',
    ready: (p) => expect(p.getByRole('heading', { name: 'Page not found' })).toBeVisible(),
  },
];

/** The page's width against the window's, and the outermost elements that reach past the right edge. */
async function sideways(page: Page) {
  return page.evaluate(() => {
    const iw = window.innerWidth;
    const offenders: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      const parent = el.parentElement?.getBoundingClientRect();
      if (r.width > 0 && r.right > iw + 0.5 && (!parent || parent.right <= iw + 0.5)) {
        const cls = el.getAttribute('class')?.split(' ')[0];
        offenders.push(
          `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} (right ${Math.round(r.right)} px)`,
        );
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: iw,
      offenders: offenders.slice(0, 10),
    };
  });
}

async function expectNoSidewaysScroll(page: Page, label: string) {
  await page.waitForTimeout(300); // layout after the last render (fonts, figures measuring their box)
  const m = await sideways(page);
  expect(
    m.scrollWidth,
    `${label}: page is ${m.scrollWidth} px wide in a ${m.innerWidth} px window; past the edge: ${m.offenders.join(', ')}`,
  ).toBeLessThanOrEqual(m.innerWidth);
}

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];

for (const vp of VIEWPORTS) {
  test(`no route scrolls sideways at ${vp.width}×${vp.height}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(vp);
    for (const { hash, ready } of PAGES) {
      await page.goto(`./${hash}`);
      await ready(page);
      await expectNoSidewaysScroll(page, `${hash} at ${vp.width}×${vp.height}`);
    }
  });
}

for (const vp of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`no talk scene scrolls sideways at ${vp.width}×${vp.height}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(vp);
    await page.goto('./#/talk/1');
    const label = await page.getByRole('region', { name: /^Scene 1 of \d+$/ }).getAttribute('aria-label');
    const count = Number(/of (\d+)/.exec(label ?? '')?.[1]);
    expect(count).toBeGreaterThan(0);
    for (let n = 1; n <= count; n++) {
      await page.goto(`./#/talk/${n}`);
      await expect(page.getByTestId('talk')).toHaveAttribute('data-scene', String(n));
      await expectNoSidewaysScroll(page, `#/talk/${n} at ${vp.width}×${vp.height}`);
    }
  });
}
