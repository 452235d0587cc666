/**
 * Compare (issue 9, item 6): pin the scenario on screen as A, change it into
 * B, and read both, with the change of every metric, both Gantt charts on
 * one time axis, and both scenarios in the permalink (`compare=` holds A).
 */
import { expect, test, type Page } from '@playwright/test';
import { linkMismatches } from './pages/linkFuzz';
import { ExplorerPage } from './pages/explorer';
import { decodePermalink, encodePermalink, setAtPath } from '../src/state/permalink';
import { scenarioPreset } from '../src/presets/scenarios';
import { compareEvaluations } from '../src/ui/compare/deltas';
import type { Evaluation } from '../src/core';

const SHOTS = process.env.COMPARE_SHOTS_DIR ?? '.test-results/compare';
const mixtral = scenarioPreset('mixtral-8x7b-h100-16')!.scenario;
/** The Mixtral preset with one micro-batch: the bubble is (p − 1)/(m + p − 1) = 1/2. */
const MB1 = encodePermalink(setAtPath(mixtral, 'workload.microBatches', 1));

type Both = { a: { evaluation: Evaluation | null } | null; b: { evaluation: Evaluation | null } };
const both = (page: Page) => page.evaluate(() => window.explorer!.compare()) as Promise<Both>;

/** Pins A with the key, then steps the micro-batch slider up to 16. */
async function pinAndGoTo16(x: ExplorerPage) {
  await x.open(MB1);
  await x.page.locator('body').press('a');
  await expect(x.page.getByTestId('compare')).toHaveAttribute('data-state', 'ready');
  for (let i = 0; i < 20 && (await x.scenario()).workload.microBatches < 16; i++)
    await x.stepSlider('workload.microBatches', 'ArrowRight');
  expect((await x.scenario()).workload.microBatches).toBe(16);
  await x.ready();
}

/** What the compare table shows, row by row. */
function tableOf(page: Page) {
  return page
    .getByTestId('compare-table')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('data-testid')!.replace('compare-row-', ''),
        verdict: r.getAttribute('data-verdict'),
        a: r.querySelector('[data-testid="compare-a"]')!.textContent,
        b: r.querySelector('[data-testid="compare-b"]')!.textContent,
        delta: r.querySelector('[data-testid="compare-delta"]')!.textContent,
      })),
    );
}

/** The table the evaluations in window.explorer call for. */
function expectedTable(a: Evaluation, b: Evaluation) {
  return compareEvaluations(a, b).map((r) => ({
    id: r.id,
    verdict: r.verdict,
    a: r.aText,
    b: r.bText,
    delta: r.verdict === 'n/a' ? '–' : [r.deltaText, r.pctText].filter(Boolean).join(' · '),
  }));
}

/** The right edge of the last block drawn in a compare Gantt, CSS px from the plot's left. */
function lastBlockEnd(page: Page, which: 'a' | 'b') {
  return page
    .getByTestId(`compare-gantt-${which}`)
    .locator('rect.gantt-block')
    .evaluateAll((rects) =>
      Math.max(...rects.map((r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width')))),
    );
}

test('pin A, change micro-batches 1 → 16: both columns and every change as the evaluations give them; both in the link; a fresh page shows the same', async ({
  page,
  context,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const x = new ExplorerPage(page);
  await pinAndGoTo16(x);
  const { a, b } = await both(page);
  expect(a!.evaluation!.scenario.workload.microBatches).toBe(1);
  expect(b.evaluation!.scenario.workload.microBatches).toBe(16);
  const shown = await tableOf(page);
  expect(shown).toEqual(expectedTable(a!.evaluation!, b.evaluation!));
  // The bubble: 1F1B on 2 stages, 50% at one micro-batch; lower at sixteen, which is better.
  const bubble = shown.find((r) => r.id === 'bubble')!;
  expect(bubble.a).toBe('50.0%');
  expect(bubble.verdict).toBe('better');
  expect(bubble.delta).toMatch(/^−\d+\.\d pts · −\d+\.\d%$/);
  expect(shown.find((r) => r.id === 'feasible')).toMatchObject({ a: 'no: 1 error', b: 'yes', verdict: 'better' });
  await expect(page.getByTestId('compare-row-bubble')).toContainText('lower is better');
  await expect(page.getByTestId('compare-strategy-a')).toContainText('1 micro-batch');
  await expect(page.getByTestId('compare-strategy-b')).toContainText('16 micro-batches');

  // One time axis: both charts span A's longer step, so B's pipeline draws shorter, in proportion.
  const [endA, endB] = [await lastBlockEnd(page, 'a'), await lastBlockEnd(page, 'b')];
  const plotStart = await page.getByTestId('compare-gantt-a').locator('rect.gantt-block').first().getAttribute('x');
  const ratio = (endB - Number(plotStart)) / (endA - Number(plotStart));
  expect(ratio).toBeCloseTo(b.evaluation!.pipeline.makespanSeconds / a!.evaluation!.pipeline.makespanSeconds, 1);
  expect(ratio).toBeLessThan(0.7);

  // The link: B's fields as before, A in compare=. The address bar follows the store a moment later.
  await expect.poll(async () => page.url() === (await page.evaluate(() => window.explorer!.link()))).toBe(true);
  const url = new URL(page.url());
  const link = decodePermalink(url.search);
  expect(link.problems).toEqual([]);
  expect(link.doc).toMatchObject({ workload: { microBatches: 16 } });
  expect(link.compare).toMatchObject({ workload: { microBatches: 1 } });
  expect(url.search).toContain('&compare=');
  expect(await page.evaluate(() => window.explorer!.link())).toBe(page.url());
  await page.getByTestId('compare').screenshot({ path: `${SHOTS}/compare-e2e-1440.png` });

  // Opened fresh: both scenarios, the same numbers.
  const fresh = new ExplorerPage(await context.newPage());
  await fresh.open(url.search);
  await expect(fresh.page.getByTestId('compare')).toHaveAttribute('data-state', 'ready');
  const again = await both(fresh.page);
  expect(again.a!.evaluation!.latencySeconds).toBe(a!.evaluation!.latencySeconds);
  expect(again.b.evaluation!.latencySeconds).toBe(b.evaluation!.latencySeconds);
  expect(again.a!.evaluation!.pipeline.simulatedBubbleFraction).toBe(a!.evaluation!.pipeline.simulatedBubbleFraction);
  expect(await tableOf(fresh.page)).toEqual(shown);
  await expect(fresh.page.getByTestId('banner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('swap, put A on screen, unpin: each moves the scenarios as it says, and the link follows', async ({ page }) => {
  const x = new ExplorerPage(page);
  await pinAndGoTo16(x);
  await page.getByTestId('compare-swap').click();
  await x.ready();
  expect((await x.scenario()).workload.microBatches).toBe(1);
  expect((await both(page)).a!.evaluation!.scenario.workload.microBatches).toBe(16);
  await expect(page.getByTestId('compare-row-bubble')).toHaveAttribute('data-verdict', 'worse');
  await page.getByTestId('compare-show-a').click();
  await x.ready();
  expect((await x.scenario()).workload.microBatches).toBe(16);
  await expect(page.getByTestId('compare-summary')).toHaveText('A and B score the same on every metric.');
  await page.getByTestId('compare-unpin').click();
  await expect(page.getByTestId('compare')).toHaveCount(0);
  await expect(page).not.toHaveURL(/[?&]compare=/);
  expect((await both(page)).a).toBeNull();
  // Back: A pinned again.
  await page.goBack();
  await expect(page.getByTestId('compare')).toHaveAttribute('data-state', 'ready');
});

test('a malformed compare= : a banner naming compare and the field; B as the link gives it; nothing usable pins nothing', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const x = new ExplorerPage(page);
  await x.open(`?mb=16&tp=2&compare=${encodeURIComponent('parallel.pp=banana&workload.microBatches=2')}`);
  await expect(page.getByTestId('banner')).toContainText('compare (scenario A): parallel.pp: "banana"');
  expect((await x.scenario()).workload.microBatches).toBe(16);
  expect((await x.scenario()).parallel.tp).toBe(2);
  // The nearest valid A: what could be read.
  expect((await both(page)).a!.evaluation!.scenario.workload.microBatches).toBe(2);
  await expect(page.getByTestId('compare')).toHaveAttribute('data-state', 'ready');

  await x.open('?mb=16&compare=%3Cb%20id%3Dinjected%3Ex%3C%2Fb%3E');
  await expect(page.getByTestId('banner')).toContainText('compare: nothing in it could be used');
  await expect(page.getByTestId('compare')).toHaveCount(0);
  await expect(page.locator('#injected')).toHaveCount(0);
  expect((await x.scenario()).workload.microBatches).toBe(16);
  // Still a working page.
  await x.stepSlider('parallel.tp', 'ArrowLeft');
  expect((await x.evaluation()).scenario.parallel.tp).toBe((await x.scenario()).parallel.tp);
  expect(errors).toEqual([]);
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
]) {
  test(`screenshot of the compare view at ${size.width}×${size.height}; nothing wider than the page`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    const x = new ExplorerPage(page);
    await pinAndGoTo16(x);
    const panel = page.getByTestId('compare');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${SHOTS}/compare-${size.width}x${size.height}.png` });
    const box = await panel.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(size.width);
    if (size.width < 600) {
      // The phone's screen as the reader sees it, scrolled to the panel's top and to its charts.
      await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${SHOTS}/compare-${size.width}x${size.height}-top.png` });
      await page.getByTestId('compare-gantt-a').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${SHOTS}/compare-${size.width}x${size.height}-charts.png` });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/compare-${size.width}x${size.height}-header.png` });
      // The header's link jumps to the comparison.
      await page.getByTestId('go-compare').click();
      await expect(panel).toBeInViewport();
      // A over B: the two sides stack.
      const [sa, sb] = [
        await page.getByTestId('compare-side-a').boundingBox(),
        await page.getByTestId('compare-side-b').boundingBox(),
      ];
      expect(sb!.y).toBeGreaterThanOrEqual(sa!.y + sa!.height);
    }
  });
}

test('200 mutated, truncated and hostile compare= values in one session: no uncaught error, nothing inserted as HTML, the banner the link calls for, A pinned exactly when usable', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const x = new ExplorerPage(page);
  await x.open();
  // Seeded, so a failing link can be reproduced.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const inners = [MB1.slice(1), 'workload.microBatches=1', 'parallel.tp=8&parallel.pp=2', ''];
  const hostile = [
    '<b id=injected>x</b>',
    '"><script>window.__xss=1</script>',
    '__proto__',
    'NaN',
    '1e308',
    '-1',
    '%E0%A4%A',
    'compare=x',
    'view.gpu=3',
    '&&&',
    '=',
  ];
  const links: string[] = [];
  for (let i = 0; i < 200; i++) {
    let inner = pick(inners);
    if (i % 3 === 0) inner = inner.slice(0, Math.floor(random() * (inner.length + 1)));
    else if (i % 3 === 1) inner += `&${pick(['parallel.tp', 'mb', 'model.name', 'foo', 'compare'])}=${pick(hostile)}`;
    else inner = pick(hostile);
    links.push(`?mb=16&compare=${encodeURIComponent(inner)}`);
  }
  const expected = links.map((q) => {
    const d = decodePermalink(q);
    return { message: d.problems[0]?.message ?? null, pinned: d.compare !== undefined };
  });
  // Both outcomes come up: links that pin an A and links that pin none, clean ones and ones with a banner.
  expect(expected.filter((e) => e.pinned).length).toBeGreaterThan(20);
  expect(expected.filter((e) => !e.pinned).length).toBeGreaterThan(20);
  expect(expected.filter((e) => e.message === null).length).toBeGreaterThan(5);
  const { wrong, xss } = await linkMismatches(page, links, expected);
  expect(wrong.slice(0, 10)).toEqual([]);
  expect(errors).toEqual([]);
  expect(xss).toBeNull();
  // Still a working page, B as the last link gave it.
  await x.ready();
  expect((await x.scenario()).workload.microBatches).toBe(16);
});
