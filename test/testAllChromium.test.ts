/**
 * `npm test` (scripts/test-all.mjs) on a machine without Chromium, where it
 * may not install one: one line saying what to run and the closing count,
 * instead of every end-to-end test failing. Run in a scratch folder, so its
 * .test-results/ is not this run's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

it('npm test without Chromium stops at once with the command to run and "0 passed, 1 failed"', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'test-all-'));
  const r = spawnSync(process.execPath, [resolve('scripts/test-all.mjs')], {
    cwd,
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', MOE_NO_INSTALL: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(r.status).toBe(1);
  expect(r.stdout.trim().split('\n')).toEqual([
    "Chromium not found at /nonexistent/chromium: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH",
    '0 passed, 1 failed',
  ]);
  // CI's closing line (scripts/ci-summary.mjs) reads this summary: it must count the failure, not an older run.
  expect(JSON.parse(readFileSync(join(cwd, '.test-results/summary.json'), 'utf8'))).toMatchObject({
    passed: 0,
    failed: 1,
  });
});
