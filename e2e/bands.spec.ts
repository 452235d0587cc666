/**
 * Error bands (issue 14, item 4): each predicted headline figure shows ± the
 * model's out-of-sample error with its class, the search marks strategies
 * tied within that error, and the compare view says when a change is smaller
 * than it.
 */
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import { encodePermalink, setAtPath } from '../src/state/permalink';
import { scenarioPreset } from '../src/presets/scenarios';
import { errorBandOf, formatErrorBand } from '../src/core';

const SHOTS = process.env.BANDS_SHOTS_DIR ?? '.test-results/bands';
const mixtral = scenarioPreset('mixtral-8x7b-h100-16')!.scenario;

test.describe('error bands', () => {
  test('each predicted headline figure shows ± N% with its class; memory and parameters show none', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open(encodePermalink(mixtral));
    const band = errorBandOf(await x.evaluation())!;
    for (const id of ['latency', 'throughput', 'mfu']) {
      const link = page.getByTestId(`band-${id}`);
      await expect(link).toHaveText(`${formatErrorBand(band.pct)} (${band.label})`);
      await expect(link).toHaveAttribute('data-band-class', band.key);
      await expect(link).toHaveAttribute('title', new RegExp(`published runs of its class, ${band.label}`));
      await expect(link).toHaveAttribute('href', '#accuracy');
    }
    await expect(page.getByTestId('band-memory')).toHaveCount(0);
    await expect(page.getByTestId('band-params')).toHaveCount(0);
    await page.getByTestId('summary-badges').screenshot({ path: `${SHOTS}/headline.png` });
    await x.expectNoExternalRequests();
  });

  test('serving: each serving figure shows the band of the phase it measures', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    const e = await x.evaluation();
    for (const [key, figure] of [
      ['ttft', 'prefill'],
      ['tpot', 'decode'],
      ['e2e', 'static'],
    ] as const) {
      const band = errorBandOf(e, figure)!;
      await expect(page.getByTestId(`serving-band-${key}`)).toHaveText(`${formatErrorBand(band.pct)} (${band.label})`);
    }
    await page.getByTestId('serving').screenshot({ path: `${SHOTS}/serving.png` });
  });

  test('the search marks the strategies tied within the model error of the best (Mixtral on 16 H100)', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    // The seed's only ties are schedules that give the same results (PP 1), which the table hides.
    await x.open(encodePermalink(mixtral));
    await page.getByTestId('search-open').click();
    await expect(page.getByTestId('search-count')).toContainText('strategies');
    await page.getByTestId('search-run').click();
    await expect(page.getByTestId('search-progress')).toHaveAttribute('value', '1', { timeout: 60_000 });
    const band = errorBandOf(await x.scenario())!;
    await expect(page.getByTestId('search-ties')).toContainText(
      `strategies listed (marked ≈) are tied within the model’s error: their throughput is within ${formatErrorBand(band.pct)} (${band.label})`,
    );
    // Ranked by throughput, the best row is the first one and is among the tied (the table
    // scrolls to the strategy on screen when the search ends: back to the top first).
    await page.getByTestId('search-scroller').evaluate((el) => (el.scrollTop = 0));
    await page.getByTestId('search-scroller').dispatchEvent('scroll');
    const first = page.getByTestId('search-row').first();
    await expect(first.locator('td').first()).toContainText('★');
    await expect(first.getByTestId('search-tied')).toHaveText('≈');
    expect(await page.getByTestId('search-tied').count()).toBeGreaterThan(1);
    await page.getByTestId('search-panel').screenshot({ path: `${SHOTS}/search.png` });
  });

  test('compare: a change smaller than the model error is said to be', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open(encodePermalink(setAtPath(mixtral, 'workload.microBatches', 8)));
    await page.locator('body').press('a');
    await expect(page.getByTestId('compare')).toHaveAttribute('data-state', 'ready');
    // 8 → 12 micro-batches moves the step by under 2%: inside the band of MoE training on Hopper.
    for (let i = 0; i < 10 && (await x.scenario()).workload.microBatches < 12; i++)
      await x.stepSlider('workload.microBatches', 'ArrowRight');
    expect((await x.scenario()).workload.microBatches).toBe(12);
    await expect(page.getByTestId('compare-within-error')).toBeVisible();
    const band = errorBandOf(await x.scenario())!;
    await expect(page.getByTestId('compare-row-latency').getByTestId('compare-within-error-note')).toContainText(
      `is smaller than the model's error (${formatErrorBand(band.pct)}, ${band.label})`,
    );
    await expect(page.getByTestId('compare-row-memory').getByTestId('compare-within-error-note')).toHaveCount(0);
    await page.getByTestId('compare-table').screenshot({ path: `${SHOTS}/compare.png` });
  });
});
