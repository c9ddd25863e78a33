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
  await expect(page.getByTestId('live-recall').getByTestId('recall-total')).toHaveCount(5);
  for (const cell of await page.getByTestId('live-recall').getByTestId('recall-total').all())
    await expect(cell).toContainText('/ 2');
  await page.goto('./#/learn/attention');
  const mask = page.getByTestId('mask-figure');
  await mask.getByLabel('Pattern').selectOption('bigbird');
  await expect(mask).toContainText('BigBird');
  await page.goto('./#/learn/conclusion');
  await expect(page.getByTestId('pareto')).toContainText('frontier');
  expect(errors).toEqual([]);
});
