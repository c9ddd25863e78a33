import { expect, test } from '@playwright/test';

/** The README's and the docs' screenshots, from the built app (WebGPU run only). */
test.describe('screenshots', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('landing, chapter, playground and a talk scene', async ({ page }, info) => {
    test.skip(info.project.name !== 'webgpu', 'one set is enough');
    await page.goto('./#/');
    await expect(page.getByTestId('attention-matrix')).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/landing.png' });

    await page.goto('./#/learn/attention');
    await expect(page.getByTestId('mask-figure')).toBeVisible();
    await expect(page.locator('.math-display .katex').first()).toBeVisible();
    await page
      .locator('.math-display')
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -260));
    await page.screenshot({ path: 'docs/screenshots/chapter.png' });

    await page.goto('./#/playground?v=1&p=free&seed=1&s=ant+3+bee+5+_+_+_+_+_+_+bee+_+ant+_+_+_');
    await expect(page.getByTestId('recall-table')).toHaveAttribute('data-pending', '0');
    await expect(page.getByTestId('recall-readout').locator('tfoot td').last()).toContainText('/');
    await page.getByText(/^Models \(/).click(); // fold the model list so the readout is in view
    await page.screenshot({ path: 'docs/screenshots/playground.png', fullPage: true });

    await page.goto('./#/talk/5');
    await expect(page.getByTestId('live-recall').getByTestId('recall-table')).toHaveAttribute(
      'data-pending',
      '0',
    );
    await expect(page.getByTestId('live-recall').locator('[data-testid^="score-"]').last()).toContainText(
      '/',
    );
    await page.screenshot({ path: 'docs/screenshots/talk.png' });
  });
});
