import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import { scenarioPreset } from '../src/presets/scenarios';
import { encodePermalink } from '../src/state/permalink';
import { DEFAULT_VIEW } from '../src/state/view';
import { formatMetric } from '../src/ui/format';

const SHOTS = process.env.WALK_SHOTS_DIR ?? '/tmp/shots-walk';
const KEPT = '.test-results/walk';
const seedAfter = scenarioPreset('seed-after')!.scenario;

async function shot(page: Page, name: string) {
  const size = page.viewportSize()!;
  await page.screenshot({ path: `${SHOTS}/${name}-${size.width}x${size.height}.png` });
}

/** Waits for the last step to show what the search found (it runs in the worker pool). */
async function expectFound(page: Page) {
  await expect(page.getByTestId('walk')).toHaveAttribute('data-outcome', 'found', { timeout: 60_000 });
}

test.describe('guided walk through the seed document', () => {
  test.beforeAll(() => {
    mkdirSync(SHOTS, { recursive: true });
    mkdirSync(KEPT, { recursive: true });
  });

  test('step through every claim; the last step offers a strategy that meets every target, and loading it passes them all', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    const x = new ExplorerPage(page);
    await x.open();
    await page.getByTestId('walk-open').click();
    await x.ready();
    const walk = page.getByTestId('walk');
    const e = await x.evaluation();
    // The default scenario states no claims: the button loaded the seed document's.
    expect(e.scenario.claims?.source).toBe(seedAfter.claims && (seedAfter.claims as { source: string }).source);
    const audit = e.claimsAudit;
    expect(audit.length).toBeGreaterThanOrEqual(5);
    const n = audit.length + 2;
    await expect(walk).toHaveAttribute('data-step', '1');
    await expect(page.getByTestId('walk-counter')).toHaveText(`Step 1 of ${n}`);
    await expect(walk).toHaveAttribute('data-kind', 'intro');
    await expect(page).toHaveURL(/view\.walk=1/);

    for (const [i, c] of audit.entries()) {
      // Alternate the button and the arrow key.
      if (i % 2 === 0) await page.getByTestId('walk-next').click();
      else await page.keyboard.press('ArrowRight');
      await expect(walk).toHaveAttribute('data-step', String(i + 2));
      await expect(walk).toHaveAttribute('data-kind', 'claim');
      await expect(page.getByTestId('walk-stated')).toHaveText(formatMetric(c.claim, c.stated));
      await expect(page.getByTestId('walk-computed')).toHaveText(formatMetric(c.claim, c.computed));
      await expect(page.getByTestId('walk-verdict')).toHaveAttribute('data-verdict', c.verdict);
      if (i === 0) await shot(page, 'walk-middle');
    }
    // Back and forward again by keyboard.
    await page.keyboard.press('ArrowLeft');
    await expect(walk).toHaveAttribute('data-step', String(n - 2));
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('walk-next').click();
    await expect(walk).toHaveAttribute('data-step', String(n));
    await expect(walk).toHaveAttribute('data-kind', 'strategy');
    await expectFound(page);
    await expect(page.getByTestId('walk-targets').locator('tbody tr[data-pass="true"]')).toHaveCount(6);
    await shot(page, 'walk-final');
    await page.screenshot({ path: `${KEPT}/walk-final-1440x900.png` });

    await page.getByTestId('walk-load').click();
    await x.ready();
    const after = await x.evaluation();
    expect(after.feasible).toBe(true);
    expect(after.compliance.filter((c) => c.limit !== null)).toHaveLength(6);
    for (const c of after.compliance) expect(c.pass, c.target).not.toBe(false);
    await expect(walk).toHaveAttribute('data-outcome', 'current');

    await page.keyboard.press('Escape');
    await expect(walk).toHaveCount(0);
    await expect(page).not.toHaveURL(/view\.walk/);
  });

  test('a shared link opens step 3 on a phone; the last step there too', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 390, height: 844 });
    const x = new ExplorerPage(page);
    await x.open(encodePermalink(seedAfter, { ...DEFAULT_VIEW, walk: 3 }));
    const walk = page.getByTestId('walk');
    await expect(walk).toHaveAttribute('data-step', '3');
    const e = await x.evaluation();
    await expect(page.getByTestId('walk-stated')).toHaveText(
      formatMetric(e.claimsAudit[1].claim, e.claimsAudit[1].stated),
    );
    await shot(page, 'walk-middle');
    const n = Number(await walk.getAttribute('data-steps'));
    for (let i = 3; i < n; i++) await page.getByTestId('walk-next').click();
    await expect(walk).toHaveAttribute('data-step', String(n));
    await expectFound(page);
    await shot(page, 'walk-final');
  });
});
