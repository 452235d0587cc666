/**
 * The bench gate (bench/gate.ts) on slowed-down copies of itself: the Node
 * part of `bench/run.ts --check --quick`, run three ways. The verdicts are
 * about ratios to a reference measured in the same run, so these tests hold
 * on a quiet or a busy machine; none compares a time with a fixed figure.
 *   - as it is: every check passes;
 *   - everything 2x slower (BENCH_SLOWDOWN_ALL=2: a slower machine): passes;
 *   - the project's code 1.5x slower (BENCH_SLOWDOWN_CORE=1.5): the
 *     search's time check fails (the evaluation's too, as a rule), the
 *     counts still pass.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Check } from './gate';

interface Summary {
  passed: number;
  failed: number;
  machineFactor: number;
  checks: Check[];
}

const dir = mkdtempSync(join(tmpdir(), 'bench-gate-'));

function runGate(label: string, env: Record<string, string>): Summary {
  const file = join(dir, `${label}.json`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--node-only', '--check', '--quick', '--summary', file],
    {
      env: { ...process.env, BENCH_SLOWDOWN_CORE: '', BENCH_SLOWDOWN_ALL: '', ...env },
      encoding: 'utf8',
    },
  );
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`bench/run.ts --quick ${label} exited ${r.status}: ${r.stderr}`);
  const summary = JSON.parse(readFileSync(file, 'utf8')) as Summary;
  expect(r.status, r.stdout).toBe(summary.failed > 0 ? 1 : 0);
  return summary;
}

const failedNames = (s: Summary) =>
  s.checks.filter((c) => !c.pass).map((c) => `${c.name}: ${c.value} (limit ${c.limit})`);
const timeChecks = (s: Summary) => s.checks.filter((c) => c.kind === 'ratio');

// Each run takes 10-20 s on a quiet 2-core machine, 2x that slowed down; a loaded one takes longer.
const RUN_TIMEOUT_MS = 300_000;

describe('bench gate on a slowed-down copy', () => {
  it(
    'passes as it is',
    () => {
      const s = runGate('normal', {});
      expect(failedNames(s)).toEqual([]);
      // The gate times evaluation and search; a summary without them would pass vacuously.
      expect(
        timeChecks(s)
          .map((c) => c.name)
          .join('\n'),
      ).toMatch(/evaluate seed scenario[\s\S]*search DeepSeek-V3/);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'passes on a machine 2x slower across the board (BENCH_SLOWDOWN_ALL=2)',
    () => {
      const s = runGate('all-2x', { BENCH_SLOWDOWN_ALL: '2' });
      expect(failedNames(s)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'fails when the project code is 1.5x slower (BENCH_SLOWDOWN_CORE=1.5): a time check, never a count',
    () => {
      const s = runGate('core-1.5x', { BENCH_SLOWDOWN_CORE: '1.5' });
      const failed = s.checks.filter((c) => !c.pass);
      expect(
        failed.every((c) => c.kind === 'ratio'),
        failedNames(s).join('\n'),
      ).toBe(true);
      // The search's ratio reads 1.54-1.76x its committed figure with the code 1.5x slower, quiet or beside two
      // busy loops (limit 1.4x); the seed evaluation's 1.47-1.69x fails too, but with less margin under load.
      expect(failed.map((c) => c.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^search DeepSeek-V3/)]));
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'refuses a slowdown factor that is not a number from 1 to 10, naming the variable',
    () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./bench/ratio.ts')"], {
        env: { ...process.env, BENCH_SLOWDOWN_CORE: 'fast' },
        encoding: 'utf8',
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain("BENCH_SLOWDOWN_CORE must be a number from 1 to 10 (a slowdown factor); got 'fast'");
    },
    RUN_TIMEOUT_MS,
  );
});
