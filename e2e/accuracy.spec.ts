/**
 * The accuracy panel (issue 14, item 4): every "± N%" band opens the page's
 * own table of the model's error per class, with the band's class
 * highlighted; `#accuracy` opens it too, on load, beside a permalink's query.
 */
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import { encodePermalink, setAtPath } from '../src/state/permalink';
import { scenarioPreset } from '../src/presets/scenarios';
import { ERROR_BANDS, errorBandOf, formatErrorBand } from '../src/core';

const SHOTS = process.env.ACCURACY_SHOTS_DIR ?? '.test-results/accuracy';
const mixtral = scenarioPreset('mixtral-8x7b-h100-16')!.scenario;

test.describe('accuracy panel', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('a headline band opens the panel with its class highlighted and its figures; Escape closes it', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open(encodePermalink(mixtral));
    const band = errorBandOf(await x.evaluation())!;
    const query = new URL(page.url()).search;
    const link = page.getByTestId('band-latency');
    await link.click();
    const panel = page.getByRole('dialog', { name: 'How accurate are these numbers' });
    await expect(panel).toBeVisible();
    await expect(panel).toHaveAttribute('data-band-class', band.key);
    await expect(page.getByTestId('accuracy-close')).toBeFocused();
    expect(new URL(page.url()).hash).toBe('#accuracy');

    const rows = panel.getByTestId('accuracy-row');
    await expect(rows).toHaveCount(Object.keys(ERROR_BANDS).length);
    const current = panel.locator('[data-testid="accuracy-row"][aria-current="true"]');
    await expect(current).toHaveCount(1);
    await expect(current).toHaveAttribute('data-band-class', band.key);
    const row = ERROR_BANDS[band.key];
    await expect(current.locator('th, td')).toHaveText([
      row.label,
      String(row.rows),
      `${row.inSampleMaePct.toFixed(1)}%`,
      `${row.outOfSampleMaePct.toFixed(1)}%`,
      formatErrorBand(row.outOfSampleMaePct),
    ]);
    // The band on the page and the band in the table are one figure.
    await expect(current.locator('td').last()).toHaveText(formatErrorBand(band.pct));
    await expect(panel.getByTestId('accuracy-from')).toContainText(band.label);
    await expect(panel.getByRole('link', { name: 'How accurate the numbers are' })).toHaveAttribute(
      'href',
      'README.md#how-accurate-the-numbers-are',
    );
    await page.screenshot({ path: `${SHOTS}/panel-laptop.png` });

    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(link).toBeFocused();
    expect(new URL(page.url()).hash).toBe('');
    // The permalink's query is untouched by opening and closing.
    expect(new URL(page.url()).search).toBe(query);
    await x.expectNoExternalRequests();
  });

  test('#accuracy opens it on load beside a permalink; the header button and a serving band open it too', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open(`${encodePermalink(setAtPath(mixtral, 'workload.microBatches', 8))}#accuracy`);
    const panel = page.getByTestId('accuracy-panel');
    await expect(panel).toBeVisible();
    await expect(panel.locator('[aria-current="true"]')).toHaveCount(0);
    expect((await x.scenario()).workload.microBatches).toBe(8);
    await page.getByTestId('accuracy-close').click();
    await expect(panel).toHaveCount(0);
    expect(new URL(page.url()).search).toContain('microBatches');

    await page.locator('header').screenshot({ path: `${SHOTS}/header-laptop.png` });
    await page.getByTestId('accuracy-open').click();
    await expect(panel).toBeVisible();
    // A click outside the dialog closes it.
    await page.mouse.click(5, 5);
    await expect(panel).toHaveCount(0);

    await x.open();
    const tpot = errorBandOf(await x.evaluation(), 'decode')!;
    await page.getByTestId('serving-band-tpot').click();
    await expect(panel.locator('[aria-current="true"]')).toHaveAttribute('data-band-class', tpot.key);
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 } });
    test('the header button is reachable and the table fits the screen without sideways scrolling', async ({
      page,
    }) => {
      const x = new ExplorerPage(page);
      await x.open();
      await page.getByTestId('accuracy-open').click();
      const panel = page.getByTestId('accuracy-panel');
      await expect(panel).toBeVisible();
      const box = (await panel.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `${SHOTS}/panel-phone.png` });
      // The dialog scrolls up and down only: its content is no wider than the dialog.
      expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    });
  });
});
