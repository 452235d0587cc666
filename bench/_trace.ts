import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from './browser';
const server = await preview({ preview: { port: 4194, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto('http://127.0.0.1:4194/' + (process.argv[2] ?? ''));
await page.waitForFunction(() => !!window.explorer);
await page.evaluate(() => window.explorer!.ready());
await page.getByTestId('slider-parallel.tp').focus();
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
for (let i = 0; i < 20; i++) { await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight'); await page.evaluate(() => window.explorer!.ready()); }
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents as any[];
const names = new Map<number, string>();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(e.tid, e.args.name);
const sum = new Map<string, number>();
for (const e of events) if (e.ph === 'X' && e.dur && ['FunctionCall','HandlePostMessage','RunTask','EventDispatch','TimerFire','Paint','Layout','RasterTask'].includes(e.name)) { const k = `${names.get(e.tid) ?? e.tid} ${e.name}`; sum.set(k, (sum.get(k) ?? 0) + e.dur); }
// Children of EventDispatch on the main thread
const main = [...names.entries()].find(([, n]) => n === 'CrRendererMain')![0];
const disp = events.filter((e) => e.tid === main && e.ph === 'X' && e.name === 'EventDispatch' && e.dur > 2000);
const child = new Map<string, number>();
for (const d of disp) for (const e of events) if (e.tid === main && e.ph === 'X' && e.ts >= d.ts && e.ts + e.dur <= d.ts + d.dur && e !== d) child.set(e.name + ' ' + (e.args?.data?.type ?? e.args?.data?.functionName ?? ''), (child.get(e.name + ' ' + (e.args?.data?.type ?? e.args?.data?.functionName ?? '')) ?? 0) + e.dur);
console.log('EventDispatch >2ms count', disp.length, disp.map((d) => d.args?.data?.type + ':' + (d.dur/1000).toFixed(1)).slice(0, 12).join(' '));
for (const [k, v] of [...child.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log('   child', (v / 1000 / 20).toFixed(2), k);
for (const [k, v] of [...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log((v / 1000 / 20).toFixed(2).padStart(7), 'ms/press', k);
await browser.close(); server.httpServer.close();
