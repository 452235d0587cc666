/**
 * The UI fixtures are Evaluations of today's shape: each has exactly the
 * fields a live evaluation of its input has (values may differ, since the
 * physics moves on). A failure means the Evaluation type changed: rerun
 * `npx tsx scripts/make-ui-fixtures.ts` and review the UI snapshot diffs.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, SCENARIO_VERSION } from '../../src/core';
import { uiFixture, UI_FIXTURES, type UiFixtureName } from './index';

/** Paths where `a` (live) and `b` (fixture) differ in shape: a field only one has, or a different kind of value. */
function shapeDifferences(a: unknown, b: unknown, path = '$'): string[] {
  const kind = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  const ka = kind(a);
  const kb = kind(b);
  // A nullable field may be null on one side (e.g. no capacity limit) without a change of shape.
  if (ka === 'null' || kb === 'null') return [];
  if (ka !== kb) return [`${path}: ${ka} vs ${kb}`];
  if (ka === 'array') {
    const xs = a as unknown[];
    const ys = b as unknown[];
    const out: string[] = [];
    for (let i = 0; i < Math.min(xs.length, ys.length); i++)
      out.push(...shapeDifferences(xs[i], ys[i], `${path}[${i}]`));
    return out;
  }
  if (ka !== 'object') return [];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  return keys.flatMap((k) =>
    !(k in ra)
      ? [`${path}.${k}: only in the fixture`]
      : !(k in rb)
        ? [`${path}.${k}: only in the live evaluation`]
        : shapeDifferences(ra[k], rb[k], `${path}.${k}`),
  );
}

describe('shapeDifferences', () => {
  it('names added, removed and retyped fields, and ignores values and nulls', () => {
    expect(shapeDifferences({ a: 1, b: [{ c: 'x' }] }, { a: 2, b: [{ c: 'y' }, { c: 'z' }] })).toEqual([]);
    expect(shapeDifferences({ a: 1, n: null }, { a: 1, n: 3 })).toEqual([]);
    expect(shapeDifferences({ a: 1 }, { a: 1, b: 2 })).toEqual(['$.b: only in the fixture']);
    expect(shapeDifferences({ g: [{ coords: { tp: 0, etp: 0 } }] }, { g: [{ coords: { tp: 0 } }] })).toEqual([
      '$.g[0].coords.etp: only in the live evaluation',
    ]);
    expect(shapeDifferences({ a: '1' }, { a: 1 })).toEqual(['$.a: string vs number']);
  });
});

describe('UI evaluation fixtures', () => {
  for (const name of Object.keys(UI_FIXTURES) as UiFixtureName[]) {
    it(`${name} has the shape of a live evaluation of its input`, () => {
      const spec = UI_FIXTURES[name];
      const fixture = uiFixture(name);
      const live = evaluate(spec.input);
      for (const list of spec.trim) expect(fixture[list], `${name}.${list} is trimmed`).toEqual([]);
      // The shape check ignores values; the format version must match exactly.
      expect(fixture.version, `${name}.version`).toBe(SCENARIO_VERSION);
      expect(live.version).toBe(SCENARIO_VERSION);
      const diff = shapeDifferences(live, fixture);
      expect(
        diff,
        `${name} is stale; rerun npx tsx scripts/make-ui-fixtures.ts:\n  ${diff.slice(0, 10).join('\n  ')}`,
      ).toEqual([]);
    });
  }
});
