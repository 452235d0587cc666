/**
 * `npm run bench`: performance figures, as medians over repeated runs.
 *   - evaluations per second of the seed and of a 1024-GPU DeepSeek-V3-like scenario (Node)
 * `npm run bench -- --check` also enforces the budgets and writes
 * .test-results/bench-summary.json for CI's closing line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { evaluate } from '../src/core';
import { DEEPSEEK_1024, SEED } from './scenarios';

interface Check { name: string; value: number; limit: number; unit: string; pass: boolean }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Median milliseconds per evaluation over `rounds` rounds of at least `minMs` each. */
function timeEvaluate(input: unknown, rounds = 9, minMs = 200): { msPerEval: number; rounds: number[] } {
  for (let i = 0; i < 20; i++) evaluate(input); // warm up the JIT
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    do {
      evaluate(input);
      n++;
      now = performance.now();
    } while (now - start < minMs);
    perRound.push((now - start) / n);
  }
  return { msPerEval: median(perRound), rounds: perRound };
}

const check = process.argv.includes('--check');
const checks: Check[] = [];

for (const [name, scenario, limit] of [
  ['seed scenario', SEED, 1],
  ['DeepSeek-V3-like, 1024 GPUs', DEEPSEEK_1024, null],
] as const) {
  const t = timeEvaluate(scenario);
  const spread = `${Math.min(...t.rounds).toFixed(3)}–${Math.max(...t.rounds).toFixed(3)}`;
  console.log(`evaluate ${name}: median ${t.msPerEval.toFixed(3)} ms/eval (${Math.round(1000 / t.msPerEval)} eval/s; rounds ${spread} ms)`);
  if (limit !== null) checks.push({ name: `evaluate ${name} median ms`, value: t.msPerEval, limit, unit: 'ms', pass: t.msPerEval <= limit });
}

if (check) {
  const passed = checks.filter((c) => c.pass).length;
  const failed = checks.length - passed;
  for (const c of checks) console.log(`budget ${c.pass ? 'ok  ' : 'FAIL'} ${c.name}: ${c.value.toFixed(3)} ${c.unit} (limit ${c.limit} ${c.unit})`);
  mkdirSync('.test-results', { recursive: true });
  writeFileSync('.test-results/bench-summary.json', JSON.stringify({ passed, failed, checks }, null, 2));
  console.log(`budgets: ${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}
