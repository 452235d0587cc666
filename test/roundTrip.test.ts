/**
 * The normalized scenario an evaluation carries (what a link, an export and
 * window.explorer.scenario() hold) parses back to itself: every default the
 * resolver derives (headDim = hidden / heads, …) is a value the schema takes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/core';
import { scenarioDocument } from './scenarioArbitrary';

describe('normalized scenarios round-trip', () => {
  it('parseScenario(normalized) gives the same scenario, over random documents of the whole schema range', () => {
    fc.assert(
      fc.property(scenarioDocument, (doc) => {
        const first = parseScenario(doc);
        if (!first.ok) return;
        const again = parseScenario(first.scenario);
        expect(again.ok ? [] : again.errors.map((e) => e.message)).toEqual([]);
        if (again.ok) expect(again.scenario).toEqual(first.scenario);
      }),
      { numRuns: 400 },
    );
  });

  it('a one-head model as wide as the schema allows: its derived head dimension parses back', () => {
    const first = parseScenario({ model: { hidden: 487_110, heads: 1, kvHeads: 1 } });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.scenario.model.headDim).toBe(487_110);
    expect(parseScenario(first.scenario).ok).toBe(true);
  });
});

describe('huge but valid token counts', () => {
  it('routing counts, not lists, beyond 2^53 tokens per EP group: the evaluation is finite and drops no negative share', async () => {
    const { evaluate } = await import('../src/core');
    // Found by the 10,000-case fuzz run: an ETP of 65,536 on 4-way TP makes an EP group of ~1.7e16 tokens.
    const e = evaluate({
      workload: { seqLen: 131072, globalBatch: 7959855 },
      parallel: { etp: 65536 },
      model: { vocab: 2 },
    });
    expect(Number.isFinite(e.time.stepSeconds)).toBe(true);
    expect(e.routing!.tokensPerMicroBatch).toBeGreaterThan(2 ** 53);
    expect(e.tokenDropPct).toBeGreaterThanOrEqual(0);
  });
});
