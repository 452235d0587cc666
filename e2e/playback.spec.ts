/**
 * Issue 9, item 2: pipeline playback. A cursor moves through the Gantt and
 * the GPU grid shows what each GPU does at that instant; play, pause, step,
 * scrub, "k"; the time axis kept fixed while micro-batches change; the
 * previous schedule drawn faintly behind. Screenshots go to SHOTS.
 */
import { expect, test, type Page } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import type { Evaluation } from '../src/core';

const SHOTS = process.env.PLAYBACK_SHOTS_DIR ?? '.test-results/playback';
const MIXTRAL = 'mixtral-8x7b-h100-16';

const cursorTime = async (page: Page) => Number(await page.getByTestId('gantt-cursor').getAttribute('data-time'));
/** Waits for the browser to draw n frames: the playback advances once per frame. */
const frames = (page: Page, n: number) =>
  page.evaluate(
    (k) =>
      new Promise<void>((done) => {
        const step = (left: number) => (left === 0 ? done() : requestAnimationFrame(() => step(left - 1)));
        step(k);
      }),
    n,
  );

/** Every instant where a stage may change state: block starts and ends, the start of each block's exposed-comm tail, transfer starts and ends (one-chunk schedules). */
function boundaries(e: Evaluation): number[] {
  const p = e.pipeline;
  const out: number[] = [];
  for (const b of e.timeline) {
    out.push(b.start, b.end);
    const comm = b.kind === 'F' ? p.forwardCommSeconds[b.stage] : b.kind === 'B' ? p.backwardCommSeconds[b.stage] : 0;
    if (comm > 0) out.push(b.end - Math.min(comm, b.end - b.start));
  }
  for (const t of e.transfers) out.push(t.start, t.end);
  return out;
}

/** A full-page screenshot of the part from the GPU grid's panel to the Gantt's: both views of the playback in one picture. */
async function shootGridAndGantt(page: Page, path: string) {
  const box = async (sel: string) => (await page.locator(sel).boundingBox())!;
  const grid = await box('section[aria-labelledby="heatmap-title"]');
  const gantt = await box('section[aria-labelledby="gantt-title"]');
  const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
  const x = Math.min(grid.x, gantt.x) + scroll.x;
  const y = Math.min(grid.y, gantt.y) + scroll.y;
  const right = Math.max(grid.x + grid.width, gantt.x + gantt.width) + scroll.x;
  const bottom = Math.max(grid.y + grid.height, gantt.y + gantt.height) + scroll.y;
  await page.screenshot({ path, fullPage: true, clip: { x, y, width: right - x, height: bottom - y } });
}

/** The rightmost block edge, as a share of the plot's width. */
async function rightEdge(page: Page): Promise<number> {
  return page.getByTestId('gantt').evaluate((g) => {
    const svg = g.querySelector('svg.gantt-svg')!;
    const clip = svg.querySelector('clipPath rect')!;
    const x0 = Number(clip.getAttribute('x'));
    const w = Number(clip.getAttribute('width'));
    let right = x0;
    for (const r of svg.querySelectorAll('rect.gantt-block'))
      right = Math.max(right, Number(r.getAttribute('x')) + Number(r.getAttribute('width')));
    return (right - x0) / w;
  });
}

/** Home / End: the slider's smallest or largest value in one change (so "before" is the other end, not a step between). */
async function microBatchesTo(x: ExplorerPage, end: 'Home' | 'End', expected: number) {
  await x.slider('workload.microBatches').focus();
  await x.page.keyboard.press(end);
  await x.ready();
  expect((await x.scenario()).workload.microBatches).toBe(expected);
}

test.describe('pipeline playback', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('play moves the cursor and the grid; pause stops; step goes to the next event; scrub; "k" toggles', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await x.choosePreset(MIXTRAL);
    const e = await x.evaluation();
    const gantt = x.gantt();
    const grid = x.heatmap();
    await expect(page.getByTestId('gantt-cursor')).toHaveCount(0);
    await expect(grid).not.toHaveAttribute('data-playback', 'on');

    // Play: the cursor appears and its time grows.
    await gantt.scrollIntoViewIfNeeded();
    await page.getByTestId('play-toggle').click();
    await expect(page.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'true');
    await expect.poll(() => cursorTime(page)).toBeGreaterThan(0);
    const t1 = await cursorTime(page);
    await expect.poll(() => cursorTime(page)).toBeGreaterThan(t1);
    await expect(grid).toHaveAttribute('data-playback', 'on');
    await expect(page.getByTestId('heatmap-state-legend')).toContainText('computing forward');
    await expect(page.getByTestId('heatmap-state-legend')).toContainText('waiting');
    await shootGridAndGantt(page, `${SHOTS}/playback-1440x900.png`);

    // Pause: the time holds over several frames.
    await page.getByTestId('play-toggle').click();
    await expect(page.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false');
    const paused = await cursorTime(page);
    await frames(page, 6);
    expect(await cursorTime(page)).toBe(paused);

    // Step forward: the nearest boundary after the paused time, none skipped.
    await page.getByTestId('step-forward').click();
    const stepped = await cursorTime(page);
    expect(stepped).toBeGreaterThan(paused);
    const eps = e.pipeline.makespanSeconds * 1e-9;
    const bounds = boundaries(e);
    expect(bounds.some((b) => Math.abs(b - stepped) <= eps)).toBe(true);
    expect(bounds.filter((b) => b > paused + eps && b < stepped - eps)).toEqual([]);
    await page.getByTestId('step-back').click();
    expect(await cursorTime(page)).toBeLessThan(stepped);

    // Scrub: early in the step stage 0 computes and the last stage waits; half-way the grid differs.
    const scrub = page.getByTestId('playback-scrub');
    const firstF = e.timeline.find((b) => b.stage === 0 && b.kind === 'F' && b.microBatch === 0)!;
    await scrub.fill(String(firstF.start + (firstF.end - firstF.start) * 0.1));
    const early = (await grid.getAttribute('data-states'))!.split(' ');
    expect(early).toHaveLength(e.pipeline.stages);
    expect(early[0]).toBe('forward');
    expect(early[early.length - 1]).toBe('idle');
    const idleCells = await grid.locator('.gpu-cell[data-state="idle"]').count();
    const stage0 = e.perGpu.filter((g) => g.inCluster && g.coords.pp === 0).length;
    await expect(grid.locator('.gpu-cell[data-state="forward"]')).toHaveCount(stage0);
    expect(idleCells).toBe(e.perGpu.filter((g) => g.inCluster).length - stage0);
    const lastStage = e.timeline.filter((b) => b.stage === e.pipeline.stages - 1 && b.kind === 'F');
    const mid = lastStage[0].start + (lastStage[0].end - lastStage[0].start) * 0.1;
    await scrub.fill(String(mid));
    await expect(grid).not.toHaveAttribute('data-states', early.join(' '));
    expect((await grid.getAttribute('data-states'))!.split(' ').at(-1)).toBe('forward');

    // "k" plays and pauses (focus away from any text field).
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('k');
    await expect(page.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'true');
    await expect.poll(() => cursorTime(page)).toBeGreaterThan(mid);
    await page.keyboard.press('k');
    await expect(page.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false');

    // Hiding the cursor gives the grid its metric back.
    await page.getByRole('button', { name: 'Hide cursor' }).click();
    await expect(grid).not.toHaveAttribute('data-playback', 'on');
    await expect(page.getByTestId('gantt-cursor')).toHaveCount(0);
    await x.expectNoExternalRequests();
  });

  test('a fixed time axis draws a shorter step shorter; the previous schedule shows behind (Mixtral, micro-batches 1 → 16)', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await x.choosePreset(MIXTRAL);
    await microBatchesTo(x, 'Home', 1);
    const m1 = (await x.evaluation()).pipeline.makespanSeconds;
    const gantt = x.gantt();

    // Without the ghost, and not fixed: the chart stretches to full width.
    await page.getByTestId('ghost-toggle').uncheck();
    expect(await rightEdge(page)).toBeCloseTo(1, 3);
    await page.getByTestId('fixed-axis').check();
    const axis = Number(await gantt.getAttribute('data-axis-end'));
    expect(axis).toBeCloseTo(m1, 9);

    await microBatchesTo(x, 'End', 16);
    const m16 = (await x.evaluation()).pipeline.makespanSeconds;
    expect(m16).toBeLessThan(m1 * 0.8);
    await expect(gantt).toHaveAttribute('data-axis-end', String(axis));
    // The bars end where the shorter step ends on the kept axis.
    expect(await rightEdge(page)).toBeCloseTo(m16 / m1, 2);

    // Before / after: the 1-micro-batch schedule drawn faintly behind the 16.
    await page.getByTestId('ghost-toggle').check();
    await expect(gantt.locator('rect.gantt-ghost').first()).toBeAttached();
    expect(Number(await gantt.getAttribute('data-ghost'))).toBeGreaterThan(0);
    await expect(page.getByTestId('ghost-note')).toContainText('before: PP 2 × 1 micro-batch');
    await expect(gantt.locator('line.gantt-ghost-end')).toHaveCount(1);
    await gantt.screenshot({ path: `${SHOTS}/before-after-1440x900.png` });

    // Unfixed, the ghost alone keeps both on one axis; without either the chart stretches again.
    await page.getByTestId('fixed-axis').uncheck();
    await expect(page.getByTestId('fixed-axis')).not.toBeChecked();
    expect(Number(await gantt.getAttribute('data-axis-end'))).toBeCloseTo(m1, 9);
    await page.getByTestId('ghost-toggle').uncheck();
    await expect(gantt).not.toHaveAttribute('data-axis-end');
    expect(await rightEdge(page)).toBeCloseTo(1, 3);
  });

  test('above 2000 blocks (canvas Gantt) the cursor shows and the grid of 1,024 GPUs follows it', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open(
      '?gpus=1024&gpu=h100-sxm&model=deepseek-v3&workload.mode=training&workload.globalBatch=4096&workload.seqLen=4096&workload.seqLenRange=null&mb=64&workload.recompute=full&tp=1&pp=16&dp=64&ep=64',
    );
    const gantt = x.gantt();
    await expect(gantt).toHaveAttribute('data-render', 'canvas');
    await gantt.scrollIntoViewIfNeeded();
    await page.getByTestId('step-forward').click();
    const t = await cursorTime(page);
    expect(t).toBeGreaterThan(0);
    await expect(page.getByTestId('gantt-cursor')).toHaveAttribute('data-visible', 'true');
    const states = (await x.heatmap().getAttribute('data-states'))!.split(' ');
    expect(states).toHaveLength(16);
    // After the first event only stage 0 has started.
    expect(states.slice(1).every((s) => s === 'idle' || s === 'comm')).toBe(true);
    await page.getByTestId('play-toggle').click();
    await expect.poll(() => cursorTime(page)).toBeGreaterThan(t);
    await gantt.screenshot({ path: `${SHOTS}/canvas-gantt-1440x900.png` });
  });

  test('nothing moves until the user presses play (reduced motion)', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const x = new ExplorerPage(page);
    await x.open();
    await frames(page, 4);
    await expect(page.getByTestId('gantt-cursor')).toHaveCount(0);
    await expect(page.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false');
    await page.getByTestId('play-toggle').click();
    await expect.poll(() => cursorTime(page)).toBeGreaterThan(0);
  });
});

test.describe('playback in presenter mode', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('mid-playback at 1920×1080', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await x.choosePreset(MIXTRAL);
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    await x.heatmap().scrollIntoViewIfNeeded();
    await page.keyboard.press('k');
    await expect.poll(() => cursorTime(page)).toBeGreaterThan(0);
    await expect(x.heatmap()).toHaveAttribute('data-playback', 'on');
    await page.screenshot({ path: `${SHOTS}/presenter-playback-1920x1080.png` });
    await x.gantt().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/presenter-playback-gantt-1920x1080.png` });
    await shootGridAndGantt(page, `${SHOTS}/presenter-playback-both-1920x1080.png`);
  });
});
