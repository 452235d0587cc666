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

test.describe('presenter mode', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('P toggles it; base type is at least 20 px; advanced inputs are tucked away; ? lists the shortcuts; M switches the grid metric', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await x.choosePreset('mixtral-8x7b-h100-16');
    const bodyPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(await bodyPx()).toBeLessThan(20);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
    expect(await bodyPx()).toBeGreaterThanOrEqual(20);
    // Text in the panels, not just the body, is at least 20 px.
    const smallest = await page.evaluate(() => {
      const els = [...document.querySelectorAll('[data-testid="summary-badges"] *, [data-testid="first-screen"] *')].filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()));
      return Math.min(...els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    });
    expect(smallest).toBeGreaterThanOrEqual(20);
    await expect(page.getByTestId('hf-import')).toBeHidden();
    await page.screenshot({ path: 'test-results/presenter-1920x1080.png' });

    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-help')).toBeVisible();
    await expect(page.getByTestId('shortcuts-help')).toContainText('Step the focused parameter');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcuts-help')).toBeHidden();

    const metric = () => page.evaluate(() => new URL(location.href).searchParams.get('view.metric'));
    await page.keyboard.press('m');
    await expect.poll(metric).toBe('busy');

    await page.keyboard.press('p');
    await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'on');
    expect(await bodyPx()).toBeLessThan(20);
    // The button does the same.
    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  });
});
