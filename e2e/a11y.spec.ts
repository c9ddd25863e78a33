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
