/**
 * Issue 10 in the browser: links that used to crash or hang the page now
 * show a banner naming the field and a working page; a worker that never
 * answers ends in a plain message (ready() rejects), and its scenario is not
 * fed to the next worker; slider keys from a value off the slider; and
 * 1,000+ mutated, truncated, oversized and hostile links in one session.
 */
import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer';
import { linkMismatches } from './pages/linkFuzz';
import { decodePermalink, encodePermalink } from '../src/state/permalink';
import { DEFAULT_VIEW } from '../src/state/view';
import { SCENARIO_PRESETS } from '../src/presets/scenarios';

test.describe('issue 10 reproductions as links', () => {
  for (const [query, field] of [
    ['?tp=65536&dp=65536', 'parallel.tp'],
    ['?pp=1e308', 'parallel.pp'],
    ['?pp=65536', 'parallel.pp'],
    [
      '?parallel.schedule=interleaved-1f1b&pp=600&parallel.virtualStages=8&workload.mode=training&mb=600',
      'parallel.pp',
    ],
    ['?tp=16081&pp=32&dp=336', 'parallel.tp'],
    ['?hardware.peakTflops=5e-324&hardware.interNodeGBps=1e-310', 'hardware.peakTflops'],
  ] as const) {
    test(`${query}: a banner naming ${field}, and a working page`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const x = new ExplorerPage(page);
      await x.open(query);
      await expect(page.getByTestId('banner')).toContainText(field);
      await expect(page.getByTestId('evaluator-error')).toHaveCount(0);
      await expect(page.getByTestId('status')).toContainText('Evaluated in');
      const before = (await x.scenario()).parallel.tp;
      await x.stepSlider('parallel.tp', 'ArrowLeft');
      expect((await x.scenario()).parallel.tp).toBeLessThan(before);
      expect((await x.evaluation()).scenario.parallel.tp).toBe((await x.scenario()).parallel.tp);
      expect(errors).toEqual([]);
    });
  }
});

test('a worker that never answers, twice: the page says so, names the scenario, ready() rejects; the third worker never gets that scenario', async ({
  page,
}) => {
  // The first two evaluator workers swallow every message (as one that closed itself or loops forever would): one
  // death is the machine's and the scenario is retried on a fresh worker; a second blames the scenario. Later ones are real.
  await page.addInitScript(() => {
    const Real = window.Worker;
    let made = 0;
    const sent: string[] = [];
    (window as unknown as { __sentToReal: string[] }).__sentToReal = sent;
    window.Worker = class extends Real {
      private readonly dead: boolean;
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.dead = options?.name === 'evaluator' && made++ < 2;
      }
      override postMessage(message: unknown, transfer?: unknown) {
        if (this.dead) return;
        if (typeof message === 'object' && message !== null) sent.push(JSON.stringify(message));
        super.postMessage(message, transfer as Transferable[]);
      }
    } as typeof Worker;
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?tp=2&hardware.gpusPerNode=4');
  await page.waitForFunction(() => !!window.explorer);
  const outcome = await page.evaluate(() =>
    window.explorer!.ready().then(
      () => 'resolved',
      (e: Error) => e.message,
    ),
  );
  expect(outcome).toMatch(
    /^The evaluator failed on the scenario .*parallel\.tp=2.*: the evaluator did not answer within 5 s, and again on a fresh worker\. There is no earlier result to show\.$/,
  );
  await expect(page.getByTestId('evaluator-error')).toContainText('There is no earlier result to show');
  await expect(page.getByTestId('evaluator-error')).toContainText('hardware.gpusPerNode=4');
  // The third worker never received the scenario that hung the first two.
  expect(
    await page.evaluate(() =>
      (window as unknown as { __sentToReal: string[] }).__sentToReal.filter((m) => m.includes('gpusPerNode')),
    ),
  ).toEqual([]);
  // The offered way out works: the nearest scenario that runs keeps what the
  // strategy did not set (the node size) and puts the strategy back to its default.
  await expect(page.getByTestId('show-nearest')).toContainText('the parallel strategy back to the default');
  await page.getByTestId('show-nearest').click();
  await page.evaluate(() => window.explorer!.ready());
  await expect(page.getByTestId('evaluator-error')).toHaveCount(0);
  const shown = await page.evaluate(() => window.explorer!.scenario());
  expect(shown.parallel.tp).toBe(4);
  expect(shown.hardware.gpusPerNode).toBe(4);
  await expect(page.getByTestId('banner')).toContainText('nearest scenario that runs');
  expect(errors).toEqual([]);
});

test('slider keys from tp=47 on 16 GPUs: ArrowRight stays (no position above), ArrowLeft goes to the largest position below, 16', async ({
  page,
}) => {
  const x = new ExplorerPage(page);
  await x.open('?tp=47');
  await x.stepSlider('parallel.tp', 'ArrowRight');
  expect((await x.scenario()).parallel.tp).toBe(47);
  await x.stepSlider('parallel.tp', 'ArrowLeft');
  expect((await x.scenario()).parallel.tp).toBe(16);
  expect((await x.evaluation()).scenario.parallel.tp).toBe(16);
});

/** A small seeded generator, so a failing link can be reproduced. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  '<img src=x onerror="window.__xss=1">',
  '"><script>window.__xss=1</script>',
  '<b id=injected>x</b>',
  'javascript:window.__xss=1',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e308',
  '5e-324',
  '-0',
  '0x10',
  '1_000',
  '',
  ' ',
  '%',
  '%E0%A4%A',
  '\u0000',
  '\uD800',
  'null',
  'true',
  '[]',
  '{}',
  '1.5',
  '65537',
  '4294967296',
];

function fuzzLinks(count: number, seed: number): string[] {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  // A lone surrogate cannot be percent-encoded: it goes in as a raw broken escape.
  const enc = (v: string) => {
    try {
      return encodeURIComponent(v);
    } catch {
      return '%ED%A0%80';
    }
  };
  const bases = ['', ...SCENARIO_PRESETS.map((p) => encodePermalink(p.scenario as never, DEFAULT_VIEW))].map((q) =>
    q.replace(/^\?/, ''),
  );
  const params = [
    ...new Set(bases.flatMap((b) => b.split('&').map((kv) => kv.split('=')[0])).filter(Boolean)),
    'tp',
    'pp',
    'dp',
    'ep',
    'mb',
    'gpu',
    'gpus',
    'model',
    'view.gpu',
    'view.tab',
    '__proto__.x',
    'constructor.prototype',
    'foo',
  ];
  const links: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    let q = pick(bases);
    if (kind === 0) {
      // Mutated: parameters given hostile or out-of-range values.
      const n = 1 + Math.floor(random() * 4);
      for (let k = 0; k < n; k++) q += `&${pick(params)}=${enc(pick(HOSTILE))}`;
    } else if (kind === 1) {
      // Truncated anywhere, percent escapes included.
      q = q.slice(0, Math.floor(random() * (q.length + 1)));
    } else if (kind === 2) {
      // Oversized: a long value, or thousands of parameters.
      q +=
        random() < 0.5
          ? `&model.name=${'x'.repeat(20_000)}`
          : Array.from({ length: 2000 }, (_, k) => `&p${k}=${k}`).join('');
    } else {
      // Hostile text where text is shown, and numbers at their edges.
      q += `&model.name=${enc(pick(HOSTILE))}&${pick(params)}=${pick(['1e308', '-1e308', '5e-324', '65536', '1048577'])}`;
    }
    links.push(`?${q}`);
  }
  return links;
}

test('1,000 mutated, truncated, oversized and hostile links in one session: no uncaught error, nothing inserted as HTML, a banner naming the field, a working page', async ({
  page,
}) => {
  // The work is fixed (1,000 links; report.wrong counts what went wrong), so
  // the limit only guards against a hang: 60 s on the 2-core development
  // machine at load 3, 139 s on a loaded one; 3x the loaded figure passes.
  test.setTimeout(420_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const x = new ExplorerPage(page);
  await x.open();
  const links = fuzzLinks(1000, 10);
  // What the banner must say for each link: the first problem's message, which names its parameter or field.
  const expected = links.map((q) => decodePermalink(q).problems.map((p) => p.message)[0] ?? null);
  const started = Date.now();
  const report = await linkMismatches(
    page,
    links,
    expected.map((message) => ({ message })),
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(`link fuzz: ${links.length} links in ${seconds.toFixed(1)} s`);
  expect(report.wrong.slice(0, 10)).toEqual([]);
  expect(report.xss).toBeNull();
  expect(errors).toEqual([]);
  // Still a working page.
  await x.ready();
  await x.stepSlider('parallel.tp', 'ArrowLeft');
  expect((await x.evaluation()).scenario.parallel.tp).toBe((await x.scenario()).parallel.tp);
});
