import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';

test.describe('the explorer', () => {
  test('the seed preset shows its violations and badges', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await x.choosePreset('seed-after');
    await expect(x.violation('GPU_COUNT')).toContainText('32 GPUs');
    await expect(x.violation('EP_GROUP')).toBeVisible();
    await expect(x.violation('STATED_PARAMS')).toContainText('4.43B');
    const e = await x.evaluation();
    for (const c of e.compliance) {
      await expect(x.badge(c.target)).toHaveAttribute('data-status', c.pass === null ? 'na' : c.pass ? 'pass' : 'fail');
    }
    await expect(x.badge('commOverheadPct')).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('claims-audit')).toContainText('contradicted');
    await x.expectNoExternalRequests();
  });

  test('moving the TP slider changes the scenario, the badges and the heatmap', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open('?v=1&parallel.tp=1&parallel.pp=1&parallel.dp=16&parallel.ep=1&workload.microBatches=1');
    const before = await x.evaluation();
    expect(before.feasible).toBe(true);
    await expect(x.badge('commOverheadPct')).toHaveAttribute('data-status', 'pass');
    const cellsBefore = await x.heatmap().getAttribute('data-cells');
    const latencyBefore = await x.badge('latencyMs').textContent();
    // TP 1 → 2: now 2 × 1 × 16 = 32 ranks on 16 GPUs.
    await x.stepSlider('parallel.tp', 'ArrowRight');
    const after = await x.scenario();
    expect(after.parallel.tp).toBe(2);
    await expect(x.heatmap()).toHaveAttribute('data-cells', '32');
    expect(cellsBefore).toBe('16');
    await expect(x.violation('GPU_COUNT')).toBeVisible();
    await expect(page.getByTestId('status-parallel.tp')).toContainText('GPU_COUNT');
    // The badges now describe the new strategy: its latency differs, and the offending control is highlighted.
    expect(await x.badge('latencyMs').textContent()).not.toBe(latencyBefore);
    await expect(page.locator('[data-field="parallel.tp"]')).toHaveClass(/highlighted/);
    const e = await x.evaluation();
    expect(e.scenario.parallel.tp).toBe(2);
    await expect(page).toHaveURL(/parallel\.tp=2/);
    await x.expectNoExternalRequests();
  });

  test('a copied link opened in a fresh page reproduces the scenario and the view', async ({
    page,
    context,
    browser,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const x = new ExplorerPage(page);
    await x.open();
    await x.choosePreset('seed-before');
    await page.getByLabel('Colour by').selectOption('busy');
    await page.locator('[data-testid="heatmap"] rect.gpu-cell[data-rank="3"]').click();
    await expect(x.heatmap()).toHaveAttribute('data-selected', '3');
    await page.getByTestId('copy-link').click();
    await expect(page.getByTestId('copy-link')).toHaveText(/copied|shown/);
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('view.metric=busy');
    expect(link).toContain('view.gpu=3');
    const scenario = await x.scenario();
    const evaluation = await x.evaluation();

    const fresh = await browser.newContext();
    const other = new ExplorerPage(await fresh.newPage());
    await other.page.goto(link);
    await other.ready();
    expect(await other.scenario()).toEqual(scenario);
    expect(JSON.stringify(await other.evaluation())).toBe(JSON.stringify(evaluation));
    await expect(other.page.getByLabel('Colour by')).toHaveValue('busy');
    await expect(other.heatmap()).toHaveAttribute('data-selected', '3');
    await fresh.close();
  });

  test('a malformed link shows a banner naming the field and a working page', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open('?v=1&parallel.tp=0&workload.precision=fp4&bogus=1&parallel.pp=2');
    const banner = page.getByTestId('banner');
    await expect(banner).toContainText('parallel.tp');
    await expect(banner).toContainText('workload.precision');
    await expect(banner).toContainText('bogus');
    const s = await x.scenario();
    expect(s.parallel.tp).toBe(1); // clamped to the nearest allowed value
    expect(s.parallel.pp).toBe(2); // the valid part of the link is kept
    expect(s.workload.precision).toBe('fp16');
    await expect(x.heatmap()).toBeVisible();
    await x.stepSlider('parallel.tp', 'ArrowRight');
    expect((await x.scenario()).parallel.tp).toBe(2);
  });

  test('the heatmap has one cell per GPU', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open('?v=1&gpu=h100-sxm&gpus=64&tp=2&pp=4&dp=8&ep=8');
    const e = await x.evaluation();
    expect(e.perGpu).toHaveLength(64);
    await expect(x.heatmap()).toHaveAttribute('data-cells', '64');
    await expect(page.locator('[data-testid="heatmap"] rect.gpu-cell')).toHaveCount(64);
  });

  test('the Gantt chart of 1F1B training shows 2·P·m blocks', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open(
      '?v=1&workload.mode=training&parallel.tp=4&parallel.pp=4&parallel.dp=1&parallel.ep=4&parallel.schedule=1f1b',
    );
    const e = await x.evaluation();
    const { stages: P, microBatches: m } = e.pipeline;
    expect(P * m).toBe(32);
    await expect(page.locator('[data-testid="gantt"] rect.gantt-block')).toHaveCount(2 * P * m);
    await expect(page.locator('[data-testid="gantt"] rect.gantt-block[data-kind="F"]')).toHaveCount(P * m);
    await expect(page.locator('[data-testid="gantt"] rect.gantt-block[data-kind="B"]')).toHaveCount(P * m);
  });

  test('the evaluation on screen is the one the CLI prints', async ({ page }) => {
    const { evaluate } = await import('../src/core');
    const x = new ExplorerPage(page);
    await x.open('?v=1&parallel.tp=8&parallel.pp=2&hardware.gpu=h100-sxm&hardware.count=64');
    const onScreen = await x.evaluation();
    const cli = evaluate({ parallel: { tp: 8, pp: 2 }, hardware: { gpu: 'h100-sxm', count: 64 } });
    expect(JSON.stringify(onScreen)).toBe(JSON.stringify(cli));
  });

  test('Back returns to the previous scenario', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await x.choosePreset('seed-before');
    expect((await x.scenario()).parallel.tp).toBe(8);
    await x.choosePreset('seed-fixed-16gpu');
    expect((await x.scenario()).parallel.tp).toBe(1);
    await page.goBack();
    await x.ready();
    await expect.poll(async () => (await x.scenario()).parallel.tp).toBe(8);
  });

  test('an out-of-range number typed in a box is refused with the field named, and the last good scenario stays', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open();
    const box = page.getByLabel('TP value', { exact: true });
    await box.fill('0');
    await box.press('Enter');
    await expect(page.locator('[data-field="parallel.tp"] [role="alert"]')).toContainText('parallel.tp');
    expect((await x.scenario()).parallel.tp).toBe(4);
    await expect(x.heatmap()).toBeVisible();
  });

  test('a Hugging Face config.json fills the model', async ({ page }) => {
    const x = new ExplorerPage(page);
    await x.open();
    await page.locator('summary', { hasText: /^Model$/ }).click();
    await page.getByText('Import from a Hugging Face config.json').click();
    const config = {
      architectures: ['MixtralForCausalLM'],
      model_type: 'mixtral',
      hidden_size: 4096,
      intermediate_size: 14336,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 8,
      vocab_size: 32000,
      num_local_experts: 8,
      num_experts_per_tok: 2,
      hidden_act: 'silu',
      tie_word_embeddings: false,
      rope_theta: 1e6,
    };
    await page.getByLabel('config.json contents').fill(JSON.stringify(config));
    await expect(page.getByText(/Ignored/)).toBeVisible();
    await page.getByRole('button', { name: 'Apply to scenario' }).click();
    await x.ready();
    const s = await x.scenario();
    expect(s.model.moe?.experts).toBe(8);
    expect(s.model.kvHeads).toBe(8);
    expect((await x.evaluation()).params.total / 1e9).toBeCloseTo(46.7, 1);
  });
});

test('an enormous strategy in a link still gives a working page', async ({ page }) => {
  const x = new ExplorerPage(page);
  // 262,144 GPUs (the most the explorer evaluates) and 256 pipeline stages × 512 micro-batches: not drawn GPU by GPU, schedule extrapolated.
  await x.open('?v=1&gpus=262144&tp=8&pp=256&dp=128&ep=1&mb=512&workload.globalBatch=65536&workload.seqLenRange=null');
  await expect(page.getByTestId('banner')).toHaveCount(0);
  const e = await x.evaluation();
  expect(e.perGpu).toEqual([]);
  expect(Number.isFinite(e.latencySeconds)).toBe(true);
  await expect(x.heatmap()).toContainText('Too many GPUs to draw one by one');
  await x.stepSlider('parallel.tp', 'ArrowLeft');
  expect((await x.scenario()).parallel.tp).toBe(7);
});

test('a drag and a burst of key presses each add one history entry; a preset adds one', async ({ page }) => {
  const x = new ExplorerPage(page);
  await x.open();
  const length = () => page.evaluate(() => history.length);
  const start = await length();
  // Drag the PP slider from its thumb to the far right.
  const box = (await x.slider('parallel.pp').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.down();
  for (const f of [0.4, 0.55, 0.7, 0.85, 1])
    await page.mouse.move(box.x + box.width * f, box.y + box.height / 2, { steps: 3 });
  await page.mouse.up();
  await x.ready();
  await expect.poll(length).toBe(start + 1);
  expect((await x.scenario()).parallel.pp).toBe(16);
  // Three quick steps of the TP slider: one entry.
  await x.slider('parallel.tp').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await x.ready();
  await expect.poll(length).toBe(start + 2);
  await x.choosePreset('seed-before');
  await expect.poll(length).toBe(start + 3);
  // Back undoes the preset, then the key presses as one.
  await page.goBack();
  await expect.poll(async () => (await x.scenario()).parallel.tp).toBe(7);
  await page.goBack();
  await expect.poll(async () => (await x.scenario()).parallel.tp).toBe(4);
  expect((await x.scenario()).parallel.pp).toBe(16);
});

test('number boxes can be retyped, continuous sliders take every key press, a click on a track moves the slider', async ({
  page,
}) => {
  const x = new ExplorerPage(page);
  await x.open();
  // Retype DP: the half-typed box is not snapped back.
  const dp = page.getByLabel('DP value', { exact: true });
  await dp.fill('');
  await dp.type('8');
  await dp.press('Enter');
  await x.ready();
  expect((await x.scenario()).parallel.dp).toBe(8);
  // Five quick presses on the routing-skew slider: five steps of 0.05.
  await x.slider('parallel.routing.skew').focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await x.ready();
  await expect.poll(async () => (await x.scenario()).parallel.routing.skew).toBeCloseTo(0.25, 9);
  // A quick click near the start of the EP track.
  await x.slider('parallel.ep').scrollIntoViewIfNeeded();
  const box = (await x.slider('parallel.ep').boundingBox())!;
  await page.mouse.click(box.x + 4, box.y + box.height / 2);
  await x.ready();
  await expect.poll(async () => (await x.scenario()).parallel.ep).toBe(1);
});

test.describe('serving', () => {
  test('an inference scenario shows TTFT, TPOT, end to end and the KV-limited batch; an fp8 KV cache raises the batch', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open('?v=1&parallel.tp=1&parallel.pp=1&parallel.dp=16&parallel.ep=1&workload.microBatches=1');
    const panel = page.getByTestId('serving');
    await expect(panel).toContainText('Time to first token');
    await expect(panel.locator('[data-metric="e2e"]')).toContainText('TTFT + (128 − 1) × TPOT');
    const e = await x.evaluation();
    expect(e.serving).not.toBeNull();
    const before = e.serving!.maxBatchByKv;
    await expect(panel.locator('[data-metric="maxBatch"]')).toContainText(before.toLocaleString('en-US'));
    await x.open(
      '?v=1&parallel.tp=1&parallel.pp=1&parallel.dp=16&parallel.ep=1&workload.microBatches=1&workload.kvCachePrecision=fp8',
    );
    const after = await x.evaluation();
    expect(after.serving!.maxBatchByKv).toBeGreaterThan(1.5 * before);
    await x.open('?v=1&workload.mode=training');
    await expect(page.getByTestId('serving')).toHaveCount(0);
    await x.expectNoExternalRequests();
  });
});

test.describe('time of one step', () => {
  test('an MoE training step shows where its compute goes: experts, router, permutation, host; the parts add up to compute', async ({
    page,
  }) => {
    const x = new ExplorerPage(page);
    await x.open('?v=1&workload.mode=training&parallel.capacityFactor=null');
    const parts = page.getByTestId('compute-parts');
    await expect(parts).toContainText('Routed experts');
    await expect(parts).toContainText('Router');
    await expect(parts).toContainText('Permute / unpermute');
    const e = await x.evaluation();
    const sum = e.time.computeParts!.reduce((a, p) => a + p.seconds, 0);
    expect(sum).toBeCloseTo(e.time.computeSeconds, 9);
    await expect(parts.locator('[data-compute-part]')).toHaveCount(
      e.time.computeParts!.filter((p) => p.seconds > 0).length,
    );
    await x.expectNoExternalRequests();
  });
});
