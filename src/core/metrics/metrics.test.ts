/** The target and metric registries: each entry reads the figure its derivation works out, and the checks follow the direction. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '..';
import { explainMetric } from '../explain';
import { compliance, explainTarget, METRICS, TARGET_IDS, TARGETS } from '.';
import type { MetricId } from '../explain';
import { DEFAULT_SCENARIO } from '../scenario/defaults';

const e = evaluate({ parallel: { tp: 2, pp: 4, dp: 2 } });

describe('target registry', () => {
  it("covers every field of the scenario's targets block, in the compliance order", () => {
    expect(TARGET_IDS.sort()).toEqual(Object.keys(DEFAULT_SCENARIO.targets).sort());
    expect(e.compliance.map((c) => c.target)).toEqual(Object.keys(TARGETS));
  });
  it.each(TARGET_IDS)('%s: the figure checked is the one its "show the math" derivation works out', (t) => {
    const { value, math } = TARGETS[t];
    // The derivation is in its own unit (seconds for a target in ms): scale before comparing.
    expect(explainMetric(e, math.id).result).toBeCloseTo(value(e) * math.scale, 9);
  });
  it('passes a target at its limit exactly and fails it just past, whichever the direction', () => {
    for (const t of TARGET_IDS) {
      const v = TARGETS[t].value(e);
      const past = TARGETS[t].kind === 'max' ? v * 0.99 : v * 1.01;
      const at = compliance({ ...DEFAULT_SCENARIO.targets, [t]: v }, e).find((c) => c.target === t)!;
      const off = compliance({ ...DEFAULT_SCENARIO.targets, [t]: past }, e).find((c) => c.target === t)!;
      expect([t, at.pass, off.pass]).toEqual([t, true, v === 0 ? true : false]);
    }
  });
  it('a target switched off neither passes nor fails', () => {
    const off = compliance({ ...DEFAULT_SCENARIO.targets, latencyMs: null }, e).find((c) => c.target === 'latencyMs')!;
    expect(off.pass).toBeNull();
  });
  it("a target's derivation carries its limit in the derivation's unit", () => {
    const entry = e.compliance.find((c) => c.target === 'latencyMs')!;
    expect(explainTarget(e, entry)?.check).toEqual({
      target: 'latencyMs',
      kind: 'max',
      limit: 50e-3,
      pass: entry.pass,
    });
    expect(explainTarget(e, { ...entry, target: 'notATarget' })).toBeNull();
  });
});

describe('headline metric registry', () => {
  it.each(Object.keys(METRICS) as MetricId[])('%s: the value is the one its derivation works out', (id) => {
    // Same unit on both sides (seconds, bytes, per cent): the registry reads the evaluation as the derivation does.
    expect(explainMetric(e, id).result).toBeCloseTo(METRICS[id].value(e), 6);
  });
});
