/**
 * Workers that die, in the real browser (the README: "a worker that dies or
 * hangs is restarted and the newest scenario re-sent"). Nothing in the app is
 * test-only: an init script wraps window.Worker so that the test can kill a
 * worker as the browser does when one crashes (terminated, then an error
 * event), on the messages the test picks.
 */
import { expect, test, type Page } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

interface Faults {
  /** Kill the evaluator's worker on the next this many evaluation requests. */
  evaluatorKills: number;
  /** Kill the evaluator's worker on every evaluation request of a scenario with this TP. */
  killTp: number | null;
  /** Kill the search worker of part 0 on this many of its runs. */
  searchPart0Kills: number;
  killed: number;
}

declare global {
  interface Window {
    __faults: Faults;
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const faults: Faults = { evaluatorKills: 0, killTp: null, searchPart0Kills: 0, killed: 0 };
    window.__faults = faults;
    const Real = window.Worker;
    type Wire = { type?: string; path?: string[]; argumentList?: { value?: unknown }[] };
    window.Worker = class extends Real {
      private readonly kind: string;
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.kind = options?.name ?? '';
      }
      override postMessage(message: unknown, transfer?: unknown) {
        super.postMessage(message, transfer as Transferable[]);
        const m = message as Wire;
        if (m?.type !== 'APPLY') return;
        const arg = (i: number) => m.argumentList?.[i]?.value as never;
        let kill = false;
        if (this.kind === 'evaluator' && m.path?.[0] === 'evaluate') {
          const tp = (arg(0) as { parallel?: { tp?: number } }).parallel?.tp;
          if (faults.evaluatorKills > 0) {
            faults.evaluatorKills--;
            kill = true;
          } else if (faults.killTp !== null && tp === faults.killTp) kill = true;
        }
        if (
          this.kind === 'search' &&
          m.path?.[0] === 'run' &&
          (arg(2) as { index: number }).index === 0 &&
          faults.searchPart0Kills > 0
        ) {
          faults.searchPart0Kills--;
          kill = true;
        }
        // As a crash: the worker is gone mid-task and the page gets an error event.
        if (kill)
          setTimeout(() => {
            faults.killed++;
            this.terminate();
            this.dispatchEvent(new ErrorEvent('error', { message: 'killed by the test' }));
          }, 0);
      }
    } as typeof Worker;
  });
});

const setFaults = (page: Page, patch: Partial<Faults>) =>
  page.evaluate((p) => Object.assign(window.__faults, p), patch);
const killed = (page: Page) => page.evaluate(() => window.__faults.killed);
const START = '?v=1&parallel.tp=1&parallel.pp=1&parallel.dp=16&parallel.ep=1&workload.microBatches=1';

test.describe('evaluator worker faults', () => {
  test('a worker that dies once on a scenario: the scenario is evaluated by a fresh worker, no message', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open(START);
    await setFaults(page, { evaluatorKills: 1 });
    await x.stepSlider('parallel.tp', 'ArrowRight'); // waits for ready(), which rejects on a failure
    expect(await killed(page)).toBe(1);
    expect((await x.evaluation())!.scenario.parallel.tp).toBe(2);
    await expect(page.getByTestId('evaluator-error')).toHaveCount(0);
    await expect(page).toHaveURL(/parallel\.tp=2/);
  });

  test('a scenario that kills a fresh worker too: the message names it, and controls, link and numbers are back on the last scenario evaluated', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open(START);
    await setFaults(page, { killTp: 2 });
    const box = page.locator('[data-field="parallel.tp"] input[type="text"]');
    await box.fill('2');
    await box.press('Enter');
    // Both deaths first (counted, not timed): on a loaded machine the page may not have taken the new value yet
    // when the press returns, and ready() would then settle on the scenario before it.
    await page.waitForFunction(() => window.__faults.killed >= 2);
    const outcome = await page.evaluate(() =>
      window.explorer!.ready().then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(await killed(page)).toBe(2);
    expect(outcome).toMatch(
      /^The evaluator failed on the scenario .*parallel\.tp=2.*: the evaluator crashed \(killed by the test\), and again on a fresh worker\. The controls and numbers are back on the last scenario it evaluated \(.*\)\.$/,
    );
    await expect(page.getByTestId('evaluator-error')).toHaveText(outcome);
    // One scenario everywhere: the one whose numbers are shown.
    await expect(box).toHaveValue('1');
    expect((await x.scenario()).parallel.tp).toBe(1);
    expect((await x.evaluation())!.scenario.parallel.tp).toBe(1);
    await expect(page).not.toHaveURL(/parallel\.tp=2/);
    // The next edit is evaluated as usual and the message goes.
    await setFaults(page, { killTp: null });
    await x.stepSlider('parallel.tp', 'ArrowRight');
    expect((await x.evaluation())!.scenario.parallel.tp).toBe(2);
    await expect(page.getByTestId('evaluator-error')).toHaveCount(0);
  });
});

test.describe('search worker faults', () => {
  // Large enough that every worker of the pool has a part to search.
  const BIG = '?v=1&gpus=1024&workload.globalBatch=1024';

  async function startSearch(page: Page) {
    await page.getByTestId('search-open').click();
    await expect(page.getByTestId('search-count')).toContainText('strategies');
    await page.getByTestId('search-run').click();
  }

  test('a search worker that dies: its part is searched again on a fresh worker, the search completes and says so', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const x = new ExplorerPage(page);
    await x.open(BIG);
    await setFaults(page, { searchPart0Kills: 1 });
    await startSearch(page);
    await expect(page.getByTestId('search-run')).toBeVisible({ timeout: 100_000 });
    expect(await killed(page)).toBe(1);
    await expect(page.getByTestId('search-progress')).toHaveAttribute('value', '1');
    await expect(page.getByTestId('search-note')).toHaveText(
      'One search worker stopped and was restarted; every strategy was searched.',
    );
  });

  test('a part on which the fresh worker dies too: the search ends early with a message, the rows found are kept, Search works again', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const x = new ExplorerPage(page);
    await x.open(BIG);
    await setFaults(page, { searchPart0Kills: 2 });
    await startSearch(page);
    await expect(page.getByTestId('search-run')).toBeVisible({ timeout: 100_000 });
    expect(await killed(page)).toBe(2);
    const ended = page.getByTestId('search-ended-early');
    await expect(ended).toContainText(
      /^A search worker stopped \(it crashed: killed by the test\), and so did a fresh one on the same part: [\d,]+ of [\d,]+ strategies searched; the rows found are shown, ranked\./,
    );
    const [found, total] = (await ended.textContent())!
      .match(/([\d,]+) of ([\d,]+) strategies/)!
      .slice(1)
      .map((n) => Number(n.replace(/,/g, '')));
    const workers = await page.evaluate(() => Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 8)));
    // Part 0 is lost; the other parts were searched to the end.
    expect(found).toBeLessThan(total);
    if (workers > 1) {
      expect(found).toBeGreaterThan(0);
      await expect(page.getByTestId('search-row').first()).toBeVisible();
    }
    await expect(page.getByText('(ended early)')).toBeVisible();
    // Search works again (and, with no fault, searches everything).
    await page.getByTestId('search-run').click();
    await expect(page.getByTestId('search-run')).toBeVisible({ timeout: 100_000 });
    await expect(page.getByTestId('search-progress')).toHaveAttribute('value', '1');
    await expect(page.getByTestId('search-ended-early')).toHaveCount(0);
  });
});
