/**
 * Properties of the codec over random input: any document built from valid
 * field values survives a link unchanged, and no input at all makes decoding
 * throw or return a document the parser refuses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIELDS, parseScenario, type FieldDef } from '../../core';
import { HEATMAP_METRICS, type ViewState } from '../view';
import { OBJECTIVES } from '../../core';
import { scheduleIds } from '../../core';
import { ALIASES, decodePermalink, encodePermalink } from './codec';
import { docFromEntries, LINK_PATHS, isNullableObjectPath } from './doc';

/** A valid value of one field. -0 becomes 0: a link writes both as "0", and no scenario means -0. */
function validValue(f: FieldDef): fc.Arbitrary<unknown> {
  const arb: fc.Arbitrary<unknown> = (() => {
    switch (f.type) {
      case 'int':
        return fc.integer({ min: f.min!, max: f.max! });
      case 'number':
        return fc
          .double({ min: f.min!, max: f.max!, noNaN: true, minExcluded: f.minExclusive, maxExcluded: f.maxExclusive })
          .map((v) => (v === 0 ? 0 : v));
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...f.values!);
      // Full Unicode text (well-formed: a lone surrogate cannot be URL-encoded), within the field's length.
      case 'string':
        return fc
          .string({ unit: 'grapheme', maxLength: Math.min(40, f.maxLength ?? 40) })
          .filter((s) => s.length <= (f.maxLength ?? Infinity));
    }
  })();
  return f.nullable ? fc.option(arb, { nil: null, freq: 6 }) : arb;
}

const entry: fc.Arbitrary<[string, unknown]> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(...FIELDS).chain((f) => validValue(f).map((v): [string, unknown] => [f.path, v])),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...LINK_PATHS.filter(isNullableObjectPath)).map((p): [string, unknown] => [p, null]),
  },
);

/** A random document of valid fields that the parser accepts as a whole (rules between fields included). */
const validDoc = fc
  .array(entry, { maxLength: 14 })
  .map(docFromEntries)
  .filter((doc) => parseScenario(doc).ok);

const finite = fc.double({ min: 0, max: 1e4, noNaN: true }).map((v) => (v === 0 ? 0 : v));
const view: fc.Arbitrary<ViewState> = fc.record({
  metric: fc.constantFrom(...HEATMAP_METRICS.map((m) => m.id)),
  gpu: fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: null }),
  zoom: fc.option(
    fc.tuple(finite, finite).filter(([a, b]) => a < b),
    { nil: null },
  ),
  search: fc.option(
    fc.record({
      objective: fc.constantFrom(...OBJECTIVES),
      tpMax: fc.option(fc.integer({ min: 1, max: 4096 }), { nil: null }),
      schedule: fc.option(fc.constantFrom(...scheduleIds()), { nil: null }),
      microBatchesMax: fc.option(fc.integer({ min: 1, max: 4096 }), { nil: null }),
    }),
    { nil: undefined },
  ),
});

describe('permalink properties', () => {
  it('decode(encode(doc, view)) gives back doc and view, with no problems and the same scenario', () => {
    fc.assert(
      fc.property(validDoc, view, (doc, v) => {
        const link = encodePermalink(doc, v);
        const back = decodePermalink(link);
        expect(back.problems).toEqual([]);
        expect(back.doc).toEqual(doc);
        expect(back.view).toEqual(v);
        const a = parseScenario(doc);
        const b = parseScenario(back.doc);
        expect(a.ok && b.ok).toBe(true);
        if (a.ok && b.ok) expect(b.scenario).toEqual(a.scenario);
      }),
      { numRuns: 150 },
    );
  });

  it('links stay readable: no JSON, no base64, one parameter per leaf', () => {
    fc.assert(
      fc.property(validDoc, (doc) => {
        const link = encodePermalink(doc, { metric: 'memory', gpu: null, zoom: null });
        expect(link.startsWith('?v=1')).toBe(true);
        const params = new URLSearchParams(link.slice(1));
        for (const key of new Set(params.keys())) {
          expect(params.getAll(key), key).toHaveLength(1); // one parameter per leaf
          const value = params.get(key)!;
          const leaf = key
            .split('.')
            .reduce<unknown>(
              (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
              doc,
            );
          // A string leaf travels as itself (a name may contain '[' or '{'); nothing else is JSON or base64.
          if (typeof leaf === 'string') expect(value, key).toBe(leaf);
          else expect(value, key).not.toMatch(/^[[{]|^[A-Za-z0-9+/]{24,}={0,2}$/);
        }
      }),
      { numRuns: 200 },
    );
    // Found by a stress run: a model name with a bracket is a readable link, not JSON.
    expect(
      new URLSearchParams(
        encodePermalink({ model: { name: '[' } } as never, { metric: 'memory', gpu: null, zoom: null }).slice(1),
      ).get('model.name'),
    ).toBe('[');
  });

  it('never throws on arbitrary strings, and the document always parses', () => {
    // Any code point, lone surrogates included, mostly ASCII so '&', '=', '%' and '+' come up often.
    // (fc.string's 'binary' unit draws the same, but takes a second to build: 5 s on a loaded machine.)
    const codePoint = fc
      .oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
        { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0x10ffff }) },
      )
      .map((c) => String.fromCodePoint(c));
    fc.assert(
      fc.property(fc.string({ unit: codePoint, maxLength: 200 }), (s) => {
        const r = decodePermalink(s);
        expect(parseScenario(r.doc).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary key/value pairs (known names, aliases, junk), and the document always parses', () => {
    const known = [...LINK_PATHS, ...Object.keys(ALIASES), 'v', 'view.metric', 'view.gpu', 'view.zoom', 'view.search'];
    const key = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    );
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'null',
        'true',
        'false',
        '0',
        '-1',
        '1e400',
        'NaN',
        '',
        '2.5',
        '1,2',
        'h100-sxm',
        'mixtral-8x7b',
        'deepseek-v3',
        'training',
      ),
      fc.integer({ min: -10, max: 300 }).map(String),
      fc.double({ noNaN: false }).map(String),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 16 }), (pairs) => {
        const search = `?${new URLSearchParams(pairs).toString()}`;
        const r = decodePermalink(search);
        const parsed = parseScenario(r.doc);
        if (!parsed.ok) throw new Error(`${search}: ${parsed.errors.map((e) => e.message).join('; ')}`);
        for (const p of r.problems) expect(p.message.length).toBeGreaterThan(0);
        // What decoding produced is a clean link: reading it again reports nothing.
        expect(decodePermalink(encodePermalink(r.doc, r.view)).problems).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('compare=: decode(encode(B, view, A)) gives back both; any pairs inside compare= give an A that parses, or none', () => {
    fc.assert(
      fc.property(validDoc, validDoc, (b, a) => {
        const back = decodePermalink(encodePermalink(b, { metric: 'memory', gpu: null, zoom: null }, a));
        expect(back.problems).toEqual([]);
        expect(back.doc).toEqual(b);
        expect(back.compare).toEqual(a);
      }),
      { numRuns: 60 },
    );
    const known = [...LINK_PATHS.slice(0, 40), 'tp', 'mb', 'v', 'view.gpu', 'compare'];
    const key = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    );
    const value = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('null', '0', '-1', '1e400', 'NaN', '', '16', 'h100-sxm'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), (pairs) => {
        const r = decodePermalink(`?tp=2&compare=${encodeURIComponent(new URLSearchParams(pairs).toString())}`);
        expect(r.doc).toEqual({ parallel: { tp: 2 } });
        if (r.compare) expect(parseScenario(r.compare).ok).toBe(true);
        for (const p of r.problems) expect(p.message.startsWith('compare')).toBe(true);
        // What decoding produced is a clean link.
        expect(decodePermalink(encodePermalink(r.doc, r.view, r.compare ?? null)).problems).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
