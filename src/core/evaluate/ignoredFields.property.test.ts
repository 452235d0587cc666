/**
 * No field silently ignored (issue 17): for every workload and parallel
 * field F and a random scenario S in which F is set to a value other than the
 * one it has without it, either some number of the evaluation changes, or a
 * rule of ignoredFields.ts names F as ignored in S (and then the assumptions
 * say so, and no number may change: the rule must be exact). The few cases
 * where a used field can leave every number as it was are in COINCIDENCES,
 * each with its reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario, type Evaluation, type Scenario } from '..';
import { FIELDS, type FieldDef } from '../scenario/schema';
import { storageFormats } from '../physics/storage';
import { ignoredFields } from './ignoredFields';
import { FRAMEWORK_SWITCHES, frameworkSwitches } from '../scenario/resolve-framework';

const RUNS = Number(process.env.IGNORED_FIELD_RUNS ?? 200);

/** Fields a document sets per scenario: workload and parallel (not seqLenRange, which only adds the sweep, skipped here for speed). */
const COVERED = FIELDS.filter(
  (f) =>
    (f.path.startsWith('workload.') || f.path.startsWith('parallel.')) && !f.path.startsWith('workload.seqLenRange'),
);

interface Coincidence {
  field: string;
  /** `before`: the scenario without the field given; `after`: with the new value. */
  when(before: Scenario, after: Scenario): boolean;
  why: string;
}

const get = (s: Scenario, path: string): unknown => path.split('.').reduce<any>((o, k) => o[k], s);

/** A used field whose new value can still leave every number unchanged. */
const COINCIDENCES: readonly Coincidence[] = [
  // A switch set to what the framework's default already makes it, or a framework whose defaults and runtime match.
  ...FRAMEWORK_SWITCHES.map(({ key, path }) => ({
    field: path,
    when: (b: Scenario, a: Scenario) => frameworkSwitches(b).values[key] === frameworkSwitches(a).values[key],
    why: "the value the framework's default already gives",
  })),
  {
    field: 'workload.framework',
    when: (b, a) => JSON.stringify(frameworkSwitches(b).values) === JSON.stringify(frameworkSwitches(a).values),
    why: "a framework with the same defaults here; its runtime changes only the CPU's launch cost, which shows nowhere every layer's GPU work outlasts the launches",
  },
  {
    field: 'workload.precision',
    when: (b, a) => b.workload.precision !== 'fp8' && a.workload.precision !== 'fp8',
    why: 'fp16 and bf16 are both 2 bytes and every preset GPU lists the same peak for both',
  },
  ...['workload.weightPrecision', 'workload.expertWeightPrecision', 'workload.kvCachePrecision'].map((field) => ({
    field,
    when: (b: Scenario, a: Scenario) =>
      JSON.stringify(storageFormats(b.workload)) === JSON.stringify(storageFormats(a.workload)),
    why: 'a storage format of the same width as the one it replaces (bf16 for fp16; null resolves to the same bytes)',
  })),
  {
    field: 'parallel.rankOrder',
    when: () => true,
    why: 'an order that keeps the same groups inside a node (or every group inside one node) times the same',
  },
  {
    field: 'workload.cudaGraphs',
    when: () => true,
    why: "graphs cut the CPU's launch cost, which changes nothing where every layer's GPU work outlasts the launches",
  },
  {
    field: 'parallel.routing.distribution',
    when: (b, a) => b.parallel.routing.skew === 0 && a.parallel.routing.skew === 0,
    why: 'Zipf with exponent 0 is the uniform distribution',
  },
];

/** Small values, so that each evaluation stays fast: the low end of a range, and null where allowed. */
function smallValue(f: FieldDef): fc.Arbitrary<unknown> {
  const arb: fc.Arbitrary<unknown> = (() => {
    switch (f.type) {
      case 'int':
        return fc.integer({ min: f.min!, max: Math.min(f.max!, f.min! + 16) });
      // Steps of a quarter: a value a denormal away from another changes nothing by coincidence.
      case 'number':
        return fc.integer({ min: f.minExclusive ? 1 : 0, max: 16 }).map((k) => Math.min(f.max!, f.min! + k / 4));
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...f.values!);
      case 'string':
        return fc.string({ maxLength: 8 });
    }
  })();
  return f.nullable ? fc.option(arb, { nil: null, freq: 4 }) : arb;
}

/** A random, cheap scenario over the settings that decide which fields matter: mode, phase, precision, model, TP, EP, routing. */
const baseScenario = fc
  .record({
    model: fc.constantFrom(
      { preset: 'seed-moe' },
      { preset: 'mixtral-8x7b' },
      { preset: 'olmoe-1b-7b' },
      { preset: 'seed-moe', moe: null },
    ),
    hardware: fc.record({ gpu: fc.constantFrom('h100-sxm', 'seed-gpu', 'a100-80gb') }),
    workload: fc.record({
      mode: fc.constantFrom('training', 'inference'),
      phase: fc.constantFrom('prefill', 'decode'),
      precision: fc.constantFrom('bf16', 'fp16', 'fp8'),
      globalBatch: fc.constant(32),
      seqLen: fc.constantFrom(256, 1024),
      seqLenRange: fc.constant(null),
      microBatches: fc.constantFrom(1, 4),
    }),
    parallel: fc.record({
      tp: fc.constantFrom(1, 2),
      pp: fc.constantFrom(1, 2),
      dp: fc.constantFrom(1, 4),
      ep: fc.constantFrom(1, 4),
      capacityFactor: fc.constantFrom(null, 1.25),
      routing: fc.record({ distribution: fc.constantFrom('zipf', 'uniform'), skew: fc.constantFrom(0, 1.2) }),
    }),
  })
  .map((doc) => {
    // A strategy that fits its cluster (every GPU placed, EP inside TP × DP), so no field is hidden by an infeasible layout.
    const p = doc.parallel;
    const ep = [p.ep, 2, 1].find((e) => (p.tp * p.dp) % e === 0)!;
    return { ...doc, hardware: { ...doc.hardware, count: p.tp * p.pp * p.dp }, parallel: { ...p, ep } };
  });

function withField(doc: Record<string, any>, path: string, value: unknown): Record<string, any> {
  const out = structuredClone(doc);
  const keys = path.split('.');
  let node = out;
  for (const k of keys.slice(0, -1)) node = node[k] = typeof node[k] === 'object' && node[k] !== null ? node[k] : {};
  node[keys[keys.length - 1]!] = value;
  return out;
}

function withoutField(doc: Record<string, any>, path: string): Record<string, any> {
  const out = structuredClone(doc);
  const keys = path.split('.');
  let node = out;
  for (const k of keys.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) return out;
    node = node[k];
  }
  delete node[keys[keys.length - 1]!];
  return out;
}

/** Every number and verdict of an evaluation, without the text that names assumptions and the scenario echoed back. */
const numbers = (e: Evaluation) => JSON.stringify({ ...e, assumptions: undefined, scenario: undefined });

describe(`no field silently ignored (${RUNS} cases)`, () => {
  it('a field set to a new value changes the evaluation, or the assumptions name it as ignored and nothing changes', () => {
    const field = fc.constantFrom(...COVERED).chain((f) => fc.tuple(fc.constant(f), smallValue(f)));
    fc.assert(
      fc.property(baseScenario, field, (base, [f, value]) => {
        const before = parseScenario(withoutField(base, f.path));
        const afterDoc = withField(base, f.path, value);
        const after = parseScenario(afterDoc);
        fc.pre(before.ok && after.ok);
        if (!before.ok || !after.ok) return;
        fc.pre(JSON.stringify(get(before.scenario, f.path)) !== JSON.stringify(value));
        const changed = numbers(evaluate(withoutField(base, f.path))) !== numbers(evaluate(afterDoc));
        const ignored = ignoredFields(after.scenario).filter((r) => r.field === f.path);
        const context = `${f.path} = ${JSON.stringify(value)} in ${JSON.stringify(after.scenario.workload)} ${JSON.stringify(after.scenario.parallel)} ${after.scenario.model.name} ${after.scenario.hardware.gpu}`;
        if (ignored.length > 0) {
          expect(changed, `a rule says ignored (${ignored[0]!.why}) but the numbers changed: ${context}`).toBe(false);
          if (value !== f.default)
            expect(evaluate(afterDoc).assumptions, context).toContain(`${f.path} is ignored: ${ignored[0]!.why}.`);
          return;
        }
        if (changed) return;
        const coincidence = COINCIDENCES.find((c) => c.field === f.path && c.when(before.scenario, after.scenario));
        expect(coincidence, `nothing changed and no rule names it: ${context}`).toBeDefined();
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
