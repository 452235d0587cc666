import { test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
test('look', async ({ page }) => {
  const x = new ExplorerPage(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  await x.open();
  await x.choosePreset('deepseek-v3-2048');
  const fw = page.locator('aside select').filter({ hasText: 'Megatron' }).first();
  await fw.scrollIntoViewIfNeeded();
  await page.locator('aside').screenshot({ path: '/tmp/look-aside1.png' });
  const cg = page.locator('aside').getByText('CUDA graphs').first();
  await cg.scrollIntoViewIfNeeded();
  await page.locator('aside').screenshot({ path: '/tmp/look-aside2.png' });
  const dd = page.locator('aside').getByText('Node-level dedup').first();
  await dd.scrollIntoViewIfNeeded();
  await page.locator('aside').screenshot({ path: '/tmp/look-aside3.png' });
});
