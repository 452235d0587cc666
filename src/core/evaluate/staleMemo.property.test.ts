/**
 * A memo shared between evaluations must never hand one scenario another's
 * result. Two scenarios that differ in one field (every field of the schema
 * at its neighbouring values, and random fields at random valid values) are evaluated one after the
 * other through one memo, as the search and the parameter sweep do; the
 * second must equal its evaluation through a fresh memo, bit for bit. The
 * second scenario shares every unchanged object with the first (as the
 * search's scenarios do), so memos keyed by object identity are tested too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError, type Evaluation } from '..';
import type { Scenario } from '../scenario/types';
import { FIELDS, type FieldDef } from '../scenario/schema';
import { validValue } from '../../../test/scenarioArbitrary';
import { createMemo, evaluateScenario, peakMemory, type EvaluateMemo } from './evaluate';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** Bases: dense and MoE training with pipeline, expert and tensor parallelism; MoE prefill and decode. */
const BASES = [
  {
    workload: { mode: 'training', globalBatch: 32, seqLen: 1024, seqLenRange: null, microBatches: 4 },
    hardware: { count: 8 },
    parallel: { tp: 2, pp: 2, dp: 2, ep: 2 },
  },
  {
    model: { preset: 'deepseek-v3' },
    hardware: { gpu: 'h800-sxm', count: 64 },
    workload: {
      mode: 'training',
      globalBatch: 64,
      seqLen: 2048,
      seqLenRange: null,
      microBatches: 8,
      recompute: 'full',
    },
    parallel: { tp: 1, pp: 8, dp: 8, ep: 8, schedule: 'interleaved-1f1b', virtualStages: 2 },
  },
  {
    model: { preset: 'gpt3-175b' },
    hardware: { gpu: 'a100-80gb', count: 64 },
    workload: { mode: 'training', globalBatch: 64, seqLen: 2048, seqLenRange: null, microBatches: 8, zeroStage: 1 },
    parallel: { tp: 8, pp: 4, dp: 2, ep: 1 },
  },
  { hardware: { count: 16 }, workload: { seqLenRange: null }, parallel: { tp: 2, pp: 2, dp: 4, ep: 4 } },
  {
    hardware: { count: 16 },
    workload: { phase: 'decode', decodeTokens: 128, seqLenRange: null },
    parallel: { tp: 4, pp: 1, dp: 4, ep: 2 },
  },
];

function parsed(doc: unknown): Scenario | null {
  const p = parseScenario(doc);
  return p.ok ? p.scenario : null;
}

const scenarios = BASES.map((b) => {
  const s = parsed(b);
  if (!s) throw new Error(`base scenario does not parse: ${JSON.stringify(b)}`);
  return s;
});

/** Every field but the claims (never used for math) and the version. */
const VARIED = FIELDS.filter((f) => !f.path.startsWith('claims.') && f.path !== 'version');

function get(doc: Record<string, any>, path: string): unknown {
  return path.split('.').reduce<any>((node, k) => (node === null || node === undefined ? undefined : node[k]), doc);
}

function put(doc: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = doc;
  for (const k of keys.slice(0, -1)) node = node[k] = typeof node[k] === 'object' && node[k] !== null ? node[k] : {};
  node[keys[keys.length - 1]] = value;
}

/** Values near the field's current one: the changes a slider or a menu makes. */
function nearValues(f: FieldDef, current: unknown): unknown[] {
  const near: unknown[] = [];
  if (typeof current === 'number') near.push(...(f.type === 'int' ? [current + 1, current * 2] : [current * 1.01]));
  if (typeof current === 'boolean') near.push(!current);
  if (f.type === 'enum') near.push(...f.values!.filter((v) => v !== current));
  if (f.nullable && current !== null) near.push(null);
  return near;
}

/** `b` with every part deep-equal to `a`'s replaced by `a`'s own object: the second scenario shares what did not change. */
function shareUnchanged<T>(a: T, b: T): T {
  if (
    a === b ||
    typeof a !== 'object' ||
    a === null ||
    typeof b !== 'object' ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return b;
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  if (Array.isArray(a)) return b;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(b)) out[k] = shareUnchanged((a as any)[k], (b as any)[k]);
  return out as T;
}

/** The search's path: the memory check, then the evaluation, through `memo`. */
function throughMemo(s: Scenario, memo: EvaluateMemo): Evaluation {
  peakMemory(s, memo);
  return evaluateScenario(s, [], { sweep: false, serving: false, perGpu: false, memo });
}

/** Evaluates through the memo, or null where the scenario is refused (over the work budget). */
function orRefused(s: Scenario, memo: EvaluateMemo): Evaluation | null {
  try {
    return throughMemo(s, memo);
  } catch (err) {
    if (err instanceof ScenarioError) return null;
    throw err;
  }
}

/**
 * Whether `a` then `b` through one memo gives `b` what a fresh memo does:
 * 'same', or 'skipped' where `b` is not a valid scenario or either is refused.
 */
function checkPair(a: Scenario, path: string, value: unknown): 'same' | 'skipped' {
  const doc = structuredClone(a) as Record<string, any>;
  put(doc, path, value);
  const parsedB = parsed(doc);
  if (!parsedB) return 'skipped';
  const b = shareUnchanged(a, parsedB);
  const shared = createMemo();
  if (!orRefused(a, shared)) return 'skipped';
  const viaShared = orRefused(b, shared);
  const viaFresh = orRefused(b, createMemo());
  expect(viaShared === null).toBe(viaFresh === null);
  if (!viaShared || !viaFresh) return 'skipped';
  expect(viaShared, `${path} = ${JSON.stringify(value)}`).toEqual(viaFresh);
  return 'same';
}

describe('a memo shared by two scenarios one field apart gives the second the same evaluation as a fresh memo', () => {
  it.each(scenarios.map((s, i) => [i, s] as const))(
    'every field of base %i, changed to each neighbouring value',
    (_i, a) => {
      let same = 0;
      let tried = 0;
      for (const f of VARIED) {
        for (const v of nearValues(f, get(a, f.path))) {
          tried++;
          if (checkPair(a, f.path, v) === 'same') same++;
        }
      }
      // Most neighbours are scenarios that run: the check is not vacuous.
      expect(same).toBeGreaterThan(tried / 2);
    },
    120_000,
  );

  it(
    `any field of any base, changed to a random valid value (${RUNS} cases)`,
    () => {
      const change = fc
        .integer({ min: 0, max: BASES.length - 1 })
        .chain((base) =>
          fc.constantFrom(...VARIED).chain((f) => fc.tuple(fc.constant(base), fc.constant(f.path), validValue(f))),
        );
      let same = 0;
      fc.assert(
        fc.property(change, ([base, path, value]) => {
          if (checkPair(scenarios[base], path, value) === 'same') same++;
        }),
        { numRuns: RUNS, seed: 17 },
      );
      expect(same).toBeGreaterThan(RUNS / 4);
    },
    Math.max(60_000, RUNS * 400),
  );
});
