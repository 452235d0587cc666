/**
 * `npm run bench`: performance figures, and with `--check` the gate CI holds
 * the project to (bench/gate.ts: exact counts, bounded sizes, and time as a
 * ratio to a reference workload measured in the same run).
 *   - evaluation (Node): the seed, a 1024-GPU DeepSeek-V3-like run
 *   - strategy search (issue 8), one core, Node; and in headless Chromium
 *   - the slowest of 10,000 random valid scenarios (issue 10)
 *   - chart layouts, canvas drawing and pipeline simulation at scale (Node)
 *   - slider-to-repaint latency in headless Chromium: the seed, a 4096-GPU run
 *   - initial JavaScript, gzip
 * Every time is printed with the machine factor (the reference's time here
 * over its time on the quiet development machine), so a figure quoted in the
 * README can be compared across machines.
 *
 * Flags: `--check` gates and writes the summary (.test-results/bench-summary.json,
 * or `--summary <file>`); `--node-only` skips the browser and the build;
 * `--quick` is the Node gate in brief (fewer rounds, a sixteenth of one
 * search; bench/gate.test.ts runs it). BENCH_SLOWDOWN_CORE / BENCH_SLOWDOWN_ALL:
 * see bench/ratio.ts.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { evaluate, parseScenario } from '../src/core';
import { runSearch } from '../src/core/search';
import { encodePermalink } from '../src/state/permalink';
import { DEFAULT_VIEW } from '../src/state/view';
import { DEEPSEEK_1024, DEEPSEEK_4096, GANTT_4096_BLOCKS, SEARCH_CASES, SEED } from './scenarios';
import { measureBundle } from './bundle';
import { measureSearchInBrowser, measureSliderLatency } from './browser';
import { measureKernels } from './kernels';
import { slowestOfRandom } from './slowest';
import { FULL, QUICK, machineFactor, referenceMs, timeRatio, timeSegmentedRatio } from './ratio';
import { REFERENCE_DEV_MS } from './reference';
import {
  BROWSER_LIMIT_OVER_TARGET,
  count,
  EXPECTED_COUNT,
  EXPECTED_RATIO,
  lowestRatio,
  normalized,
  ratio,
  size,
  SIZE_LIMIT,
  TARGET,
  type Check,
} from './gate';

const args = process.argv.slice(2);
const check = args.includes('--check');
const nodeOnly = args.includes('--node-only');
const quick = args.includes('--quick');
const summaryAt = args.includes('--summary') ? args[args.indexOf('--summary') + 1] : '.test-results/bench-summary.json';
const checks: Check[] = [];
const add = (c: Check) => checks.push(c);
const f = (x: number, digits = 3) => x.toFixed(digits);

/** Machine factors seen in this run; the median stands for the run. */
const factors: number[] = [];
const factorNow = () => factors.sort((a, b) => a - b)[factors.length >> 1];
const note = (refMs: number) => factors.push(machineFactor(refMs));
note(referenceMs());
console.log(
  `reference workload: ${f(REFERENCE_DEV_MS * factorNow())} ms here, ${f(REFERENCE_DEV_MS)} ms on the development machine: machine factor ${f(factorNow(), 2)}`,
);

// Evaluation time, as a ratio to the reference.
// The 1024-GPU run's ratio is printed, not gated: with the whole machine
// slowed 2x (BENCH_SLOWDOWN_ALL=2) it rose by up to 1.49x, as much as a 1.5x
// slower core, while the seed's moved under 1.15x.
for (const [name, scenario, expected] of [
  ['seed scenario', SEED, EXPECTED_RATIO.seedEvaluation],
  ['DeepSeek-V3-like, 1024 GPUs', DEEPSEEK_1024, null],
] as const) {
  const once = () => timeRatio(() => evaluate(scenario), quick ? QUICK : FULL);
  const t = expected === null ? { ...once(), attempts: 1 } : lowestRatio(once, expected);
  note(t.referenceMs);
  const factor = machineFactor(t.referenceMs);
  console.log(
    `evaluate ${name}: ${f(t.medianMs)} ms median, ${f(t.fastMs)} ms fastest tenth (machine factor ${f(factor, 2)}: ${f(t.fastMs / factor)} ms on the development machine; target ${TARGET.evaluationMs} ms); ratio to reference ${f(t.ratio)}${t.attempts > 1 ? ` (lowest of ${t.attempts} tries)` : ''}; warm after ${t.warmUpRounds} rounds${t.settled ? '' : ' (not settled)'}`,
  );
  if (expected !== null) add(ratio(`evaluate ${name}, time`, t.ratio, expected));
}

// Deterministic work: blocks each evaluation simulates.
for (const [name, scenario, expected] of [
  ['seed scenario', SEED, EXPECTED_COUNT.seedBlocks],
  ['DeepSeek-V3-like, 1024 GPUs', DEEPSEEK_1024, EXPECTED_COUNT.deepseekBlocks],
  ['16 stages × 128 micro-batches', GANTT_4096_BLOCKS, EXPECTED_COUNT.ganttBlocks],
] as const)
  add(count(`blocks simulated, ${name}`, evaluate(scenario).timeline.length, expected));

// Heap kept per evaluation: the run's caches fill in the warm-up, so what the
// evaluations after it keep is what a long session would leak.
{
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const pairs = quick ? 300 : 500;
  for (let i = 0; i < 200; i++) {
    evaluate(SEED);
    evaluate(DEEPSEEK_1024);
  }
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < pairs; i++) {
    evaluate(SEED);
    evaluate(DEEPSEEK_1024);
  }
  gc();
  gc();
  const perEvaluation = Math.max(0, process.memoryUsage().heapUsed - before) / (2 * pairs);
  console.log(`heap kept per evaluation: ${perEvaluation.toFixed(0)} bytes over ${2 * pairs} evaluations`);
  add(size('heap kept per evaluation', perEvaluation, SIZE_LIMIT.heapBytesPerEvaluation, 'bytes'));
}

// Strategy search: counts exactly; time as the sum of each few-millisecond
// segment's fastest over several runs, as a ratio to the reference.
const searches = quick
  ? [
      {
        c: SEARCH_CASES[0],
        part: { index: 0, of: 16 },
        label: ', every sixteenth group',
        expected: EXPECTED_RATIO.deepseekSearchSixteenth,
        strategies: EXPECTED_COUNT.deepseekSixteenthStrategies,
        timed: EXPECTED_COUNT.deepseekSixteenthTimed,
      },
    ]
  : [
      {
        c: SEARCH_CASES[0],
        part: undefined,
        label: '',
        expected: EXPECTED_RATIO.deepseekSearch,
        strategies: EXPECTED_COUNT.deepseekStrategies,
        timed: EXPECTED_COUNT.deepseekTimed,
      },
      {
        c: SEARCH_CASES[1],
        part: undefined,
        label: '',
        expected: EXPECTED_RATIO.gpt3Search,
        strategies: EXPECTED_COUNT.gpt3Strategies,
        timed: EXPECTED_COUNT.gpt3Timed,
      },
    ];
for (const { c, part, label, expected, strategies, timed } of searches) {
  const parsed = parseScenario(c.scenario);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  let counts = { enumerated: 0, evaluated: 0 };
  const t = lowestRatio(
    () =>
      timeSegmentedRatio(
        (tick) => {
          const r = runSearch(parsed.scenario, {
            narrowing: c.narrowing as never,
            part,
            onRows: tick,
            progressEvery: 5,
          });
          counts = { enumerated: r.enumerated, evaluated: r.evaluated };
        },
        quick ? 6 : 5,
        16,
      ),
    expected,
  );
  note(t.referenceMs);
  const factor = machineFactor(t.referenceMs);
  console.log(
    `search ${c.name}${label}: ${counts.enumerated} strategies (${counts.evaluated} timed, the rest cannot fit); ${f(t.medianMs / 1000, 2)} s wall median, ${f(t.fastMs / 1000, 2)} s fastest (machine factor ${f(factor, 2)}: ${f(t.fastMs / factor / 1000, 2)} s on the development machine); ratio to reference ${f(t.ratio, 1)}${t.attempts > 1 ? ` (lowest of ${t.attempts} tries)` : ''}`,
  );
  add(count(`search ${c.name}${label}, strategies enumerated`, counts.enumerated, strategies));
  add(count(`search ${c.name}${label}, strategies timed`, counts.evaluated, timed));
  add(ratio(`search ${c.name}${label}, time`, t.ratio, expected));
}

if (!quick) {
  const r = slowestOfRandom(10_000);
  // The slowest document, timed again call by call against the reference (its fastest tenth: the scenario's cost, not the machine's load).
  const slowest = r.slowestDocument
    ? timeRatio(() => evaluate(JSON.parse(r.slowestDocument)), {
        callsPerRound: 5,
        rounds: 6,
        settleRounds: 2,
        settleTolerance: 0.1,
        maxWarmUpRounds: 3,
      })
    : null;
  if (slowest) note(slowest.referenceMs);
  const factor = factorNow();
  const slowestDevMs = slowest ? slowest.fastMs / machineFactor(slowest.referenceMs) : 0;
  console.log(
    `slowest of ${r.valid.toLocaleString('en-US')} random valid scenarios: ${r.slowestMs.toFixed(1)} ms, best of 4 timings (timed again: ${f(slowest?.fastMs ?? 0, 1)} ms fastest tenth, ${f(slowestDevMs, 1)} ms on the development machine; worst single timing ${r.rawSlowestMs.toFixed(1)} ms; p99 ${r.p99Ms.toFixed(1)} ms, median ${r.medianMs.toFixed(2)} ms; ${r.invalid} refused documents; ${r.crashes.length} crashes): ${r.slowestDocument}`,
  );
  for (const c of r.crashes.slice(0, 5)) console.log(`crash: ${c}`);
  add(
    normalized(
      'slowest of 10,000 random valid scenarios, on the development machine',
      r.crashes.length > 0 ? Infinity : slowestDevMs,
      TARGET.slowestRandomEvaluationMs,
      'ms',
    ),
  );

  for (const k of measureKernels()) {
    // Gated on the fastest round: load only ever lengthens a round.
    console.log(
      `${k.name}: median ${k.ms.toFixed(3)} ms (rounds ${k.range[0].toFixed(3)}–${k.range[1].toFixed(3)} ms; fastest ${f(k.range[0] / factor)} ms on the development machine)`,
    );
    add(normalized(`${k.name}, fastest round on the development machine`, k.range[0] / factor, k.budgetMs, 'ms'));
  }
}

if (!nodeOnly && !quick) {
  execSync('npx vite build --logLevel error', { stdio: 'inherit' });
  const b = measureBundle();
  console.log(
    `initial JavaScript: ${(b.initialGzipBytes / 1024).toFixed(1)} KB gzip (${b.initialFiles.join(', ')}); evaluator worker: ${(b.workerGzipBytes / 1024).toFixed(1)} KB gzip`,
  );
  add(size('initial JavaScript, gzip', b.initialGzipBytes / 1024, SIZE_LIMIT.initialJsGzipKB, 'KB'));

  const results = await measureSliderLatency([
    { name: 'seed scenario, TP slider', query: '', slider: 'parallel.tp' },
    {
      name: '4096-GPU DeepSeek-V3, TP slider',
      query: encodePermalink(DEEPSEEK_4096, DEFAULT_VIEW),
      slider: 'parallel.tp',
    },
  ]);
  note(referenceMs());
  for (const [r, target] of [
    [results[0], TARGET.seedSliderP95Ms],
    [results[1], TARGET.largeSliderP95Ms],
  ] as const) {
    const per = r.runs.map((x) => `${x.p50.toFixed(1)}/${x.p95.toFixed(1)}`).join(', ');
    console.log(
      `slider-to-repaint ${r.name}: median of ${r.runs.length} runs p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (${f(r.p95 / factorNow(), 1)} ms on the development machine; target ${target} ms; runs p50/p95: ${per}; ${r.runs[0].samples.length} presses each; ${f(r.evaluationsPerStep, 2)} evaluations per press)`,
    );
    add(
      normalized(
        `slider-to-repaint p95, ${r.name}, on the development machine`,
        r.p95 / factorNow(),
        target * BROWSER_LIMIT_OVER_TARGET,
        'ms',
      ),
    );
    add(
      count(
        `worker evaluations per slider step, ${r.name}`,
        r.evaluationsPerStep,
        EXPECTED_COUNT.evaluationsPerSliderStep,
      ),
    );
  }
  const browserSearches = await measureSearchInBrowser([...SEARCH_CASES], 5);
  note(referenceMs());
  for (const [r, target] of [
    [browserSearches[0], TARGET.searchBrowserDeepseekSeconds],
    [browserSearches[1], TARGET.searchBrowserGpt3Seconds],
  ] as const) {
    console.log(
      `search in headless Chromium, ${r.name}: ${r.enumerated} strategies in ${r.seconds.toFixed(2)} s wall with ${r.workers} workers (${f(r.seconds / factorNow(), 2)} s on the development machine; issue 8's target ${target} s), ${Math.round(r.enumerated / r.seconds)} strategies/s (median of ${r.runs.length}: ${r.runs.map((x) => x.toFixed(2)).join(', ')} s)`,
    );
    add(
      normalized(
        `search in Chromium, ${r.name}, on the development machine`,
        r.seconds / factorNow(),
        target * BROWSER_LIMIT_OVER_TARGET,
        's',
      ),
    );
  }
}

console.log(`machine factor over the run: ${f(factorNow(), 2)} (${factors.map((x) => f(x, 2)).join(', ')})`);
if (check) {
  const passed = checks.filter((c) => c.pass).length;
  const failed = checks.length - passed;
  for (const c of checks) {
    const shown =
      c.kind === 'count'
        ? `${c.value} (expected ${c.limit})`
        : `${f(c.value)} ${c.unit} (limit ${f(c.limit)} ${c.unit})`;
    console.log(`budget ${c.pass ? 'ok  ' : 'FAIL'} ${c.name}: ${shown}`);
  }
  mkdirSync(dirname(summaryAt), { recursive: true });
  writeFileSync(summaryAt, JSON.stringify({ passed, failed, machineFactor: factorNow(), checks }, null, 2));
  console.log(`budgets: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
