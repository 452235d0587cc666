#!/usr/bin/env node
// Runs every unit (Vitest) and end-to-end (Playwright) test, then prints one
// closing line `N passed, N failed` summing both suites. Exit code is non-zero
// when any test failed or a runner could not run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';

const dir = '.test-results';
mkdirSync(dir, { recursive: true });
for (const f of ['vitest.json', 'fuzz.json', 'gate.json', 'playwright.json', 'summary.json'])
  rmSync(`${dir}/${f}`, { force: true });

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status ?? 1;
}

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The end-to-end tests need Chromium (playwright.config.ts; Playwright never
 * downloads one here). Without it: install it when this is root on a machine
 * with apt-get (as .ci/run does) and MOE_NO_INSTALL is unset; otherwise stop
 * now with one line saying what to run, not with every e2e test failing.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const stop = (line) => {
  console.log(line);
  const suites = [{ name: 'Chromium for the end-to-end tests', passed: 0, failed: 1 }];
  writeFileSync(`${dir}/summary.json`, JSON.stringify({ passed: 0, failed: 1, suites }, null, 2));
  console.log('0 passed, 1 failed');
  process.exit(1);
};
if (!isExecutable(chromium)) {
  const canInstall =
    !process.env.MOE_NO_INSTALL &&
    process.getuid?.() === 0 &&
    spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (canInstall) {
    console.log(`Chromium not found at ${chromium}: installing it (apt-get install -y chromium)`);
    const ok = run('apt-get', ['update']) === 0 && run('apt-get', ['install', '-y', 'chromium']) === 0;
    if (!ok || !isExecutable(chromium))
      stop(
        `Chromium could not be installed at ${chromium}: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH`,
      );
  } else {
    stop(`Chromium not found at ${chromium}: run 'sudo apt-get install -y chromium' or set CHROMIUM_PATH`);
  }
}

const suites = [];
const vitestRc = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${dir}/vitest.json`,
]);
suites.push(
  count('unit (vitest)', `${dir}/vitest.json`, vitestRc, (j) => ({
    passed: j.numPassedTests ?? 0,
    failed: j.numFailedTests ?? 0,
  })),
);

// Property tests over the whole schema range, 10,000 cases (issue 10); the unit run above used 100.
const fuzzRc = run(
  'npx',
  [
    'vitest',
    'run',
    'src/core/evaluate/fuzz.property.test.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${dir}/fuzz.json`,
  ],
  { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10000' },
);
suites.push(
  count('property tests, 10,000 cases (vitest)', `${dir}/fuzz.json`, fuzzRc, (j) => ({
    passed: j.numPassedTests ?? 0,
    failed: j.numFailedTests ?? 0,
  })),
);

// The bench gate on slowed-down copies of itself (bench/gate.test.ts): it times the code against a
// reference workload, so it runs alone, not beside the other test files.
const gateRc = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${dir}/gate.json`], {
  ...process.env,
  BENCH_GATE_TEST: '1',
});
suites.push(
  count('bench gate on slowed-down copies (vitest, alone)', `${dir}/gate.json`, gateRc, (j) => ({
    passed: j.numPassedTests ?? 0,
    failed: j.numFailedTests ?? 0,
  })),
);

const pwRc = run('npx', ['playwright', 'test']);
suites.push(
  count('end-to-end (playwright)', `${dir}/playwright.json`, pwRc, (j) => ({
    passed: j.stats?.expected ?? 0,
    failed: (j.stats?.unexpected ?? 0) + (j.stats?.flaky ?? 0),
  })),
);

function count(name, file, rc, read) {
  let passed = 0,
    failed = 0;
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
