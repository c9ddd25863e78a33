import { expect, test } from '@playwright/test';
import { watchPage } from './watch';

test('talk mode moves through every scene by keyboard, deep links work, R resets', async ({ page }) => {
  const { errors, foreign } = watchPage(page);
  await page.goto('./#/talk/1');
  const talk = page.getByTestId('talk');
  await expect(talk).toHaveAttribute('data-scene', '1');
  const count = Number(
    ((await talk.locator('footer span').first().textContent()) ?? '').split('/')[1].trim(),
  );
  expect(count).toBeGreaterThanOrEqual(5);
  const titles: string[] = [];
  for (let n = 1; n <= count; n++) {
    await expect(talk).toHaveAttribute('data-scene', String(n));
    await expect(page).toHaveURL(new RegExp(`#/talk/${n}$`));
    titles.push((await page.getByRole('heading', { level: 1 }).textContent()) ?? '');
    await page.keyboard.press('ArrowRight');
  }
  expect(new Set(titles).size).toBe(count);
  await expect(talk).toHaveAttribute('data-scene', String(count)); // clamped at the end
  await page.keyboard.press('ArrowLeft');
  await expect(talk).toHaveAttribute('data-scene', String(count - 1));
  await page.keyboard.press('2');
  await expect(talk).toHaveAttribute('data-scene', '2');
  // Deep link straight to the live recall scene: the trained models answer there.
  await page.goto('./#/talk/5');
  const live = page.getByTestId('live-recall');
  await expect(live.locator('[data-testid^="score-"]')).toHaveCount(4);
  await expect(live.getByTestId('recall-table')).toHaveAttribute('data-pending', '0');
  for (const cell of await live.locator('[data-testid^="score-"]').all())
    await expect(cell).toContainText('/ 2');
  const before = await page.getByTestId('live-recall').locator('tbody').textContent();
  await page.keyboard.press('r');
  // R re-runs the scene: the models answer again, exactly as before (deterministic).
  await expect(page.getByTestId('live-recall').locator('tbody')).toHaveText(before ?? '');
  // F toggles full screen on the talk root; Escape first leaves full screen, then talk mode.
  await page.keyboard.press('f');
  await expect
    .poll(() => page.evaluate(() => document.fullscreenElement?.getAttribute('data-testid') ?? null))
    .toBe('talk');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
  await page.goto('./#/talk/99');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('No scene 99');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/$/);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});
