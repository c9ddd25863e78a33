import { expect, type Page, test } from '@playwright/test';

const ORIGIN = 'http://127.0.0.1:4173';

/** The fill colour of every cell of the matrix, in row-major order. */
async function cellFills(page: Page): Promise<string[]> {
  const matrix = page.getByTestId('attention-matrix');
  await expect(matrix.locator('[data-row]').first()).toBeVisible();
  return matrix.locator('[data-row]').evaluateAll((cells) => cells.map((c) => c.getAttribute('fill') ?? ''));
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('backend-badge')).not.toHaveAttribute('data-backend', 'starting');
});

test('the built app runs attention on WebGPU (or says it is on the CPU) and redraws the matrix when a token is edited', async ({
  page,
}, testInfo) => {
  const badge = page.getByTestId('backend-badge');
  if (testInfo.project.name === 'no-webgpu') {
    await expect(badge).toHaveAttribute('data-backend', 'cpu');
    await expect(badge).toContainText('Running on the CPU reference');
  } else {
    await expect(badge).toHaveAttribute('data-backend', 'webgpu');
    await expect(badge).toContainText('WebGPU');
  }
  const before = await cellFills(page);
  expect(before.length).toBe(12 * 12);

  const input = page.getByTestId('sequence-input');
  // "ant 3 bee 5 …": replace the 5th token (cow → bee) so the repeated keys change.
  await input.fill('ant 3 bee 5 bee 8 dog 2 bee ant dog cow');
  await expect.poll(async () => (await cellFills(page)).join()).not.toBe(before.join());
  const after = await cellFills(page);
  expect(after.length).toBe(12 * 12);
  expect(after.filter((fill, i) => fill !== before[i]).length).toBeGreaterThan(3);
});

test('invalid input is reported inline and the last matrix stays', async ({ page }) => {
  const before = await cellFills(page);
  await page.getByTestId('sequence-input').fill('ant 3 <b> 5');
  await expect(page.getByRole('alert').filter({ hasText: 'Token 3' })).toBeVisible();
  await expect(page.getByTestId('sequence-input')).toHaveValue('ant 3 <b> 5');
  expect(await cellFills(page)).toEqual(before);
});

test('the recall readout marks the induction head right and a key overwrite wrong', async ({ page }) => {
  const readout = page.getByTestId('recall-readout');
  await expect(readout).toContainText('✓ recalled');
  // "ant" is bound to 3 and then re-bound to 7: the hand-built head attends to both copies equally, so it
  // cannot say which value is current — the readout must report that, not pick one by rounding luck.
  await page.getByTestId('sequence-input').fill('ant 3 bee 5 ant 7 bee ant');
  const rows = readout.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('7'); // expected: the latest binding
  await expect(rows.nth(2)).toContainText('✗ ambiguous');
  await expect(rows.nth(0)).toContainText('✓ recalled'); // the first repeat of "ant" (bound once so far)
});

test('the matrix is reachable and lockable from the keyboard', async ({ page }) => {
  const matrix = page.getByTestId('attention-matrix');
  await matrix.locator('[tabindex="0"]').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(matrix).not.toHaveAttribute('data-locked-row', '');
  await page.keyboard.press('Escape');
  await expect(matrix).toHaveAttribute('data-locked-row', '');
});

test('makes no network request outside its own origin', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(ORIGIN) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      foreign.push(r.url());
  });
  await page.goto('./');
  await cellFills(page);
  await page.getByTestId('sequence-input').fill('a b a');
  await page.waitForTimeout(300);
  expect(foreign).toEqual([]);
});
