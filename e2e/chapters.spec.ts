import { expect, test } from '@playwright/test';
import { watchPage } from './watch';

test('chapters render their math and live figures, which respond to input', async ({ page }) => {
  const { errors } = watchPage(page);
  await page.goto('./#/learn/recurrence');
  await expect(page.locator('.math-display .katex').first()).toBeVisible();
  const memory = page.getByTestId('memory-figure');
  await memory.getByLabel('Pairs stored').fill('12');
  await expect(memory).toContainText('after 12 key–value pairs');
  // The chapter's live recall figure: trained models answered in the worker.
  // (RecallReadout: a score-<model> cell per model in its footer, "n / 2" once the model has answered.)
  const live = page.getByTestId('live-recall');
  await expect(live.locator('[data-testid^="score-"]')).toHaveCount(5);
  await expect(live.getByTestId('recall-table')).toHaveAttribute('data-pending', '0');
  for (const cell of await live.locator('[data-testid^="score-"]').all())
    await expect(cell).toContainText('/ 2');
  await expect(live.locator('td[data-grade]')).toHaveCount(2 * 5);
  await page.goto('./#/learn/attention');
  const mask = page.getByTestId('mask-figure');
  await mask.getByLabel('Pattern').selectOption('bigbird');
  await expect(mask).toContainText('BigBird');
  await page.goto('./#/learn/conclusion');
  await expect(page.getByTestId('pareto')).toContainText('frontier');
  expect(errors).toEqual([]);
});
