import { expect, test } from '@playwright/test';

test('the page loads offline and shows the seed verdict', async ({ page }) => {
  const external: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') external.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'MoE Strategy Explorer' })).toBeVisible();
  await expect(page.getByTestId('seed-feasible')).toContainText('GPU_COUNT');
  await expect(page.getByTestId('seed-params')).toContainText('4.43B');
  expect(external).toEqual([]);
});
