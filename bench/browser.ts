/**
 * Slider-to-repaint latency in headless Chromium: from the key press on a
 * slider to the end of the first frame painted after the first screen shows
 * the new value's evaluation (worker round trip, React render, paint). The
 * views further down the page follow in React's deferred pass. Runs the built site under
 * `vite preview`, with the system Chromium (never a downloaded browser).
 */
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { preview } from 'vite';

/** `vite preview` of dist/ on BENCH_PORT, or on a port the system picks (never a fixed one another run may hold). */
async function startPreview() {
  const server = await preview({
    preview: { port: Number(process.env.BENCH_PORT ?? 0), host: '127.0.0.1', strictPort: true },
    logLevel: 'silent',
  });
  const port = (server.httpServer.address() as AddressInfo).port;
  return { server, port };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface LatencyRun {
  samples: number[];
  p50: number;
  p95: number;
  /** Evaluate calls the page sent its evaluator worker per key press. */
  evaluationsPerStep: number;
}

export interface LatencyResult {
  name: string;
  runs: LatencyRun[];
  /** Medians over the runs (each run a fresh page): these machines are noisy. */
  p50: number;
  p95: number;
  /** Evaluate calls per key press over every run (each press should cost one evaluation). */
  evaluationsPerStep: number;
}

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export async function measureSliderLatency(
  cases: { name: string; query: string; slider: string }[],
  presses = 100,
  repeats = 3,
): Promise<LatencyResult[]> {
  const { server, port } = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const out: LatencyResult[] = [];
  try {
    for (const c of cases) {
      const runs: LatencyRun[] = [];
      for (let r = 0; r < repeats; r++)
        runs.push(await measureOnce(browser, `http://127.0.0.1:${port}/${c.query}`, c.slider, presses));
      const evaluationsPerStep = runs.reduce((a, x) => a + x.evaluationsPerStep, 0) / runs.length;
      out.push({
        name: c.name,
        runs,
        p50: median(runs.map((x) => x.p50)),
        p95: median(runs.map((x) => x.p95)),
        evaluationsPerStep,
      });
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return out;
}

/** Presses before measuring, while the JIT compiles the worker's and the page's code. */
const WARM_UP_PRESSES = 15;

/** One fresh page, `presses` measured key presses on the slider after the warm-up. */
async function measureOnce(browser: Browser, url: string, sliderPath: string, presses: number): Promise<LatencyRun> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Count the evaluate calls the page posts to a worker (Comlink sends a call
  // as { type: 'APPLY', path: ['evaluate'] }): work counted, not timed.
  await page.addInitScript(() => {
    const w = window as unknown as { __evaluateCalls: number };
    w.__evaluateCalls = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { type?: string; path?: string[] } | null;
      if (m && m.type === 'APPLY' && m.path?.[0] === 'evaluate') w.__evaluateCalls++;
      return (post as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof post;
  });
  await page.goto(url);
  await page.waitForFunction(() => !!window.explorer);
  await page.evaluate(() => window.explorer!.ready());
  const slider = page.getByTestId(`slider-${sliderPath}`);
  await slider.focus();
  const callsBefore = await page.evaluate(() => (window as unknown as { __evaluateCalls: number }).__evaluateCalls);
  // In the page: time from keydown to the frame after the new evaluation is committed.
  await page.evaluate(() => {
    const w = window as unknown as { __latency: number[] };
    w.__latency = [];
    document.addEventListener(
      'keydown',
      () => {
        const t0 = performance.now();
        // The slider's input handler runs after this listener; wait a task so the request is out.
        setTimeout(() => {
          // After the commit, the next frame paints it; a task queued from that frame's
          // rAF callback runs once the frame is painted.
          window
            .explorer!.ready({ visible: true })
            .then(() => requestAnimationFrame(() => setTimeout(() => w.__latency.push(performance.now() - t0), 0)));
        }, 0);
      },
      { capture: true },
    );
  });
  for (let i = 0; i < presses + WARM_UP_PRESSES; i++) {
    // A person presses keys at random moments, not right after a frame: space
    // presses 60–110 ms apart (about ten a second) with a random phase.
    await page.waitForTimeout(60 + Math.random() * 50);
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForFunction((n) => (window as unknown as { __latency: number[] }).__latency.length >= n, i + 1);
  }
  const samples = (await page.evaluate(() => (window as unknown as { __latency: number[] }).__latency)).slice(
    WARM_UP_PRESSES,
  );
  const calls =
    (await page.evaluate(() => (window as unknown as { __evaluateCalls: number }).__evaluateCalls)) - callsBefore;
  await page.close();
  return {
    samples,
    p50: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    evaluationsPerStep: calls / (presses + WARM_UP_PRESSES),
  };
}

export interface BrowserSearchResult {
  name: string;
  enumerated: number;
  evaluated: number;
  seconds: number;
  workers: number;
  /** Every run's wall seconds, ascending. */ runs: number[];
}

/**
 * Strategy search wall time in headless Chromium (issue 8's measure): the
 * page's worker pool, one worker per core. Median of `repeats` runs.
 */
export async function measureSearchInBrowser(
  cases: { name: string; scenario: unknown; narrowing: unknown }[],
  repeats = 3,
): Promise<BrowserSearchResult[]> {
  const { server, port } = await startPreview();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const out: BrowserSearchResult[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => !!window.explorer);
    for (const c of cases) {
      const runs = [];
      for (let r = 0; r < repeats; r++)
        runs.push(
          await page.evaluate(([doc, narrowing]) => window.explorer!.search(doc, narrowing as never), [
            c.scenario,
            c.narrowing,
          ] as const),
        );
      runs.sort((a, b) => a.seconds - b.seconds);
      out.push({ name: c.name, ...runs[Math.floor(runs.length / 2)], runs: runs.map((r) => r.seconds) });
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return out;
}
