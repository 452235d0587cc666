/**
 * Every constant of the physics is in the README's table of constants, with
 * its value and its source (issue 14: "a table of every constant with its
 * source, with none derived from a single row"), and the table names no
 * constant the code no longer has. A constant added to the cost model
 * without a row here fails this test, so the table cannot fall behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATION_EFFICIENCY } from '../src/core';

const ROOT = join(__dirname, '..');

/** Where the cost model keeps its constants. */
const PHYSICS = [
  'src/core/compute',
  'src/core/comm',
  'src/core/evaluate/passTiming.ts',
  'src/core/evaluate/weightUpdate.ts',
];

function sources(path: string): string[] {
  const full = join(ROOT, path);
  if (path.endsWith('.ts')) return [full];
  return readdirSync(full)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(full, f));
}

function physicsConstants(): string[] {
  const names = new Set<string>();
  for (const file of PHYSICS.flatMap(sources))
    for (const m of readFileSync(file, 'utf8').matchAll(
      /^export const ([A-Z][A-Z0-9_]+)\s*(?::\s*number)?\s*=\s*[^[{\s]/gm,
    ))
      names.add(m[1]);
  return [...names].sort();
}

/** The rows of the README's constants table: first cell the name in backticks. */
function readmeTable(): Map<string, string[]> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### Constants and their sources');
  expect(start, 'README has a "### Constants and their sources" section').toBeGreaterThan(0);
  const end = readme.indexOf('\n#', start + 10);
  const rows = new Map<string, string[]>();
  for (const line of readme.slice(start, end < 0 ? undefined : end).split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([A-Za-z0-9_.]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name) rows.set(name, cells.slice(2, -1));
  }
  return rows;
}

describe("the README's table of constants", () => {
  const table = readmeTable();

  it('lists every exported constant of the cost model with a value and a source', () => {
    const missing = physicsConstants().filter((n) => !table.has(n));
    expect(missing, `add these to README.md "Constants and their sources": ${missing.join(', ')}`).toEqual([]);
    for (const [name, [value, source]] of table) {
      expect(value, `${name}: value`).toBeTruthy();
      expect((source ?? '').length, `${name}: source`).toBeGreaterThan(10);
    }
  });

  it('lists every per-generation efficiency field (values and sources live in src/core/catalog/efficiency.ts)', () => {
    const fields = Object.keys(GENERATION_EFFICIENCY.hopper).filter((k) => !/source$/i.test(k));
    const missing = fields.filter((f) => !table.has(f));
    expect(missing, `add these to the README table: ${missing.join(', ')}`).toEqual([]);
  });

  it('names no constant the code no longer has', () => {
    const known = new Set([...physicsConstants(), ...Object.keys(GENERATION_EFFICIENCY.hopper)]);
    const stale = [...table.keys()].filter((n) => !known.has(n));
    expect(stale, `remove or rename in the README table: ${stale.join(', ')}`).toEqual([]);
  });
});
