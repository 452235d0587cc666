/**
 * Property tests over the whole schema range (issue 10). Each case is a
 * random document (test/scenarioArbitrary.ts); a valid one must evaluate
 * without throwing, to finite numbers, within the physical bounds, the same
 * twice; an invalid one must be refused with a ScenarioError naming fields.
 *
 * Beside the physical bounds (MFU ≤ 1 among them): the compute parts add up
 * to the compute time, no part of the step exceeds it, and the routing
 * simulation's work stays bounded (counted, not timed).
 *
 * The unit suite runs FUZZ_RUNS (default 100) cases per property; CI's
 * `npm run test:fuzz` runs 10,000, and `FUZZ_RUNS=100000 npm run test:fuzz`
 * the long run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, ScenarioError, type Evaluation } from '..';
import { scenarioDocument } from '../../../test/scenarioArbitrary';
import { physicalBounds } from '../../../test/physicalBounds';
import { routingWork } from '../routing';

const tol = (x: number) => x * (1 + 1e-9) + 1e-15;
/**
 * Routing steps one evaluation may take (routingWork: token draws, sum-tree
 * steps, quadrature cells). A default evaluation takes ~10^5; the exact path's
 * cap (4,096 × 64 assignments) and the integral's (E·k ≤ 2^18, ~60 nodes) keep
 * each routing below ~2·10^7, and an evaluation routes a few token counts.
 * Top-16,384 of 16,384 once took ~10^12 (the probe's hang).
 */
const MAX_ROUTING_STEPS = 2e8;

/** The probe's invariants beyond physicalBounds, as a list of what broke. */
function timeInvariants(e: Evaluation): string[] {
  const out: string[] = [];
  const t = e.time;
  const parts = t.computeParts ?? [];
  if (parts.length) {
    const sum = parts.reduce((a, p) => a + p.seconds, 0);
    if (Math.abs(sum - t.computeSeconds) > 1e-9 * t.computeSeconds + 1e-15)
      out.push(`compute parts ${sum} ≠ compute ${t.computeSeconds}`);
  }
  const named: [string, number][] = [
    ['compute', t.computeSeconds],
    ['bubble', t.bubbleSeconds],
    ['optimizer', t.optimizerSeconds],
    ...Object.entries(t.exposedCommSeconds).map(([k, v]): [string, number] => [`exposed ${k}`, v]),
    ...parts.map((p): [string, number] => [`part ${p.part}`, p.seconds]),
  ];
  for (const [name, seconds] of named)
    if (seconds > tol(t.stepSeconds)) out.push(`${name} ${seconds} > step ${t.stepSeconds}`);
  return out;
}
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const TIMEOUT = Math.max(60_000, RUNS * 50);

/** Evaluates, returning the evaluation or the field errors; anything else thrown fails the property. */
function tryEvaluate(doc: unknown): Evaluation | ScenarioError {
  try {
    return evaluate(doc);
  } catch (err) {
    if (err instanceof ScenarioError) return err;
    throw new Error(`evaluate threw ${String(err)} on ${JSON.stringify(doc)}`);
  }
}

describe(`every document over the schema range (${RUNS} cases)`, () => {
  it(
    'evaluates without throwing, to finite numbers within the physical bounds, deterministically; or names the fields it refuses',
    () => {
      fc.assert(
        fc.property(scenarioDocument, (doc) => {
          const before = routingWork.steps;
          const e = tryEvaluate(doc);
          expect(routingWork.steps - before, JSON.stringify(doc)).toBeLessThan(MAX_ROUTING_STEPS);
          if (e instanceof ScenarioError) {
            expect(e.errors.length).toBeGreaterThan(0);
            for (const x of e.errors) expect(x.message.startsWith(x.path)).toBe(true);
            return;
          }
          expect(physicalBounds(e), JSON.stringify(doc)).toEqual([]);
          expect(timeInvariants(e), JSON.stringify(doc)).toEqual([]);
          const again = evaluate(doc);
          expect(again.time.stepSeconds).toBe(e.time.stepSeconds);
          expect(again.memory.peakBytes).toBe(e.memory.peakBytes);
        }),
        { numRuns: RUNS, endOnFailure: RUNS > 1000 },
      );
    },
    TIMEOUT,
  );

  it(
    'monotone: more bandwidth never slows a step; more memory never makes a strategy infeasible',
    () => {
      const boost = fc.constantFrom('intraNodeGBps', 'interNodeGBps', 'memoryBandwidthTBps');
      fc.assert(
        fc.property(scenarioDocument, boost, fc.double({ min: 1.01, max: 100, noNaN: true }), (doc, field, k) => {
          const e = tryEvaluate(doc);
          if (e instanceof ScenarioError) return;
          const hw = e.scenario.hardware;
          const faster = tryEvaluate({
            ...e.scenario,
            hardware: { ...hw, [field]: Math.min(field === 'memoryBandwidthTBps' ? 1000 : 100_000, hw[field] * k) },
          });
          if (faster instanceof ScenarioError) throw faster;
          expect(faster.time.stepSeconds).toBeLessThanOrEqual(tol(e.time.stepSeconds));
          const bigger = tryEvaluate({
            ...e.scenario,
            hardware: { ...hw, memoryGB: Math.min(100_000, hw.memoryGB * k) },
          });
          if (bigger instanceof ScenarioError) throw bigger;
          if (e.feasible) expect(bigger.feasible).toBe(true);
        }),
        { numRuns: Math.max(20, Math.floor(RUNS / 4)), endOnFailure: RUNS > 1000 },
      );
    },
    TIMEOUT,
  );

  it(
    'a larger capacity factor never drops more tokens',
    () => {
      fc.assert(
        fc.property(scenarioDocument, fc.double({ min: 1.01, max: 10, noNaN: true }), (doc, k) => {
          const e = tryEvaluate(doc);
          if (e instanceof ScenarioError || e.scenario.parallel.capacityFactor === null) return;
          const cf = e.scenario.parallel.capacityFactor;
          const larger = tryEvaluate({
            ...e.scenario,
            parallel: { ...e.scenario.parallel, capacityFactor: Math.min(64, cf * k) },
          });
          if (larger instanceof ScenarioError) throw larger;
          expect(larger.tokenDropPct).toBeLessThanOrEqual(e.tokenDropPct + 1e-9);
        }),
        { numRuns: Math.max(20, Math.floor(RUNS / 4)), endOnFailure: RUNS > 1000 },
      );
    },
    TIMEOUT,
  );
});
