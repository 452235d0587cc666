#!/usr/bin/env node
// Runs every unit (Vitest) and end-to-end (Playwright) test, then prints one
// closing line `N passed, N failed` summing both suites. Exit code is non-zero
// when any test failed or a runner could not run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';

const dir = '.test-results';
mkdirSync(dir, { recursive: true });
for (const f of ['vitest.json', 'fuzz.json', 'playwright.json']) rmSync(`${dir}/${f}`, { force: true });

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status ?? 1;
}

const suites = [];
const vitestRc = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${dir}/vitest.json`]);
suites.push(count('unit (vitest)', `${dir}/vitest.json`, vitestRc, (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: (j.numFailedTests ?? 0),
})));

// Property tests over the whole schema range, 10,000 cases (issue 10); the unit run above used 100.
const fuzzRc = run('npx', ['vitest', 'run', 'src/core/evaluate/fuzz.property.test.ts', '--reporter=default', '--reporter=json', `--outputFile=${dir}/fuzz.json`], { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000' });
suites.push(count('property tests, 10,000 cases (vitest)', `${dir}/fuzz.json`, fuzzRc, (j) => ({
  passed: j.numPassedTests ?? 0,
  failed: (j.numFailedTests ?? 0),
})));

const pwRc = run('npx', ['playwright', 'test']);
suites.push(count('end-to-end (playwright)', `${dir}/playwright.json`, pwRc, (j) => ({
  passed: j.stats?.expected ?? 0,
  failed: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0),
})));

function count(name, file, rc, read) {
  let passed = 0, failed = 0;
  if (existsSync(file)) ({ passed, failed } = read(JSON.parse(readFileSync(file, 'utf8'))));
  // A runner that exited non-zero without reporting a failure still fails the run.
  if (rc !== 0 && failed === 0) failed = 1;
  console.log(`${name}: ${passed} passed, ${failed} failed`);
  return { name, passed, failed };
}

const passed = suites.reduce((s, x) => s + x.passed, 0);
const failed = suites.reduce((s, x) => s + x.failed, 0);
writeFileSync(`${dir}/summary.json`, JSON.stringify({ passed, failed, suites }, null, 2));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
