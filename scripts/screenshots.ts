/**
 * Screenshots of the explorer for a human to look at (not committed):
 *   npx tsx scripts/screenshots.ts [outDir]
 * The seed scenario and a 256-GPU DeepSeek-V3 run, at 1920×1080, 1440×900 and
 * 390×844, each as the first screen and as the full page.
 * SHOT_PORT picks the preview port (default 4182); EXTRA_QUERY adds a case.
 */
import { mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from '../bench/browser';
import { encodePermalink } from '../src/state/permalink';
import { DEFAULT_VIEW } from '../src/state/view';
import { scenarioPreset } from '../src/presets/scenarios';

const out = process.argv[2] ?? 'screenshots';
mkdirSync(out, { recursive: true });
execSync('npx vite build --logLevel error', { stdio: 'inherit' });
const port = Number(process.env.SHOT_PORT ?? 4182);
const server = await preview({ preview: { port, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const cases = [
  { name: 'seed', query: '' },
  { name: 'deepseek-256', query: encodePermalink(scenarioPreset('deepseek-v3-256')!.scenario, DEFAULT_VIEW) },
  ...(process.env.EXTRA_QUERY ? [{ name: 'extra', query: process.env.EXTRA_QUERY }] : []),
];
try {
  for (const c of cases) {
    for (const [w, h] of [
      [1920, 1080],
      [1440, 900],
      [390, 844],
    ]) {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await page.goto(`http://127.0.0.1:${port}/${c.query}`);
      await page.waitForFunction(() => !!window.explorer);
      await page.evaluate(() => window.explorer!.ready());
      // Off-screen panels skip rendering (content-visibility: auto); draw them all for the full-page capture.
      await page.addStyleTag({ content: '.panel { content-visibility: visible !important; }' });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/${c.name}-${w}x${h}.png` });
      await page.screenshot({ path: `${out}/${c.name}-${w}x${h}-full.png`, fullPage: true });
      await page.close();
    }
  }
} finally {
  await browser.close();
  server.httpServer.close();
}
console.log(`screenshots in ${out}/`);
