import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStrategy } from './constraints';
import { parseScenario } from './parse';
import { FIELDS, type FieldDef } from './schema';

/** Values a field accepts, so the fuzzer reaches the resolution code and not only the type checks. */
function validValue(f: FieldDef): fc.Arbitrary<unknown> {
  const arb: fc.Arbitrary<unknown> = (() => {
    switch (f.type) {
      case 'int':
        return fc.integer({ min: f.min!, max: f.max! });
      case 'number':
        return fc.double({
          min: f.min!,
          max: f.max!,
          noNaN: true,
          minExcluded: f.minExclusive,
          maxExcluded: f.maxExclusive,
        });
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...f.values!);
      case 'string':
        return fc.string({ maxLength: 20 });
    }
  })();
  return f.nullable ? fc.option(arb, { nil: null }) : arb;
}

/** A document built from random field paths with mostly valid, sometimes arbitrary, values. */
const nearlyValid = fc
  .array(
    fc
      .constantFrom(...FIELDS)
      .chain((f) =>
        fc.tuple(
          fc.constant(f.path),
          fc.oneof({ weight: 9, arbitrary: validValue(f) }, { weight: 1, arbitrary: fc.anything() }),
        ),
      ),
    { maxLength: 12 },
  )
  .map((entries) => {
    const doc: Record<string, any> = {};
    for (const [path, value] of entries) {
      const keys = path.split('.');
      let node = doc;
      for (const k of keys.slice(0, -1))
        node = node[k] = typeof node[k] === 'object' && node[k] !== null ? node[k] : {};
      node[keys[keys.length - 1]] = value;
    }
    return doc;
  });

describe('parseScenario fuzz', () => {
  it('never throws on arbitrary input, and every error has a path', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = parseScenario(input);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) expect(e.path.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('near-valid documents: no throw; a parsed scenario parses to itself and can be checked', () => {
    fc.assert(
      fc.property(nearlyValid, (input) => {
        const r = parseScenario(input);
        if (!r.ok) {
          for (const e of r.errors)
            expect(e.path.length && e.message.startsWith(e.path === '(root)' ? 'the' : e.path)).toBeTruthy();
          return;
        }
        const again = parseScenario(r.scenario);
        expect(again.ok && again.scenario).toEqual(r.scenario);
        expect(() => checkStrategy(r.scenario)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
