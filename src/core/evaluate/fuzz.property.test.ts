/**
 * Property tests over the whole schema range (issue 10). Each case is a
 * random document (test/scenarioArbitrary.ts); a valid one must evaluate
 * without throwing, to finite numbers, within the physical bounds, the same
 * twice; an invalid one must be refused with a ScenarioError naming fields.
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

const tol = (x: number) => x * (1 + 1e-9) + 1e-15;
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
  it('evaluates without throwing, to finite numbers within the physical bounds, deterministically; or names the fields it refuses', () => {
    fc.assert(fc.property(scenarioDocument, (doc) => {
      const e = tryEvaluate(doc);
      if (e instanceof ScenarioError) {
        expect(e.errors.length).toBeGreaterThan(0);
        for (const x of e.errors) expect(x.message.startsWith(x.path)).toBe(true);
        return;
      }
      expect(physicalBounds(e), JSON.stringify(doc)).toEqual([]);
      const again = evaluate(doc);
      expect(again.time.stepSeconds).toBe(e.time.stepSeconds);
      expect(again.memory.peakBytes).toBe(e.memory.peakBytes);
    }), { numRuns: RUNS, endOnFailure: RUNS > 1000 });
  }, TIMEOUT);

  it('monotone: more bandwidth never slows a step; more memory never makes a strategy infeasible', () => {
    const boost = fc.constantFrom('intraNodeGBps', 'interNodeGBps', 'memoryBandwidthTBps');
    fc.assert(fc.property(scenarioDocument, boost, fc.double({ min: 1.01, max: 100, noNaN: true }), (doc, field, k) => {
      const e = tryEvaluate(doc);
      if (e instanceof ScenarioError) return;
      const hw = e.scenario.hardware;
      const faster = tryEvaluate({ ...e.scenario, hardware: { ...hw, [field]: Math.min(field === 'memoryBandwidthTBps' ? 1000 : 100_000, hw[field] * k) } });
      if (faster instanceof ScenarioError) throw faster;
      expect(faster.time.stepSeconds).toBeLessThanOrEqual(tol(e.time.stepSeconds));
      const bigger = tryEvaluate({ ...e.scenario, hardware: { ...hw, memoryGB: Math.min(100_000, hw.memoryGB * k) } });
      if (bigger instanceof ScenarioError) throw bigger;
      if (e.feasible) expect(bigger.feasible).toBe(true);
    }), { numRuns: Math.max(20, Math.floor(RUNS / 4)), endOnFailure: RUNS > 1000 });
  }, TIMEOUT);

  it('a larger capacity factor never drops more tokens', () => {
    fc.assert(fc.property(scenarioDocument, fc.double({ min: 1.01, max: 10, noNaN: true }), (doc, k) => {
      const e = tryEvaluate(doc);
      if (e instanceof ScenarioError || e.scenario.parallel.capacityFactor === null) return;
      const cf = e.scenario.parallel.capacityFactor;
      const larger = tryEvaluate({ ...e.scenario, parallel: { ...e.scenario.parallel, capacityFactor: Math.min(64, cf * k) } });
      if (larger instanceof ScenarioError) throw larger;
      expect(larger.tokenDropPct).toBeLessThanOrEqual(e.tokenDropPct + 1e-9);
    }), { numRuns: Math.max(20, Math.floor(RUNS / 4)), endOnFailure: RUNS > 1000 });
  }, TIMEOUT);
});
