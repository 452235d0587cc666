/**
 * `npm run bench`: performance figures, as medians over repeated runs.
 *   - evaluations per second (Node): the seed, a 1024-GPU DeepSeek-V3-like run
 *   - chart layouts, canvas drawing and pipeline simulation at scale (Node)
 *   - slider-to-repaint latency in headless Chromium: the seed, a 4096-GPU run
 *   - initial JavaScript, gzip
 *   - strategy search (issue 8): strategies per second and wall time, one core
 *   - the slowest of 10,000 random valid scenarios over the whole schema (issue 10)
 * `--check` enforces the budgets and writes .test-results/bench-summary.json
 * (for CI's closing line); `--node-only` skips the browser and the build.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluate } from '../src/core';
import { encodePermalink } from '../src/state/permalink';
import { DEFAULT_VIEW } from '../src/state/view';
import { DEEPSEEK_1024, DEEPSEEK_4096, SEARCH_CASES, SEED } from './scenarios';
import { timeSearch } from './search';
import { measureBundle } from './bundle';
import { measureSearchInBrowser, measureSliderLatency } from './browser';
import { measureKernels } from './kernels';
import { slowestOfRandom } from './slowest';

interface Check { name: string; value: number; limit: number; unit: string; pass: boolean }

/** Issue 8's speed targets, seconds wall in headless Chromium. */
const SEARCH_TARGETS = { deepseek: 1, gpt3: 2 };

const BUDGETS = {
  // CPU time per evaluation of the seed scenario: 0.6-0.7 ms on a quiet machine, 1.1 ms while three
  // other processes load its two cores (stress -c 3); the budget is about 3x the quiet figure.
  seedEvalMs: 2,
  // Issue 10: every valid scenario evaluates within 100 ms; the slowest of 10,000 random ones (bench/slowest.ts).
  slowestRandomEvalMs: 100,
  seedSliderP95Ms: 33,
  largeSliderP95Ms: 100,
  initialJsGzipKB: 250,
  // Strategy search over the full spaces (24,876 and 56,952 strategies;
  // bench/scenarios.ts). Issue 8's targets: 1 s and 2 s wall in headless
  // Chromium with the page's pool of workers (SEARCH_TARGETS below; the bench
  // prints whether they are met). Measured on the shared 2-core machine at
  // load 2-3, medians of warm runs: 0.8-0.9 s and 1.0-1.5 s in Chromium; one
  // core in Node, bundled and warm, 1.1-1.3 s and 1.7-2.0 s CPU. The budgets
  // are 2x the targets so a loaded CI machine passes every time; they catch
  // a regression to the speed before the compiled simulator plans (1.7 s and
  // 1.9 s in Chromium on a quiet machine, 5.5 s and 8.1 s at load 9).
  searchDeepseekSeconds: 6,
  searchGpt3Seconds: 9,
  searchBrowserDeepseekSeconds: 2,
  searchBrowserGpt3Seconds: 4,
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Median milliseconds per evaluation over `rounds` rounds of at least `minMs`
 * each: wall time, and the CPU time this process spent (what the budget
 * checks: another process on the machine lengthens the wall time of a round,
 * not the CPU time an evaluation needs).
 */
function timeEvaluate(input: unknown, rounds = 9, minMs = 200): { msPerEval: number; cpuMsPerEval: number; rounds: number[] } {
  for (let i = 0; i < 20; i++) evaluate(input); // warm up the JIT
  const perRound: number[] = [];
  const cpuPerRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    let now = start;
    do {
      evaluate(input);
      n++;
      now = performance.now();
    } while (now - start < minMs);
    const cpu = process.cpuUsage(cpu0);
    perRound.push((now - start) / n);
    cpuPerRound.push((cpu.user + cpu.system) / 1000 / n);
  }
  return { msPerEval: median(perRound), cpuMsPerEval: median(cpuPerRound), rounds: perRound };
}

const check = process.argv.includes('--check');
const nodeOnly = process.argv.includes('--node-only');
const checks: Check[] = [];
const add = (name: string, value: number, limit: number, unit: string) => checks.push({ name, value, limit, unit, pass: value <= limit });

for (const [name, scenario, limit] of [
  ['seed scenario', SEED, BUDGETS.seedEvalMs],
  ['DeepSeek-V3-like, 1024 GPUs', DEEPSEEK_1024, null],
] as const) {
  const t = timeEvaluate(scenario);
  const spread = `${Math.min(...t.rounds).toFixed(3)}–${Math.max(...t.rounds).toFixed(3)}`;
  console.log(`evaluate ${name}: median ${t.msPerEval.toFixed(3)} ms/eval wall, ${t.cpuMsPerEval.toFixed(3)} ms CPU (${Math.round(1000 / t.msPerEval)} eval/s; 9 rounds ${spread} ms)`);
  if (limit !== null) add(`evaluate ${name}, median CPU time`, t.cpuMsPerEval, limit, 'ms');
}

{
  const r = slowestOfRandom(10_000);
  console.log(`slowest of ${r.valid.toLocaleString('en-US')} random valid scenarios: ${r.slowestMs.toFixed(1)} ms, best of 4 timings (worst single timing ${r.rawSlowestMs.toFixed(1)} ms; p99 ${r.p99Ms.toFixed(1)} ms, median ${r.medianMs.toFixed(2)} ms; ${r.invalid} refused documents; ${r.crashes.length} crashes): ${r.slowestDocument}`);
  for (const c of r.crashes.slice(0, 5)) console.log(`crash: ${c}`);
  add('slowest of 10,000 random valid scenarios', r.crashes.length > 0 ? Infinity : r.slowestMs, BUDGETS.slowestRandomEvalMs, 'ms');
}

for (const [c, limit] of [[SEARCH_CASES[0], BUDGETS.searchDeepseekSeconds], [SEARCH_CASES[1], BUDGETS.searchGpt3Seconds]] as const) {
  const { name } = c;
  const t = timeSearch(c.scenario, c.narrowing as never);
  console.log(`search ${name}: ${t.enumerated} strategies (${t.evaluated} timed, the rest cannot fit) in ${t.seconds.toFixed(2)} s wall, ${Math.round(t.perSecond)} strategies/s`);
  add(`search ${name}, wall`, t.seconds, limit, 's');
}

for (const k of measureKernels()) {
  console.log(`${k.name}: median ${k.ms.toFixed(3)} ms (rounds ${k.range[0].toFixed(3)}–${k.range[1].toFixed(3)} ms)`);
  add(`${k.name}, median`, k.ms, k.budgetMs, 'ms');
}

if (!nodeOnly) {
  execSync('npx vite build --logLevel error', { stdio: 'inherit' });
  const b = measureBundle();
  console.log(`initial JavaScript: ${(b.initialGzipBytes / 1024).toFixed(1)} KB gzip (${b.initialFiles.join(', ')}); evaluator worker: ${(b.workerGzipBytes / 1024).toFixed(1)} KB gzip`);
  add('initial JavaScript, gzip', b.initialGzipBytes / 1024, BUDGETS.initialJsGzipKB, 'KB');

  const results = await measureSliderLatency([
    { name: 'seed scenario, TP slider', query: '', slider: 'parallel.tp' },
    { name: '4096-GPU DeepSeek-V3, TP slider', query: encodePermalink(DEEPSEEK_4096, DEFAULT_VIEW), slider: 'parallel.tp' },
  ]);
  for (const r of results) {
    const per = r.runs.map((x) => `${x.p50.toFixed(1)}/${x.p95.toFixed(1)}`).join(', ');
    console.log(`slider-to-repaint ${r.name}: median of ${r.runs.length} runs p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (runs p50/p95: ${per}; ${r.runs[0].samples.length} presses each)`);
  }
  add('slider-to-repaint p95, seed', results[0].p95, BUDGETS.seedSliderP95Ms, 'ms');
  const searches = await measureSearchInBrowser([...SEARCH_CASES], 5);
  for (const r of searches) {
    console.log(`search in headless Chromium, ${r.name}: ${r.enumerated} strategies in ${r.seconds.toFixed(2)} s wall with ${r.workers} workers, ${Math.round(r.enumerated / r.seconds)} strategies/s (median of ${r.runs.length}: ${r.runs.map((x) => x.toFixed(2)).join(', ')} s)`);
  }
  console.log(`issue 8 targets (${SEARCH_TARGETS.deepseek} s and ${SEARCH_TARGETS.gpt3} s): DeepSeek-V3 ${searches[0].seconds <= SEARCH_TARGETS.deepseek ? 'met' : 'NOT met'}, GPT-3 ${searches[1].seconds <= SEARCH_TARGETS.gpt3 ? 'met' : 'NOT met'}`);
  add('search in Chromium, DeepSeek-V3 1024, wall', searches[0].seconds, BUDGETS.searchBrowserDeepseekSeconds, 's');
  add('search in Chromium, GPT-3 1024, wall', searches[1].seconds, BUDGETS.searchBrowserGpt3Seconds, 's');
  add('slider-to-repaint p95, 4096 GPUs', results[1].p95, BUDGETS.largeSliderP95Ms, 'ms');
}

if (check) {
  const passed = checks.filter((c) => c.pass).length;
  const failed = checks.length - passed;
  for (const c of checks) console.log(`budget ${c.pass ? 'ok  ' : 'FAIL'} ${c.name}: ${c.value.toFixed(2)} ${c.unit} (limit ${c.limit} ${c.unit})`);
  mkdirSync('.test-results', { recursive: true });
  writeFileSync('.test-results/bench-summary.json', JSON.stringify({ passed, failed, checks }, null, 2));
  console.log(`budgets: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
