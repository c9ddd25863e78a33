import { expect, test } from '@playwright/test';
import { watchPage } from './watch';

const ROUTES: [string, string][] = [
  ['#/', 'Is attention all you need?'],
  ['#/learn/attention', 'Attention and its sparse cousins'],
  ['#/learn/recurrence', 'Recurrence returns'],
  ['#/learn/systems', 'Making attention cheaper'],
  ['#/learn/conclusion', 'the frontier of state and recall'],
  ['#/playground', 'Recall playground'],
  ['#/talk/1', ''],
  ['#/no/such/page', 'Page not found'],
];

test('every route loads without console errors and without leaving the origin', async ({ page }) => {
  const { errors, foreign } = watchPage(page);
  for (const [hash, heading] of ROUTES) {
    await page.goto(`./${hash}`);
    if (heading) await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    else await expect(page.getByTestId('talk')).toBeVisible();
  }
  // The playground's models have answered (their requests are part of what must stay on the origin).
  await page.goto('./#/playground');
  await expect(page.getByTestId('recall-table')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('recall-readout').locator('tfoot td').first()).toContainText('/');
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

test('the nav reaches every page, and marks the current one', async ({ page }) => {
  await page.goto('./');
  const nav = page.getByRole('navigation', { name: 'Site' });
  await nav.getByRole('link', { name: 'Playground' }).click();
  await expect(page).toHaveURL(/#\/playground/);
  await expect(nav.getByRole('link', { name: 'Playground' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: /^II\./ }).click();
  await expect(page.getByTestId('chapter')).toHaveAttribute('data-chapter', 'recurrence');
  await page.goBack();
  await expect(page.getByTestId('playground')).toBeVisible();
});

test('a malformed or old link shows a notice and the default playground, never a crash', async ({ page }) => {
  const { errors } = watchPage(page);
  await page.goto('./#/playground?v=1&seed=banana&s=ant');
  await expect(page.getByTestId('notice')).toContainText('could not be used');
  await expect(page.getByTestId('play-sequence')).not.toHaveValue('ant');
  await page.goto('./#/playground?v=0&s=ant');
  await expect(page.getByTestId('notice').last()).toContainText('version');
  await page.goto('./#/playground?v=1&m=no-such-model');
  await expect(page.getByTestId('notices')).toContainText('no-such-model');
  expect(errors).toEqual([]);
});
