import { expect, test } from '@playwright/test';
import { watchPage } from './watch';

const BASED = 'based-mqar-l16-k2-d32-s1';
// The designer's first stack (BaseConv, Based, sliding window), trained as the first hybrid of the tab.
const HYBRID = 'hybrid-1-baseconv.based.slidingwindow';

test('train the designer’s stack in a Web Worker: progress, a responsive page, the model joins the list and answers', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { errors, foreign } = watchPage(page);
  await page.goto(`./#/playground?v=1&m=${BASED}`);
  const trainer = page.getByTestId('hybrid-train');
  await expect(trainer.getByTestId('train-problems')).toHaveCount(0);
  // The shortest budget the page offers (30 steps), so the test does not wait for 600.
  await trainer.getByTestId('train-steps').selectOption('30');
  await trainer.getByTestId('train-start').click();
  const progress = trainer.getByTestId('train-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Step \d+ \/ 30 · loss \d/);
  // The loss curve grows as the worker reports, with its words (the last loss) beside it.
  const curves = trainer.getByTestId('train-curves');
  await expect(curves.getByRole('application', { name: /^Training loss/ })).toBeVisible();
  await expect(curves.getByTestId('train-curve-summary')).toContainText(/Last loss \d+\.\d{3} at step \d+/);
  // The page stays usable while the worker trains: an edit re-runs the readout at once.
  await page.getByTestId('play-sequence').fill('ant 3 bee 5 _ _ _ _ _ _ bee _ ant _ _ _');
  await expect(page.getByTestId(`score-${BASED}`)).toContainText('/ 2');
  // Done: "your hybrid" is in the model list, ticked, and has its own readout column on the sequence.
  await expect(trainer.getByTestId('train-status')).toContainText('joined the model list', {
    timeout: 150_000,
  });
  await expect(trainer.getByTestId('train-status')).toContainText(/test accuracy \d+(\.\d)?% after 30 steps/);
  // The finished run keeps its curves: a loss point per step (30) and the validation accuracy at the end.
  await expect(curves).toHaveAttribute('data-points', '30');
  await expect(curves.locator('path.ba-series-chart__line[data-series="loss"]')).toHaveCount(1);
  await expect(curves.locator('path.ba-series-chart__marker[data-series="validation"]')).toHaveCount(1);
  await expect(curves.getByTestId('train-curve-summary')).toContainText(
    /Last loss \d+\.\d{3} at step 30; best validation accuracy \d+(\.\d)?% at step 30\./,
  );
  await expect(page.getByTestId('trained-models').locator(`input[data-model="${HYBRID}"]`)).toBeChecked();
  await expect(page.getByTestId('trained-models')).toContainText(
    'your hybrid 1 · BaseConv + Based + sliding window',
  );
  await expect(page.getByTestId('recall-table')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId(`score-${HYBRID}`)).toContainText('/ 2');
  await expect(page.getByTestId(`score-${BASED}`)).toContainText('/ 2');
  // The inspector opens it like any model: its matrices, and the associative memory of its Based layer.
  await page.getByTestId('inspector').getByLabel('Model').selectOption(HYBRID);
  await expect(page.getByTestId('inspector').getByTestId('attention-matrix')).toBeVisible();
  await expect(page.getByTestId('state-panel').getByTestId('state-evolution')).toBeVisible();
  // A hybrid lives in this tab only: a reload says so instead of failing.
  await page.reload();
  await expect(page.getByTestId('notices')).toContainText('lives only in the tab that trained it');
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

test('training shows its progress advancing and Cancel stops it', async ({ page }) => {
  const { errors } = watchPage(page);
  await page.goto('./#/playground');
  const trainer = page.getByTestId('hybrid-train');
  await trainer.getByTestId('train-start').click();
  const progress = trainer.getByTestId('train-progress');
  await expect(progress).toContainText(/Step [1-9]\d* \/ 600/, { timeout: 30_000 });
  const first = Number(await progress.getAttribute('data-step'));
  await expect
    .poll(async () => Number(await progress.getAttribute('data-step')), { timeout: 30_000 })
    .toBeGreaterThan(first);
  await trainer.getByTestId('train-cancel').click();
  await expect(progress).toHaveCount(0);
  await expect(trainer.getByTestId('train-status')).toContainText(/Cancelled at step \d+ of 600/);
  await expect(trainer.getByTestId('train-start')).toBeEnabled();
  expect(errors).toEqual([]);
});

test('a stack the browser cannot train says why and offers no button', async ({ page }) => {
  await page.goto('./#/playground');
  const designer = page.getByTestId('hybrid-designer');
  await designer.getByRole('button', { name: 'jamba' }).click();
  await expect(designer.getByTestId('train-problems')).toContainText('2–4 layers (this one has 8)');
  await expect(designer.getByTestId('train-start')).toBeDisabled();
});
