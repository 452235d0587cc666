import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import { runCli } from '../src/cli/main';
import { scenarioPreset } from '../src/presets/scenarios';
import { encodePermalink } from '../src/state/permalink';
import { DEFAULT_VIEW } from '../src/state/view';
import { countStrategies } from '../src/core/search/space';

const SHOTS = process.env.SEARCH_SHOTS_DIR ?? '.test-results/search';

async function runSearch(page: Page) {
  await page.getByTestId('search-open').click();
  await expect(page.getByTestId('search-count')).toContainText('strategies');
  await page.getByTestId('search-run').click();
  await expect(page.getByTestId('search-run')).toBeVisible({ timeout: 60_000 }); // back from "Cancel" when done
  await expect(page.getByTestId('search-progress')).toHaveAttribute('value', '1');
}

test.describe('strategy search', () => {
  test('run, sort by throughput, keep the strategies meeting every target, click the best: sliders and heatmap show it', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await runSearch(page);
    // The seed document's own strategy cannot run.
    await expect(page.getByTestId('search-current')).toContainText('32 GPUs');
    const header = page.locator('th[data-col="throughput"]');
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await page.getByTestId('filter-targets').check();
    const first = page.getByTestId('search-row').first();
    await expect(first.locator('td[data-col="meetsTargets"]')).toContainText('all 6 met');
    const throughputs = await page.locator('[data-testid="search-row"] td[data-col="throughput"]').allTextContents();
    const values = throughputs.map((t) => Number(t.replace(/,/g, '')));
    expect(values.length).toBeGreaterThan(1);
    for (let i = 1; i < values.length; i++) expect(values[i - 1]).toBeGreaterThanOrEqual(values[i]);
    const label = await first.locator('td[data-col="strategy"]').textContent();
    const [, tp, pp, dp] = /TP(\d+) PP(\d+) DP(\d+)/.exec(label ?? '')!;
    await first.click();
    await x.ready();
    const s = await x.scenario();
    expect([s.parallel.tp, s.parallel.pp, s.parallel.dp]).toEqual([Number(tp), Number(pp), Number(dp)]);
    await expect(x.slider('parallel.tp')).toHaveAttribute('aria-valuetext', new RegExp(`^${tp}\\b`));
    await expect(x.slider('parallel.pp')).toHaveAttribute('aria-valuetext', new RegExp(`^${pp}\\b`));
    await expect(x.heatmap()).toHaveAttribute('data-cells', '16');
    const e = await x.evaluation();
    expect(e.feasible).toBe(true);
    expect(e.compliance.every((c) => c.pass !== false)).toBe(true);
    // The clicked row is the selected one, in the table and on the chart.
    await expect(page.locator('[data-testid="search-row"][aria-selected="true"]')).toHaveCount(1);
    await expect(page.getByTestId('pareto-selected')).toBeVisible();
    // The strategy on screen now runs: no "cannot run" note any more.
    await expect(page.getByTestId('search-current')).toHaveCount(0);
    await x.expectNoExternalRequests();
  });

  test('the CSV export downloads and parses; its rows are the CLI’s', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await runSearch(page);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('search-csv').click()]);
    const path = await dl.path();
    const lines = readFileSync(path!, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 4)).toEqual(['rank', 'tp', 'pp', 'dp']);
    const cli = runCli(['search', '--preset', 'seed-after', '--csv'], () => '');
    // seed-after differs from {} only in claims, which the search does not read.
    expect(lines).toEqual(cli.stdout.trim().split('\n'));
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(1000);
    for (const r of rows.slice(0, 50)) expect(Number(r[1]) * Number(r[2]) * Number(r[3])).toBe(16);
  });

  test('a link with a search reopens it, run, with its row selected', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open('?v=1&tp=2&pp=1&dp=8&ep=8&mb=1&view.search=latency,tp:4');
    await expect(page.getByTestId('search-panel')).toBeVisible();
    await expect(page.getByTestId('search-run')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('search-objective')).toHaveValue('latency');
    await expect(page.getByTestId('search-tpmax')).toHaveValue('4');
    // Wait for the whole search, not its first partial rows: the selected row's place moves until then.
    await expect(page.getByTestId('search-progress')).toHaveAttribute('value', '1', { timeout: 60_000 });
    const selected = page.locator('[data-testid="search-row"][aria-selected="true"]');
    // The table brings the strategy on screen into view by itself when the search ends.
    await expect(selected).toHaveCount(1);
    await expect(selected.locator('td[data-col="strategy"]')).toContainText('TP2 PP1 DP8 EP8 m1');
    expect(page.url()).toContain('view.search=latency,tp:4');
    // Scrolled away (to the end of the table farther from it), the button brings it back.
    const rowTop = await selected.evaluate((el) => (el as HTMLElement).offsetTop);
    await page.getByTestId('search-scroller').evaluate((el, top) => {
      el.scrollTop = top < el.scrollHeight / 2 ? el.scrollHeight : 0;
    }, rowTop);
    await page.getByTestId('search-scroller').dispatchEvent('scroll');
    await expect(selected).toHaveCount(0);
    await page.getByTestId('search-goto-current').click();
    await expect(selected).toHaveCount(1);
  });

  test('partial results arrive while it runs, and cancel stops it', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open('?v=1&gpus=1024&workload.globalBatch=1024');
    await page.getByTestId('search-open').click();
    // The count shown before running is the core's count of the space (no narrowing).
    const expected = countStrategies(await x.scenario());
    expect(expected).toBeGreaterThan(10_000);
    await expect(page.getByTestId('search-count')).toContainText(`${expected.toLocaleString('en-US')} strategies`);
    // The search takes about 2 s, and on a loaded machine Playwright's own click can come after it ended.
    // So the page clicks Cancel itself, in the same turn as the first rows are drawn (a MutationObserver).
    let cancelled = false;
    for (let attempt = 0; attempt < 3 && !cancelled; attempt++) {
      await page.evaluate(() => {
        const observer = new MutationObserver(() => {
          const progress = document.querySelector('[data-testid="search-progress"]');
          const row = document.querySelector('[data-testid="search-row"]');
          const cancel = document.querySelector<HTMLButtonElement>('[data-testid="search-cancel"]');
          if (row && cancel && Number(progress?.getAttribute('value')) > 0) {
            observer.disconnect();
            cancel.click();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      await page.getByTestId('search-run').click();
      cancelled = await page
        .getByText('(cancelled)')
        .waitFor({ timeout: 30_000 })
        .then(() => true)
        .catch(() => false);
    }
    expect(cancelled, 'a search cancelled while it ran, in three tries').toBe(true);
    await expect(page.getByText('(cancelled)')).toBeVisible();
    const value = Number(await page.getByTestId('search-progress').getAttribute('value'));
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1);
    // The JSON export holds what was found so far.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('search-json').click()]);
    const doc = JSON.parse(readFileSync((await dl.path())!, 'utf8'));
    expect(doc.rows.length).toBeGreaterThan(0);
    expect(doc.rows.length).toBeLessThan(14507);
    expect(doc.rows[0].parallel.tp * doc.rows[0].parallel.pp * doc.rows[0].parallel.dp).toBe(1024);
  });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`screenshots of the table and Pareto chart at ${size.width}×${size.height}`, async ({ page }) => {
      await page.setViewportSize(size);
      const x = new ExplorerPage(page);
      await x.open();
      await runSearch(page);
      const panel = page.getByTestId('search-panel');
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: `${SHOTS}/search-${size.width}x${size.height}.png` });
      const box = await page.getByTestId('pareto-chart').boundingBox();
      expect(box!.width).toBeLessThanOrEqual(size.width);
    });
  }

  test('training: the narrowing controls and a screenshot at 1440×900', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const x = new ExplorerPage(page);
    const preset = scenarioPreset('mixtral-8x7b-h100-16')!.scenario;
    const link = encodePermalink(preset as never, {
      ...DEFAULT_VIEW,
      search: {
        objective: 'throughput',
        tpMax: 8,
        schedule: null,
        microBatchesMax: null,
        recompute: 'selective',
        zeroStage: 1,
        sequenceParallel: null,
      },
    });
    await x.open(link);
    await expect(page.getByTestId('search-run')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('search-row').first().waitFor();
    await expect(page.getByTestId('search-row').first().locator('td[data-col="strategy"]')).toContainText('sel-rc Z1');
    const panel = page.getByTestId('search-panel');
    await panel.screenshot({ path: `${SHOTS}/search-training-1440x900.png` });
  });
});
