import { expect, type Page, test } from '@playwright/test';
import { generateMqar } from '../simulations/tasks/mqar';
import { createVocabulary } from '../simulations/vocabulary/vocabulary';

interface Entry {
  id: string;
  architecture: string;
  task: { kind: string; vocabSize: number; seqLen?: number; numKvPairs?: number };
  stateBytes: number;
  testAccuracy: number;
}

async function verdicts(page: Page, model: string): Promise<string[]> {
  await expect(page.getByTestId('recall-table')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId(`score-${model}`)).toContainText('/');
  return page
    .locator(`[data-testid="recall-readout"] td[data-arch="${model}"]`)
    .evaluateAll((cells) => cells.map((c) => String(c.getAttribute('data-grade') === 'correct')));
}

/**
 * The acceptance scenario, over whatever models are shipped: once a full-attention MQAR model reaches
 * 0.99 held out, a user-edited MQAR sequence exists on which it recalls every query while the smallest-state
 * recurrent model of the same setting that does not solve it misses some — and the readouts show it.
 */
test('full attention recalls every query where a small-state recurrent model misses some', async ({
  page,
  request,
}) => {
  // Runs in both projects: with WebGPU and on the CPU fallback (WebGPU disabled), as the issue asks.
  const index = (await (await request.get('models/index.json')).json()) as { models: Entry[] };
  // The hardest setting (most pairs) at which a full-attention model reaches 0.99.
  const strong = index.models
    .filter((m) => m.architecture === 'attention' && m.task.kind === 'mqar' && m.testAccuracy >= 0.99)
    .sort((a, b) => (b.task.numKvPairs ?? 0) - (a.task.numKvPairs ?? 0))[0];
  test.skip(!strong, 'no shipped full-attention MQAR model reaches 0.99 held out yet');
  if (!strong) return;
  const t = strong.task;
  const small = index.models
    .filter(
      (m) =>
        m.id !== strong.id &&
        !m.architecture.startsWith('attention') &&
        m.architecture !== 'sliding-window' &&
        m.task.kind === 'mqar' &&
        m.task.seqLen === t.seqLen &&
        m.task.numKvPairs === t.numKvPairs &&
        m.task.vocabSize === t.vocabSize &&
        // Recurrent models that do not solve this setting (some, given a long budget, do: Hawk, S4D, Based).
        m.testAccuracy < 0.9,
    )
    .sort((a, b) => a.stateBytes - b.stateBytes)[0];
  expect(small, 'a recurrent model trained in the same setting').toBeTruthy();
  const vocab = createVocabulary({ vocabSize: t.vocabSize });
  const examples = generateMqar({
    vocabSize: t.vocabSize,
    seqLen: t.seqLen as number,
    numKvPairs: t.numKvPairs as number,
    numExamples: 40,
    seed: 99,
  });
  await page.goto(`./#/playground?v=1&p=free&m=${strong.id},${small.id}`);
  for (const ex of examples) {
    const text = Array.from(ex.inputs, (id) => vocab.label(id)).join(' ');
    await page.getByTestId('play-sequence').fill(text);
    await expect(page.getByTestId('recall-table')).toHaveAttribute('data-for', text);
    const a = await verdicts(page, strong.id);
    const r = await verdicts(page, small.id);
    if (a.every((v) => v === 'true') && r.some((v) => v === 'false')) {
      await expect(page.getByTestId(`score-${strong.id}`)).toContainText(`${a.length} / ${a.length}`);
      return;
    }
  }
  throw new Error(`No edit among 40 MQAR sequences separates ${strong.id} from ${small.id}`);
});
