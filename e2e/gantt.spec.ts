/**
 * Issue 9: the Gantt on a projector and a phone. Row labels are whole at any
 * chart font (presenter mode draws chart text at 15 px), TP and EP
 * communication have their own textures and legend entries, and nothing in
 * the Gantt's panel (the side tables included) is wider than the panel.
 */
import { expect, test, type Page } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

const SHOTS = '/tmp/shots-commsplit';

/** Every row label against the plot's left edge and the SVG's own box, in the SVG's user units. */
async function rowLabels(page: Page) {
  return page
    .getByTestId('gantt-row-labels')
    .first()
    .evaluate((g) => {
      const svg = (g as SVGGElement).ownerSVGElement!;
      const clip = svg.querySelector('clipPath rect')!;
      const plotX0 = Number(clip.getAttribute('x'));
      return [...g.querySelectorAll('text')].map((t) => {
        const box = (t as SVGTextElement).getBBox();
        return {
          text: t.textContent,
          left: box.x,
          right: box.x + box.width,
          plotX0,
          svgWidth: svg.width.baseVal.value,
          fontPx: parseFloat(getComputedStyle(t).fontSize),
        };
      });
    });
}

/** Elements of the Gantt's panel that stick out of it (left or right); scroll boxes count, not their scrolled content. */
async function overflowing(page: Page) {
  return page.getByTestId('gantt').evaluate((gantt) => {
    const panel = gantt.closest('.panel') ?? gantt;
    const p = panel.getBoundingClientRect();
    const scrolls = (el: Element) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
    const out: string[] = [];
    for (const el of panel.querySelectorAll('*')) {
      // Inside a box that scrolls or clips sideways: that box is what must fit.
      let inner = false;
      for (let a = el.parentElement; a && a !== panel; a = a.parentElement) if (scrolls(a)) inner = true;
      if (inner) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < p.left - 0.5 || r.right > p.right + 0.5 || r.width > p.width + 0.5)
        out.push(
          `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}[${el.getAttribute('data-testid') ?? ''}] ${Math.round(r.left)}–${Math.round(r.right)} vs ${Math.round(p.left)}–${Math.round(p.right)}`,
        );
    }
    // A box that scrolls sideways fits only if it does not need to (a table cut at the panel's edge).
    const scrolled = [...panel.querySelectorAll('*')]
      .filter(
        (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1,
      )
      .map(
        (el) =>
          `${el.getAttribute('data-testid') ?? el.parentElement?.getAttribute('data-testid') ?? el.tagName} scrolls: ${el.scrollWidth} > ${el.clientWidth}`,
      );
    return { out, scrolled, scrollWidth: panel.scrollWidth, clientWidth: panel.clientWidth };
  });
}

async function expectWholeLabels(page: Page) {
  const labels = await rowLabels(page);
  expect(labels.length).toBeGreaterThan(0);
  for (const l of labels) {
    // Inside the SVG (nothing cut at its left edge) and left of the plot (no block drawn over it).
    expect(l.left, `${l.text} starts inside the chart`).toBeGreaterThanOrEqual(0);
    expect(l.right, `${l.text} ends before the plot`).toBeLessThanOrEqual(l.plotX0);
  }
  return labels;
}

async function expectPanelFits(page: Page) {
  const o = await overflowing(page);
  expect(o.out).toEqual([]);
  expect(o.scrolled).toEqual([]);
  expect(o.scrollWidth).toBeLessThanOrEqual(o.clientWidth);
}

async function openMixtral(page: Page, preset = 'mixtral-8x7b-h100-16') {
  const x = new ExplorerPage(page);
  await x.open();
  await x.choosePreset(preset);
  await expect(x.gantt()).toHaveAttribute('data-render', 'svg');
  // Panels off screen skip layout (content-visibility): measure the Gantt on screen.
  await x.gantt().scrollIntoViewIfNeeded();
  return x;
}

test.describe('Gantt in presenter mode at 1920×1080', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('row labels are whole at the large chart font; TP and EP have their own legend entries and textures; nothing is wider than the panel', async ({
    page,
  }) => {
    const x = await openMixtral(page);
    const before = await expectWholeLabels(page);
    expect(before[0].fontPx).toBe(11);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    // The gutter follows the 15 px labels once they are measured.
    await expect.poll(async () => (await rowLabels(page))[0].plotX0).toBeGreaterThan(before[0].plotX0);
    const labels = await expectWholeLabels(page);
    expect(labels[0].fontPx).toBe(15);
    expect(labels.map((l) => l.text)).toEqual(['stage 0 (GPU pp=0)', 'stage 1 (GPU pp=1)']);

    const e = await x.evaluation();
    const tp = page.getByTestId('gantt-legend-tp');
    const ep = page.getByTestId('gantt-legend-ep');
    await expect(tp).toBeVisible();
    await expect(ep).toBeVisible();
    await expect(tp.locator('svg')).toHaveAttribute('data-pattern', 'hatch');
    await expect(ep.locator('svg')).toHaveAttribute('data-pattern', 'dots');
    // The patterns themselves differ: stripes are a line, dots a circle.
    expect(await tp.locator('pattern line').count()).toBe(1);
    expect(await ep.locator('pattern circle').count()).toBe(1);
    expect(e.time.exposedCommSeconds.ep).toBeGreaterThan(0);
    await expect(ep).toContainText('per step');
    const fb = e.timeline.filter((b) => b.kind !== 'W').length;
    await expect(x.gantt().locator('.gantt-comm')).toHaveCount(fb);
    await expect(x.gantt().locator('.gantt-comm-ep')).toHaveCount(fb);

    await expectPanelFits(page);
    await x.gantt().scrollIntoViewIfNeeded();
    await x.gantt().screenshot({ path: `${SHOTS}/presenter-1920x1080-gantt.png` });

    // DeepSeek-V3 has dense and MoE layers: the widest "Inside one layer" table (five columns).
    await x.choosePreset('deepseek-v3-256');
    await x.gantt().scrollIntoViewIfNeeded();
    await expect(page.getByTestId('gantt-layer-parts').locator('thead th')).toHaveCount(5);
    await expectWholeLabels(page);
    await expectPanelFits(page);
    await x.gantt().screenshot({ path: `${SHOTS}/presenter-1920x1080-gantt-deepseek.png` });
  });
});

test.describe('Gantt and time bar at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('labels whole, side tables inside the panel, TP/EP textured in the step bar', async ({ page }) => {
    const x = await openMixtral(page);
    await expectWholeLabels(page);
    await expectPanelFits(page);
    await expect(page.getByTestId('gantt-layer-parts')).toBeVisible();
    const bar = page.getByTestId('time-breakdown');
    await expect(bar.locator('g[data-part="tp"]')).toHaveAttribute('data-texture', 'stripes');
    await expect(bar.locator('g[data-part="ep"]')).toHaveAttribute('data-texture', 'dots');
    await x.gantt().scrollIntoViewIfNeeded();
    await x.gantt().screenshot({ path: `${SHOTS}/normal-1440x900-gantt.png` });
    await bar.scrollIntoViewIfNeeded();
    await bar.screenshot({ path: `${SHOTS}/normal-1440x900-timebar.png` });

    await x.choosePreset('deepseek-v3-256');
    await x.gantt().scrollIntoViewIfNeeded();
    await expect(page.getByTestId('gantt-layer-parts').locator('thead th')).toHaveCount(5);
    await expectPanelFits(page);
    await x.gantt().screenshot({ path: `${SHOTS}/normal-1440x900-gantt-deepseek.png` });
  });
});

test.describe('Gantt at 1920×1080 (not presenting)', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('the side tables stay inside the panel, with dense and MoE columns', async ({ page }) => {
    const x = await openMixtral(page, 'deepseek-v3-256');
    await expect(page.getByTestId('gantt-layer-parts').locator('thead th')).toHaveCount(5);
    await expectWholeLabels(page);
    await expectPanelFits(page);
    await x.gantt().screenshot({ path: `${SHOTS}/normal-1920x1080-gantt-deepseek.png` });
  });
});

test.describe('Gantt on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('labels are whole and nothing is wider than the panel, presenting or not', async ({ page }) => {
    const x = await openMixtral(page);
    await expectWholeLabels(page);
    await expectPanelFits(page);
    await x.gantt().scrollIntoViewIfNeeded();
    await x.gantt().screenshot({ path: `${SHOTS}/phone-390x844-gantt.png` });
    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
    await expect.poll(async () => (await rowLabels(page))[0].fontPx).toBe(15);
    await expectWholeLabels(page);
    await expectPanelFits(page);
    await x.gantt().scrollIntoViewIfNeeded();
    await x.gantt().screenshot({ path: `${SHOTS}/phone-390x844-presenter-gantt.png` });
  });
});
