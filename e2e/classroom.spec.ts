/** Issue 9 (classroom and sharing): targets that belong to the scenario, the phone's first screen. */
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import { MIXTRAL_8X7B } from '../test/hfConfigs';

test.describe('targets belong to the scenario', () => {
  test('an imported config.json starts with no seed targets', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    expect((await x.evaluation()).compliance.filter((c) => c.limit !== null)).toHaveLength(6);
    const hf = page.getByTestId('hf-import');
    // Open the import and the Model section around it.
    await hf.evaluate((d) => {
      for (let el: Element | null = d; el; el = el.parentElement) if (el instanceof HTMLDetailsElement) el.open = true;
    });
    await hf.locator('textarea').fill(JSON.stringify(MIXTRAL_8X7B));
    await page.getByTestId('hf-apply').click();
    await x.ready();
    const s = await x.scenario();
    expect(s.model.hidden).toBe(MIXTRAL_8X7B.hidden_size);
    expect(Object.values(s.targets).every((t) => t === null)).toBe(true);
    await expect(page.getByTestId('summary-badges')).toContainText('no targets set');
    await x.expectNoExternalRequests();
  });

  test('a model chosen from the seed drops the seed targets; one click clears them; the menu shows the loaded preset', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await page.getByTestId('clear-targets-summary').click();
    await x.ready();
    expect(Object.values((await x.scenario()).targets).every((t) => t === null)).toBe(true);
    await page.getByTestId('seed-targets').click();
    await x.ready();
    expect((await x.scenario()).targets.latencyMs).toBe(50);
    await page.getByTestId('preset-model').selectOption('qwen3-30b-a3b');
    await x.ready();
    expect((await x.scenario()).targets.latencyMs).toBeNull();
    await expect(x.badge('latencyMs')).toHaveAttribute('data-status', 'na');

    await x.choosePreset('mixtral-8x7b-h100-16');
    await expect(page.getByTestId('preset-scenario')).toHaveValue('mixtral-8x7b-h100-16');
    await expect(page.getByTestId('first-screen-description')).toContainText('fine-tuning setup');
    await expect(x.badge('latencyMs')).toContainText('Step time');
    await x.choosePreset('seed-after');
    await expect(page.getByTestId('preset-scenario')).toHaveValue('seed-after');
    expect((await x.scenario()).targets.latencyMs).toBe(50);
    await expect(page.getByTestId('claims-audit')).toContainText('percentage points');
  });
});

test.describe('the first screen', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a phone sees the verdict, the strategy, the top reason and a link that jumps to Issues', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await x.choosePreset('seed-after');
    for (const id of ['verdict', 'strategy-line', 'top-reason', 'jump-issues']) await expect(page.getByTestId(id)).toBeInViewport();
    await expect(page.getByTestId('verdict')).toContainText('Cannot run as configured');
    await expect(page.getByTestId('strategy-line')).toContainText('TP 4 × PP 4 × DP 2, EP 16');
    await expect(page.getByTestId('top-reason')).toContainText('32 GPUs');
    await page.getByTestId('jump-issues').click();
    await expect(page.getByTestId('issues')).toBeInViewport();
    await page.getByTestId('jump-claims').click();
    await expect(page.getByTestId('claims-audit')).toBeInViewport();
  });

  test('the first Tab stop skips to the results', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveText('Skip to the results');
    await page.keyboard.press('Enter');
    await expect(page.locator('#results')).toBeFocused();
  });
});
