/**
 * DualPipe and ZB-V from the schedule menu: the menu names come from the
 * core's registry, the Gantt runs two model chunks on every GPU with the
 * schedule's block count, and the virtual-stages control shows only for
 * schedules that use it. Screenshots of both charts go to .test-results/.
 */
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import { scheduleById } from '../src/core';

// Training, 4 pipeline stages, 8 micro-batches (DualPipe needs m ≥ 2·PP).
const TRAINING_PP4 =
  '?v=1&workload.mode=training&workload.microBatches=8&parallel.tp=4&parallel.pp=4&parallel.dp=1&parallel.ep=4';

test.describe('DualPipe and ZB-V', () => {
  for (const [id, blocksPerGpu] of [
    // ZB-V: both chunks run F, B and W for every micro-batch: 2 · 3 · m.
    ['zb-v', 2 * 3 * 8],
    // DualPipe: each direction's chunk runs its m/2 micro-batches: m F + m B, plus P−1−h split-off W's.
    ['dualpipe', null],
  ] as const) {
    const label = scheduleById(id).label;
    test(`choosing ${label} from the menu draws two chunks per GPU`, async ({ page }) => {
      const x = new ExplorerPage(page);
      await x.open(TRAINING_PP4);
      const menu = page.locator('[data-field="parallel.schedule"] select');
      await expect(menu.locator(`option[value="${id}"]`)).toHaveText(label);
      await menu.selectOption(id);
      await x.ready();
      const e = await x.evaluation();
      expect(e.scenario.parallel.schedule).toBe(id);
      const gantt = x.gantt();
      await expect(gantt).toHaveAttribute('data-schedule', id);
      await expect(gantt).toHaveAttribute('data-chunks', '2');
      await expect(page.getByTestId('gantt-legend-chunks')).toBeVisible();
      // The virtual-stages control is for interleaved 1F1B only.
      await expect(page.locator('[data-field="parallel.virtualStages"]')).toHaveCount(0);
      const blocks = gantt.locator('rect.gantt-block');
      await expect(blocks).toHaveCount(e.timeline.length);
      for (let d = 0; d < 4; d++) {
        for (const chunk of [0, 1]) {
          const own = e.timeline.filter((b) => b.stage === d && b.chunk === chunk).length;
          expect(own).toBeGreaterThan(0);
          await expect(gantt.locator(`rect.gantt-block[data-stage="${d}"][data-chunk="${chunk}"]`)).toHaveCount(own);
        }
        const perGpu = e.timeline.filter((b) => b.stage === d).length;
        // DualPipe (P = 4, m = 8): 2m blocks plus P−1−min(d, P−1−d) W's split off.
        expect(perGpu).toBe(blocksPerGpu ?? 2 * 8 + 3 - Math.min(d, 3 - d));
      }
      await expect(page.getByTestId('gantt-bubble')).toContainText('Textbook bubble');
      await gantt.screenshot({ path: `.test-results/gantt-${id}.png` });
      await x.expectNoExternalRequests();
    });
  }

  test('interleaved 1F1B brings the virtual-stages control back', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open(TRAINING_PP4);
    await expect(page.locator('[data-field="parallel.virtualStages"]')).toHaveCount(0);
    await page.locator('[data-field="parallel.schedule"] select').selectOption('interleaved-1f1b');
    await x.ready();
    await expect(page.getByTestId('slider-parallel.virtualStages')).toBeVisible();
    await expect(page.locator('[data-field="parallel.virtualStages"]')).toHaveCount(1);
  });
});
