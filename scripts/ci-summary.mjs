#!/usr/bin/env node
// Sums the suites of one CI run (tests, budget checks, type check, formatter) into the
// closing line `N passed, N failed`.
import { existsSync, readFileSync } from 'node:fs';

const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);
const tests = read('.test-results/summary.json') ?? { passed: 0, failed: 1 };
const bench = read('.test-results/bench-summary.json') ?? { passed: 0, failed: 1 };
const typecheckOk = process.argv[2] === '0';
const formatOk = process.argv[3] === undefined || process.argv[3] === '0';
const passed = tests.passed + bench.passed + (typecheckOk ? 1 : 0) + (formatOk ? 1 : 0);
const failed = tests.failed + bench.failed + (typecheckOk ? 0 : 1) + (formatOk ? 0 : 1);
console.log(`type check: ${typecheckOk ? 1 : 0} passed, ${typecheckOk ? 0 : 1} failed`);
console.log(`formatter: ${formatOk ? 1 : 0} passed, ${formatOk ? 0 : 1} failed`);
console.log(`budgets: ${bench.passed} passed, ${bench.failed} failed`);
console.log(`tests: ${tests.passed} passed, ${tests.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
