/**
 * Random scenario documents over the whole schema range, for the property
 * tests and `npm run bench`'s slowest-of-10,000. Each field is left out
 * (its default) or given a value from its full range, with the edges and
 * small realistic values drawn often, because that is where limits break.
 */
import fc from 'fast-check';
import { FIELDS, type FieldDef } from '../src/core/scenario/schema';

function intValue(f: FieldDef): fc.Arbitrary<number> {
  const min = f.min!;
  const max = f.max!;
  const small = fc.integer({ min, max: Math.min(max, min + 64) });
  const powers = fc
    .integer({ min: 0, max: Math.floor(Math.log2(Math.max(1, max))) })
    .map((k) => Math.min(max, Math.max(min, 2 ** k)));
  return fc.oneof(
    { weight: 3, arbitrary: small },
    { weight: 3, arbitrary: powers },
    { weight: 2, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

function numberValue(f: FieldDef): fc.Arbitrary<number> {
  const min = f.min!;
  const max = f.max!;
  const full = fc.double({
    min,
    max,
    noNaN: true,
    noDefaultInfinity: true,
    minExcluded: f.minExclusive,
    maxExcluded: f.maxExclusive,
  });
  const edges = [min, max].filter((v) => (v !== min || !f.minExclusive) && (v !== max || !f.maxExclusive));
  return edges.length
    ? fc.oneof({ weight: 4, arbitrary: full }, { weight: 1, arbitrary: fc.constantFrom(...edges) })
    : full;
}

/** A value the field accepts. */
export function validValue(f: FieldDef): fc.Arbitrary<unknown> {
  const arb: fc.Arbitrary<unknown> = (() => {
    switch (f.type) {
      case 'int':
        return intValue(f);
      case 'number':
        return numberValue(f);
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...f.values!);
      case 'string':
        return fc.string({ maxLength: Math.min(20, f.maxLength ?? 20) });
    }
  })();
  return f.nullable ? fc.option(arb, { nil: null, freq: 8 }) : arb;
}

/** Fields a random document may set: not the claims (never used for math) nor the version. */
const FUZZED = FIELDS.filter((f) => !f.path.startsWith('claims.') && f.path !== 'version');

function put(doc: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = doc;
  for (const k of keys.slice(0, -1)) node = node[k] = typeof node[k] === 'object' && node[k] !== null ? node[k] : {};
  node[keys[keys.length - 1]] = value;
}

/** A document setting a random handful of fields, each in its range. */
export const scenarioDocument: fc.Arbitrary<Record<string, unknown>> = fc
  .array(
    fc.constantFrom(...FUZZED).chain((f) => fc.tuple(fc.constant(f.path), validValue(f))),
    { maxLength: 14 },
  )
  .map((entries) => {
    const doc: Record<string, any> = {};
    for (const [path, value] of entries) put(doc, path, value);
    return doc;
  });
