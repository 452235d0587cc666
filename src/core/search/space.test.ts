import { describe, expect, it } from 'vitest';
import { checkStrategy, parseScenario } from '..';
import { fieldByPath } from '../scenario/schema';
import type { Scenario } from '../scenario/types';
import { applyStrategy, countStrategies, divisors, enumerateStrategies, scheduleIds } from './space';

// These tests run whole searches (thousands of evaluations, about 1 s on a quiet machine): room for a loaded one.
const WHOLE_SEARCH_TIMEOUT_MS = 30_000;

function scenario(input: unknown): Scenario {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  return p.scenario;
}

describe('divisors', () => {
  it('lists every divisor once, ascending', () => {
    expect(divisors(1)).toEqual([1]);
    expect(divisors(16)).toEqual([1, 2, 4, 8, 16]);
    expect(divisors(36)).toEqual([1, 2, 3, 4, 6, 9, 12, 18, 36]);
    expect(divisors(97)).toEqual([1, 97]);
  });
});

describe('strategy space', { timeout: WHOLE_SEARCH_TIMEOUT_MS }, () => {
  const seed = scenario({});
  const training = scenario({ workload: { mode: 'training', globalBatch: 64 }, hardware: { count: 8 } });

  it('reads the schedules from the schema, so a new schedule is searched without a change here', () => {
    expect(scheduleIds()).toEqual(fieldByPath('parallel.schedule')!.values);
    const used = new Set(enumerateStrategies(training).map((st) => st.schedule));
    expect([...used].sort()).toEqual([...scheduleIds()].sort());
  });

  it('every strategy uses every GPU once and breaks no strategy rule', () => {
    for (const s of [seed, training]) {
      const all = enumerateStrategies(s);
      expect(all.length).toBe(countStrategies(s));
      for (const st of all) {
        expect(st.tp * st.pp * st.dp).toBe(s.hardware.count);
        expect(checkStrategy(applyStrategy(s, st)).filter((v) => v.severity === 'error')).toEqual([]);
        expect(s.workload.globalBatch % (st.dp * st.microBatches)).toBe(0);
      }
      // No strategy twice.
      expect(new Set(all.map((st) => JSON.stringify(st))).size).toBe(all.length);
    }
  });

  it('contains every (tp, pp, dp, ep) split a brute force over 1..16 allows (seed: 16 GPUs, 64 experts, 16 heads)', () => {
    const got = new Set(enumerateStrategies(seed).map((st) => `${st.tp}/${st.pp}/${st.dp}/${st.ep}`));
    const want = new Set<string>();
    for (let tp = 1; tp <= 16; tp++)
      for (let pp = 1; pp <= 16; pp++)
        for (let dp = 1; dp <= 16; dp++)
          for (let ep = 1; ep <= 16; ep++) {
            if (tp * pp * dp !== 16 || 16 % tp || 64 % ep || (tp * dp) % ep || 128 % dp) continue;
            want.add(`${tp}/${pp}/${dp}/${ep}`);
          }
    expect(got).toEqual(want);
  });

  it('inference keeps the scenario’s recompute, ZeRO and sequence parallelism; training varies them', () => {
    const inf = enumerateStrategies(seed);
    expect(new Set(inf.map((st) => `${st.recompute}/${st.zeroStage}/${st.sequenceParallel}`))).toEqual(
      new Set(['selective/1/true']),
    );
    const tr = enumerateStrategies(training);
    expect(new Set(tr.map((st) => st.recompute))).toEqual(new Set(['none', 'selective', 'full']));
    expect(new Set(tr.map((st) => st.zeroStage))).toEqual(new Set([0, 1, 2, 3]));
    // Sequence parallelism splits over TP: without TP it is not a second strategy.
    expect(tr.some((st) => st.tp === 1 && st.sequenceParallel)).toBe(false);
    expect(tr.some((st) => st.tp > 1 && st.sequenceParallel)).toBe(true);
  });

  it('virtual stages appear only where the rules allow them (interleaving needs PP ≥ 2 and m divisible by PP)', () => {
    for (const st of enumerateStrategies(training)) {
      if (st.virtualStages > 1) {
        expect(st.pp).toBeGreaterThanOrEqual(2);
        expect(st.microBatches % st.pp).toBe(0);
      }
    }
  });

  it('narrowing: tp ≤ 2 and 1F1B only keeps exactly the matching strategies', () => {
    const all = enumerateStrategies(training);
    const narrow = enumerateStrategies(training, { tp: { max: 2 }, schedules: ['1f1b'] });
    expect(narrow.length).toBeGreaterThan(0);
    expect(narrow).toEqual(all.filter((st) => st.tp <= 2 && st.schedule === '1f1b'));
    expect(countStrategies(training, { tp: { max: 2 }, schedules: ['1f1b'] })).toBe(narrow.length);
    const mbs = enumerateStrategies(training, {
      microBatchSize: { min: 2, max: 4 },
      recompute: ['full'],
      zeroStages: [1],
    });
    for (const st of mbs) {
      const size = 64 / (st.dp * st.microBatches);
      expect(size >= 2 && size <= 4).toBe(true);
      expect([st.recompute, st.zeroStage]).toEqual(['full', 1]);
    }
  });
});
