import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS } from './browser';
const server = await preview({ preview: { port: 4193, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto('http://127.0.0.1:4193/' + (process.argv[2] ?? ''));
await page.waitForFunction(() => !!window.explorer);
await page.evaluate(() => window.explorer!.ready());
await page.getByTestId('slider-parallel.tp').focus();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const t0 = Date.now();
for (let i = 0; i < 20; i++) { await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight'); await page.evaluate(() => window.explorer!.ready()); }
const wall = Date.now() - t0;
const { profile } = await cdp.send('Profiler.stop');
const parent = new Map<number, number>();
for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
const self = new Map<string, number>();
const dt = profile.timeDeltas!; const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const counts = new Map<number, number>();
profile.samples!.forEach((id: number, i: number) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const nn: any = byId.get(cur); const name = nn.callFrame.functionName;
    if (name && !seen.has(name)) { seen.add(name); incl.set(name, (incl.get(name) ?? 0) + us); }
  } const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + us); }
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
console.log('wall ms per press', wall / 20);
for (const [k, us] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log('incl', (us / 1000 / 20).toFixed(2).padStart(7), k);
for (const [k, us] of top) console.log((us / 1000 / 20).toFixed(2).padStart(7), 'ms/press', k);
await browser.close(); server.httpServer.close();
