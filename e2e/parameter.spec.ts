import { expect, test, type Page } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import { scenarioPreset } from '../src/presets/scenarios';
import { encodePermalink } from '../src/state/permalink';
import { DEFAULT_VIEW } from '../src/state/view';
import { parseScenario, type Scenario } from '../src/core';
import { enumerateStrategies, strategyOf, type Strategy } from '../src/core/search/space';

const SHOTS = process.env.WALK_SHOTS_DIR ?? '/tmp/shots-walk';
const fixed = scenarioPreset('seed-fixed-16gpu')!.scenario;
const link = encodePermalink(fixed, DEFAULT_VIEW);

/** The allowed values counted by the strategy search's space: its strategies equal to the scenario's but in `id` (and DP for TP). */
function allowed(id: 'tp' | 'ep' | 'microBatches'): number[] {
  const s = (parseScenario(fixed) as { ok: true; scenario: Scenario }).scenario;
  const own = strategyOf(s);
  const free = new Set<string>([id, ...(id === 'tp' ? ['dp'] : [])]);
  const same = (st: Strategy) =>
    (Object.keys(own) as (keyof Strategy)[]).every(
      (k) => free.has(k) || st[k] === own[k] || (k === 'sequenceParallel' && st.tp === 1),
    );
  return [
    ...new Set(
      enumerateStrategies(s)
        .filter(same)
        .map((st) => st[id]),
    ),
  ].sort((a, b) => a - b);
}

async function choose(page: Page, parameter: string) {
  const chart = page.getByTestId('param-chart');
  await chart.getByTestId('param-parameter').selectOption(parameter);
  await expect(chart).toHaveAttribute('data-parameter', parameter);
  await expect(chart).toHaveAttribute('data-status', 'done');
  return chart;
}

async function values(page: Page, selector: string): Promise<number[]> {
  return await page
    .getByTestId('param-chart')
    .locator(selector)
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
}

test.describe('metric against a parameter', () => {
  test('one point per allowed value, the current one marked, switching parameter and metric', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open(link);
    const chart = page.getByTestId('param-chart');
    await chart.scrollIntoViewIfNeeded();

    await choose(page, 'tp');
    expect(await values(page, '[data-testid="param-point"][data-allowed="true"]')).toEqual(allowed('tp'));
    expect(allowed('tp')).toEqual([1, 2, 4, 8, 16]);
    expect(await values(page, '[data-testid="param-point"][data-current="true"]')).toEqual([
      (await x.scenario()).parallel.tp,
    ]);
    await expect(chart.getByTestId('param-current')).toContainText('this scenario: TP 1');

    // The current point's value is the page's: its hover text carries the latency the headline shows.
    const e = await x.evaluation();
    await chart.getByTestId('param-metric').selectOption('mfu');
    await expect(chart).toHaveAttribute('data-metric', 'mfu');
    await expect(chart.locator('[data-current="true"] title')).toContainText(`${(e.mfu * 100).toFixed(1)}%`);

    const ep = await choose(page, 'ep');
    expect(await values(page, '[data-testid="param-point"][data-allowed="true"]')).toEqual(allowed('ep'));
    // EP 32 and 64 do not fit a stage of 16 GPUs: gaps with the rule on hover, not dropped.
    expect(await values(page, '[data-kind="gap"]')).toEqual([32, 64]);
    await expect(ep.locator('[data-value="32"] title')).toContainText('must divide TP × DP');
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await chart.scrollIntoViewIfNeeded();
      await chart.screenshot({ path: `${SHOTS}/param-${size.width}x${size.height}.png` });
    }

    await choose(page, 'microBatches');
    expect(await values(page, '[data-testid="param-point"][data-allowed="true"]')).toEqual(allowed('microBatches'));
    // The choice is in the link: a fresh page opened from it shows the same chart.
    await expect(page).toHaveURL(/view\.vs=mfu,microBatches/);
    const fresh = await page.context().newPage();
    const y = new ExplorerPage(fresh);
    await y.open(new URL(page.url()).search);
    await expect(fresh.getByTestId('param-chart')).toHaveAttribute('data-parameter', 'microBatches');
    await expect(fresh.getByTestId('param-metric')).toHaveValue('mfu');
    await fresh.close();
  });

  test("the seed plan as written (32 ranks on 16 GPUs): PP sweeps the cluster's 16 GPUs, PP 1 runs, and the chart says the plan itself is not on it", async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open('?view.vs=latency,pp');
    const chart = await choose(page, 'pp');
    await expect(chart.getByTestId('param-not-on-sweep')).toContainText('32 GPUs, the sweep uses the cluster’s 16');
    expect(await values(page, '[data-testid="param-point"][data-allowed="true"]')).toEqual([1]);
    await expect(chart.locator('[data-testid="param-point"][data-current="true"]')).toHaveCount(0);
  });
});
