/**
 * Talk mode on a projector: every scene fits the screen at 1280×720 and 1920×1080 with no scrolling in either
 * direction (the document, and any scroll container inside the scene), and at 1920×1080 the scene's body text —
 * the point under the title, lists, tables (the recall readouts), captions — is at least 24 px, large enough to
 * read from the back of a room. Set TALK_SCREENSHOTS=before|after to also write docs/screenshots/talk-scene<N>-*.png.
 */
import { expect, type Page, test } from '@playwright/test';

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const MIN_BODY_PX = 24;

interface Fit {
  docOverflowX: number;
  docOverflowY: number;
  /** Inner scroll containers that overflow: a short description and by how much. */
  inner: string[];
  /** Body-text elements under the minimum size: description and px. */
  small: string[];
  minBodyPx: number;
  bodyTexts: number;
}

/** Waits for the scene's live content to settle (the recall readouts answered, the model index loaded). */
async function settle(page: Page) {
  await page.waitForFunction(() => {
    const pending = document.querySelectorAll('[data-testid="recall-table"]:not([data-pending="0"])');
    const loading = document.querySelector('.talk [role="status"]');
    return pending.length === 0 && !loading;
  });
  await page.evaluate(() => document.fonts.ready);
}

function measure(page: Page, minPx: number): Promise<Fit> {
  return page.evaluate((min) => {
    const doc = document.scrollingElement ?? document.documentElement;
    const nameOf = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const inner: string[] = [];
    for (const el of document.querySelectorAll('.talk *')) {
      const s = getComputedStyle(el);
      if (s.display === 'none' || el.closest('.visually-hidden')) continue;
      const scrollsX = /(auto|scroll)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
      const scrollsY = /(auto|scroll)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
      if (scrollsX || scrollsY)
        inner.push(
          `${nameOf(el)}: ${el.scrollWidth - el.clientWidth} px across, ${el.scrollHeight - el.clientHeight} px down`,
        );
    }
    // Body text: HTML elements in the scene with text of their own (SVG chart labels scale with their figure).
    const scene = document.querySelector('.talk-scene');
    const small: string[] = [];
    let minBodyPx = Number.POSITIVE_INFINITY;
    let bodyTexts = 0;
    for (const el of scene?.querySelectorAll('.talk-point, .talk-body *') ?? []) {
      if (el.closest('svg, .visually-hidden, option')) continue;
      const own = [...el.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim(),
      );
      if (!own) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const px = Number.parseFloat(getComputedStyle(el).fontSize);
      bodyTexts++;
      minBodyPx = Math.min(minBodyPx, px);
      if (px < min) small.push(`${nameOf(el)}: ${px} px`);
    }
    return {
      docOverflowX: doc.scrollWidth - window.innerWidth,
      docOverflowY: doc.scrollHeight - window.innerHeight,
      inner,
      small,
      minBodyPx,
      bodyTexts,
    };
  }, minPx);
}

for (const viewport of VIEWPORTS) {
  test(`every talk scene fits ${viewport.width}×${viewport.height} without scrolling`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('./#/talk/1');
    const talk = page.getByTestId('talk');
    await expect(talk).toHaveAttribute('data-scene', '1');
    const count = Number(
      ((await talk.locator('footer span').first().textContent()) ?? '').split('/')[1].trim(),
    );
    const problems: string[] = [];
    for (let n = 1; n <= count; n++) {
      await page.goto(`./#/talk/${n}`);
      await expect(talk).toHaveAttribute('data-scene', String(n));
      await settle(page);
      const fit = await measure(page, MIN_BODY_PX);
      console.log(
        `${viewport.width}×${viewport.height} scene ${n}: overflow x ${fit.docOverflowX}, y ${fit.docOverflowY}; ` +
          `inner ${fit.inner.length}; body text min ${fit.minBodyPx} px over ${fit.bodyTexts} elements`,
      );
      if (fit.docOverflowX > 0) problems.push(`scene ${n}: document ${fit.docOverflowX} px too wide`);
      if (fit.docOverflowY > 0) problems.push(`scene ${n}: document ${fit.docOverflowY} px too tall`);
      for (const s of fit.inner) problems.push(`scene ${n}: scrolls inside ${s}`);
      if (viewport.width >= 1920) {
        expect(fit.bodyTexts, `scene ${n} has body text`).toBeGreaterThan(0);
        for (const s of fit.small) problems.push(`scene ${n}: text under ${MIN_BODY_PX} px: ${s}`);
      }
      const shot = process.env.TALK_SCREENSHOTS;
      if (shot && viewport.width >= 1920 && test.info().project.name === 'webgpu')
        await page.screenshot({ path: `docs/screenshots/talk-scene${n}-${shot}.png` });
    }
    expect(problems).toEqual([]);
  });
}
