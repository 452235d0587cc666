import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from './browser';
const server = await preview({ preview: { port: 4195, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto('http://127.0.0.1:4195/');
await page.waitForFunction(() => !!window.explorer);
await page.evaluate(() => window.explorer!.ready());
await page.getByTestId('slider-parallel.tp').focus();
for (let i = 0; i < 5; i++) { await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight'); await page.evaluate(() => window.explorer!.ready()); }
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame'] });
for (let k = 0; k < 2; k++) { await page.keyboard.press(k ? 'ArrowLeft' : 'ArrowRight'); await page.evaluate(() => window.explorer!.ready()); await page.waitForTimeout(60); }
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents as any[];
const names = new Map<number, string>();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(e.tid, e.args.name);
const keep = ['EventDispatch', 'HandlePostMessage', 'Paint', 'Layout', 'UpdateLayoutTree', 'FireAnimationFrame', 'TimerFire', 'FunctionCall', 'BeginMainThreadFrame', 'Commit', 'RasterTask', 'DrawFrame', 'PrePaint'];
const t0 = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')?.ts;
const rows = events.filter((e) => (e.ph === 'X' || e.ph === 'I' || e.ph === 'i') && keep.includes(e.name) && e.ts >= t0 - 1000 && e.ts < t0 + 200000)
  .filter((e) => ['CrRendererMain', 'DedicatedWorker thread'].includes(names.get(e.tid) ?? ''))
  .sort((a, b) => a.ts - b.ts);
for (const e of rows) console.log(((e.ts - t0) / 1000).toFixed(1).padStart(6), (names.get(e.tid) ?? '').slice(0, 10).padEnd(11), e.name.padEnd(20), e.dur ? (e.dur / 1000).toFixed(2) : '', e.args?.data?.type ?? '');
await browser.close(); server.httpServer.close();
