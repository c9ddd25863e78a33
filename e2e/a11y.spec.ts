import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const PAGES: [string, string][] = [
  ['#/', 'attention-matrix'],
  ['#/learn/attention', 'mask-figure'],
  ['#/learn/recurrence', 'memory-figure'],
  ['#/learn/systems', 'moe-figure'],
  ['#/learn/conclusion', 'pareto'],
  ['#/playground', 'compare-matrices'],
  // A recurrent model in the inspector: its state over time.
  ['#/playground?v=1&m=mamba-mqar-l16-k2-d32-s1', 'state-evolution'],
  ['#/talk/5', 'live-recall'],
];

/** axe-core (the engine Storybook's a11y checks use) on every kind of page, at serious and critical impact. */
test('every page passes axe at serious and critical impact', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgpu', 'the markup does not depend on the backend');
  for (const [hash, ready] of PAGES) {
    await page.goto(`./${hash}`);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              ctx: Document,
            ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const { violations } = await axe.run(document);
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id}: ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join(', ')}`,
        );
    });
    expect(violations, hash).toEqual([]);
  }
});

/** The hybrid trainer's live curves, under reduced motion: they advance in jumps, and pass axe once trained. */
test('the training curves respect reduced motion and pass axe', async ({ page }, info) => {
  test.skip(info.project.name !== 'webgpu', 'the markup does not depend on the backend');
  test.setTimeout(180_000);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('./#/playground');
  const trainer = page.getByTestId('hybrid-train');
  await trainer.getByTestId('train-steps').selectOption('30');
  await trainer.getByTestId('train-start').click();
  const curves = trainer.getByTestId('train-curves');
  // 30 steps redraw every 3: while training, the drawn loss curve stops at a multiple of 3.
  await expect(curves.getByTestId('train-curve-summary')).toContainText('the curves redraw every 3 steps');
  expect(Number(await curves.getAttribute('data-drawn')) % 3).toBe(0);
  await expect(trainer.getByTestId('train-status')).toContainText('joined the model list', {
    timeout: 150_000,
  });
  // Trained: the whole curve, and no reduced-motion note.
  await expect(curves).toHaveAttribute('data-drawn', '30');
  await expect(curves.getByTestId('train-curve-summary')).not.toContainText('redraw');
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Element | null): Promise<{ violations: { id: string; impact: string }[] }>;
        };
      }
    ).axe;
    const { violations } = await axe.run(document.querySelector('[data-testid="hybrid-train"]'));
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
  expect(violations).toEqual([]);
});
