/**
 * Writes the UI tests' evaluation fixtures (test/evaluations/, listed in
 * test/evaluations/catalogue.ts) from the live evaluator:
 *
 *   npx tsx scripts/make-ui-fixtures.ts            # every fixture
 *   npx tsx scripts/make-ui-fixtures.ts seed dense # just these
 *
 * Run it when the Evaluation gains or loses a field (test/evaluations/
 * evaluations.test.ts says so) or when a UI test needs a new scenario; then
 * review the UI snapshot diffs and accept them with `npx vitest run -u`.
 * A physics change alone needs no new fixtures: that is their point.
 */
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { evaluate, type Evaluation } from '../src/core';
import { fixtureFile, UI_FIXTURES, type UiFixtureName } from '../test/evaluations/catalogue';

/**
 * JSON with one top-level field per line and one list element per line, so
 * a regenerated fixture diffs line by line.
 */
function fixtureJson(e: Evaluation): string {
  const fields = Object.entries(e).map(([k, v]) => {
    const value =
      Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null)
        ? `[\n${v.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`
        : JSON.stringify(v);
    return `  ${JSON.stringify(k)}: ${value}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

const all = Object.keys(UI_FIXTURES) as UiFixtureName[];
const asked = process.argv.slice(2) as UiFixtureName[];
const unknown = asked.filter((n) => !all.includes(n));
if (unknown.length) throw new Error(`no such fixture: ${unknown.join(', ')} (known: ${all.join(', ')})`);

for (const name of asked.length ? asked : all) {
  const spec = UI_FIXTURES[name];
  const e: Evaluation = { ...evaluate(spec.input) };
  for (const list of spec.trim) e[list] = [];
  const text = fixtureJson(e);
  // JSON keeps every value (no NaN, Infinity, undefined or −0 to lose).
  if (!isDeepStrictEqual(JSON.parse(text), e)) throw new Error(`${name}: the evaluation does not survive JSON`);
  const file = new URL(`../test/evaluations/${fixtureFile(name)}`, import.meta.url);
  writeFileSync(file, spec.gzip ? gzipSync(text, { level: 9 }) : text);
  console.log(`${fixtureFile(name)}: ${(text.length / 1024).toFixed(0)} KB of JSON${spec.gzip ? ', gzipped' : ''}`);
}
