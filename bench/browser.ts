/**
 * Slider-to-repaint latency in headless Chromium: from the key press on a
 * slider to the end of the first frame painted after the evaluation of the
 * new value is committed (worker round trip, React render, paint). Runs the built site under
 * `vite preview`, with the system Chromium (never a downloaded browser).
 */
import { chromium } from '@playwright/test';
import { preview } from 'vite';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export interface LatencyResult {
  name: string;
  samples: number[];
  p50: number;
  p95: number;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export async function measureSliderLatency(cases: { name: string; query: string; slider: string }[], presses = 40): Promise<LatencyResult[]> {
  const port = 4181;
  const server = await preview({ preview: { port, host: '127.0.0.1', strictPort: true }, logLevel: 'silent' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out: LatencyResult[] = [];
  try {
    for (const c of cases) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(`http://127.0.0.1:${port}/${c.query}`);
      await page.waitForFunction(() => !!window.explorer);
      await page.evaluate(() => window.explorer!.ready());
      const slider = page.getByTestId(`slider-${c.slider}`);
      await slider.focus();
      // In the page: time from keydown to the frame after the new evaluation is committed.
      await page.evaluate(() => {
        const w = window as unknown as { __latency: number[] };
        w.__latency = [];
        document.addEventListener('keydown', () => {
          const t0 = performance.now();
          // The slider's input handler runs after this listener; wait a task so the request is out.
          setTimeout(() => {
            // After the commit, the next frame paints it; a task queued from that frame's
            // rAF callback runs once the frame is painted.
            window.explorer!.ready().then(() => requestAnimationFrame(() => setTimeout(() => w.__latency.push(performance.now() - t0), 0)));
          }, 0);
        }, { capture: true });
      });
      for (let i = 0; i < presses + 5; i++) {
        // A person presses keys at random moments, not right after a frame: space
        // presses 60–110 ms apart (about ten a second) with a random phase.
        await page.waitForTimeout(60 + Math.random() * 50);
        await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
        await page.waitForFunction((n) => (window as unknown as { __latency: number[] }).__latency.length >= n, i + 1);
      }
      const samples = (await page.evaluate(() => (window as unknown as { __latency: number[] }).__latency)).slice(5); // drop warm-up
      out.push({ name: c.name, samples, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) });
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return out;
}
