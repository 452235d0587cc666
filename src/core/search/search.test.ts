import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '..';
import type { Scenario } from '../scenario/types';
import { bestIds, rankRows } from './rank';
import { rowOfEvaluation, ROW_METRIC_IDS, type SearchRow } from './rows';
import { fastEvaluate, runSearch } from './search';
import { createMemo } from '../evaluate/evaluate';
import { applyStrategy, enumerateStrategies, type Narrowing } from './space';
import { SEARCH_DEEPSEEK_1024, SEARCH_GPT3_1024 } from '../../../bench/scenarios';

// These tests run whole searches (thousands of evaluations, about 1 s on a quiet machine): room for a loaded one.
const WHOLE_SEARCH_TIMEOUT_MS = 30_000;

function scenario(input: unknown): Scenario {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(p.errors.map((e) => e.message).join('\n'));
  return p.scenario;
}

/** Deterministic pseudo-random sample (mulberry32), so a failure repeats. */
function sample<T>(xs: T[], n: number, seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

/**
 * A row of the search equals the row of the full evaluate() on the same
 * strategy bit for bit: the fast path runs the evaluator's own code, only
 * through memos keyed by every input (evaluate/memo.ts). A pruned row
 * reports memory alone, and the full evaluation must agree it does not fit.
 */
function expectSameRow(fast: SearchRow, full: SearchRow) {
  const of = JSON.stringify(fast.strategy);
  expect(fast.feasible, of).toBe(full.feasible);
  expect(fast.memoryPerGpuGB, `memoryPerGpuGB of ${of}`).toBe(full.memoryPerGpuGB);
  expect(fast.memoryPct, `memoryPct of ${of}`).toBe(full.memoryPct);
  if (!fast.timed) {
    expect(full.memoryPct, of).toBeGreaterThan(100);
    return;
  }
  for (const k of ROW_METRIC_IDS) expect(fast[k], `${k} of ${of}`).toBe(full[k]);
  expect(fast.targets, of).toEqual(full.targets);
  expect(fast.meetsTargets, of).toBe(full.meetsTargets);
  expect(fast.violation, of).toBe(full.violation);
}

/** Search spaces whose every row is checked against evaluate(): narrowed to a few thousand strategies each. */
const EXACT_SPACES: { name: string; input: unknown; narrowing: Narrowing }[] = [
  {
    name: 'the seed model on 8 GPUs of 24 GB, training',
    input: {
      workload: { mode: 'training', globalBatch: 32, seqLen: 1024, seqLenRange: null },
      hardware: { count: 8, memoryGB: 24 },
    },
    narrowing: { zeroStages: [1], sequenceParallel: [true], virtualStages: [2], recompute: ['full'] },
  },
  {
    name: 'DeepSeek-V3 on 1024 H800 (bench), TP 2',
    input: SEARCH_DEEPSEEK_1024.scenario,
    narrowing: {
      recompute: ['full'],
      zeroStages: [1],
      tp: { min: 2, max: 2 },
      virtualStages: [2],
      sequenceParallel: [true],
      microBatches: { min: 16, max: 64 },
    },
  },
  {
    name: 'GPT-3 175B on 1024 A100 (bench, dense), TP 8',
    input: SEARCH_GPT3_1024.scenario,
    narrowing: {
      tp: { min: 8 },
      recompute: ['selective'],
      zeroStages: [1],
      sequenceParallel: [true],
      virtualStages: [2],
      microBatches: { min: 16, max: 64 },
    },
  },
  {
    name: 'the seed model on 16 GPUs, inference prefill',
    input: { hardware: { count: 16 }, workload: { seqLenRange: null } },
    narrowing: { tp: { max: 2 }, virtualStages: [2], microBatches: { max: 8 } },
  },
  {
    name: 'the seed model on 16 GPUs, decoding 256 tokens',
    input: { hardware: { count: 16 }, workload: { phase: 'decode', decodeTokens: 256, seqLenRange: null } },
    narrowing: { tp: { max: 2 }, virtualStages: [2], microBatches: { max: 8 } },
  },
];

describe('fast path equals the full evaluate(), bit for bit', { timeout: WHOLE_SEARCH_TIMEOUT_MS }, () => {
  it.each(EXACT_SPACES)('every row: $name', ({ input, narrowing }) => {
    const base = scenario(input);
    const result = runSearch(base, { narrowing });
    expect(result.rows.length).toBe(result.enumerated);
    expect(result.evaluated).toBeGreaterThan(100);
    for (const r of result.rows)
      expectSameRow(r, rowOfEvaluation(r.id, r.strategy, evaluate(applyStrategy(base, r.strategy))));
  });
});

describe('the seed model on 8 GPUs of 24 GB, training', { timeout: WHOLE_SEARCH_TIMEOUT_MS }, () => {
  // Every dimension of the space varies; seqLenRange off keeps evaluate() quick.
  const base = scenario({
    workload: { mode: 'training', globalBatch: 32, seqLen: 1024, seqLenRange: null },
    hardware: { count: 8, memoryGB: 24 },
  });
  const result = runSearch(base);

  it('the space has strategies that fit and strategies pruned for memory', () => {
    expect(result.rows.filter((r) => r.timed).length).toBeGreaterThan(50);
    expect(result.rows.filter((r) => !r.timed).length).toBeGreaterThan(50);
    expect(result.rows.length).toBe(result.enumerated);
  });

  it('a pruned row truly runs out of memory in the full evaluation', () => {
    const pruned = result.rows.filter((r) => !r.timed).slice(0, 20);
    for (const r of pruned) {
      const e = evaluate(applyStrategy(base, r.strategy));
      expect(e.feasible).toBe(false);
      expect(e.violations.find((v) => v.severity === 'error')?.code).toBe('MEMORY');
      expect(e.memory.peakBytes).toBeGreaterThan(e.memory.capacityBytes);
    }
  });
});

describe('ranking', { timeout: WHOLE_SEARCH_TIMEOUT_MS }, () => {
  const base = scenario({ hardware: { count: 8 }, workload: { globalBatch: 32, seqLenRange: null } });
  const { rows } = runSearch(base);
  it('throughput: feasible rows first, each at least as fast as the next', () => {
    const ranked = rankRows(rows, 'throughput');
    const feasible = ranked.filter((r) => r.feasible);
    expect(ranked.slice(0, feasible.length)).toEqual(feasible);
    for (let i = 1; i < feasible.length; i++)
      expect(feasible[i - 1].throughputTokensPerSec!).toBeGreaterThanOrEqual(feasible[i].throughputTokensPerSec!);
  });
  it('the best row per objective is the minimum of that objective', () => {
    const best = bestIds(rows);
    const feasible = rows.filter((r) => r.feasible);
    const byId = (id: number | null) => rows.find((r) => r.id === id)!;
    expect(byId(best.memory).memoryPerGpuGB).toBe(Math.min(...feasible.map((r) => r.memoryPerGpuGB)));
    expect(byId(best.latency).latencyMs).toBe(Math.min(...feasible.map((r) => r.latencyMs!)));
    expect(byId(best.throughput).throughputTokensPerSec).toBe(
      Math.max(...feasible.map((r) => r.throughputTokensPerSec!)),
    );
  });
});

describe(
  'Done means (issue 8): the seed model on 16 GPUs, inference, batch 128',
  { timeout: WHOLE_SEARCH_TIMEOUT_MS },
  () => {
    it('at sequence 2048 it lists the strategies that meet every seed target, and the seed document’s own strategy cannot run', () => {
      const s = scenario({});
      expect([s.hardware.count, s.workload.mode, s.workload.globalBatch, s.workload.seqLen]).toEqual([
        16,
        'inference',
        128,
        2048,
      ]);
      const r = runSearch(s, { objective: 'latency' });
      const meeting = r.rows.filter((x) => x.meetsTargets);
      expect(meeting.length).toBeGreaterThan(0);
      for (const x of meeting) {
        expect(x.latencyMs!).toBeLessThanOrEqual(50);
        expect(x.throughputTokensPerSec!).toBeGreaterThanOrEqual(20000);
        expect(Object.values(x.targets).every((p) => p !== false)).toBe(true);
      }
      // The preset "a strategy that fits 16 GPUs" (pure DP 16) is among them.
      expect(
        meeting.some((x) => x.strategy.tp === 1 && x.strategy.pp === 1 && x.strategy.dp === 16 && x.strategy.ep === 1),
      ).toBe(true);
      // TP 4 × PP 4 × DP 2 needs 32 GPUs: the seed's own strategy is outside the space and cannot run.
      expect(r.rows.some((x) => x.strategy.tp === 4 && x.strategy.pp === 4 && x.strategy.dp === 2)).toBe(false);
      expect(r.current.feasible).toBe(false);
      expect(r.current.violation).toMatch(/4 × 4 × 2 = 32 GPUs, but the cluster has 16/);
    });

    it('at sequence 10240 none meets 50 ms, and the latency ranking names the closest', () => {
      const s = scenario({ workload: { seqLen: 10240 } });
      const r = runSearch(s, { objective: 'latency' });
      expect(r.rows.some((x) => x.meetsTargets)).toBe(false);
      expect(r.rows.some((x) => x.feasible && x.latencyMs! <= 50)).toBe(false);
      const closest = r.rows[0];
      expect(closest.feasible).toBe(true);
      expect(closest.targets.latencyMs).toBe(false);
      expect(closest.latencyMs).toBe(Math.min(...r.rows.filter((x) => x.feasible).map((x) => x.latencyMs!)));
      expect(closest.latencyMs!).toBeGreaterThan(50);
    });
  },
);

describe('parts', { timeout: WHOLE_SEARCH_TIMEOUT_MS }, () => {
  it('searching the parts of a pool and merging them gives the rows of one search', () => {
    const s = scenario({ hardware: { count: 8 }, workload: { globalBatch: 16, seqLenRange: null } });
    const whole = runSearch(s);
    const parts = [0, 1, 2].map((index) => runSearch(s, { part: { index, of: 3 } }));
    // Each part enumerates its own units; together, the whole space, each strategy once, with the same ids.
    expect(parts.reduce((a, p) => a + p.enumerated, 0)).toBe(whole.enumerated);
    expect(parts.every((p) => p.enumerated > 0 && p.enumerated < whole.enumerated)).toBe(true);
    expect(
      rankRows(
        parts.flatMap((p) => p.rows),
        'throughput',
      ),
    ).toEqual(whole.rows);
    expect(new Set(whole.rows.map((r) => r.id)).size).toBe(whole.rows.length);
    expect(enumerateStrategies(s).length).toBe(whole.enumerated);
  });
});

describe('the memo shared by one search', { timeout: WHOLE_SEARCH_TIMEOUT_MS }, () => {
  it('changes no number: an evaluation through a memo that served other strategies equals one through a fresh memo', () => {
    // A MoE training case (uneven stages, every schedule, EP and expert TP vary) and a serving case.
    for (const input of [
      {
        model: { preset: 'deepseek-v3' },
        hardware: { gpu: 'h800-sxm', count: 64 },
        workload: { mode: 'training', globalBatch: 64, seqLen: 2048, seqLenRange: null, recompute: 'full' },
        parallel: { tp: 1, pp: 8, dp: 8, ep: 8 },
      },
      { hardware: { count: 16 }, workload: { seqLenRange: null } },
    ]) {
      const base = scenario(input);
      const strategies = enumerateStrategies(base, { tp: { max: 4 } });
      const shared = createMemo();
      const checked = sample(strategies, 40, 3);
      // The memo first serves other strategies of the space, then the checked ones.
      for (const st of [...sample(strategies, 400, 4), ...checked]) fastEvaluate(applyStrategy(base, st), shared);
      for (const st of checked) {
        const s = applyStrategy(base, st);
        const a = fastEvaluate(s, shared);
        const b = fastEvaluate(s, createMemo());
        expect(a.memory, JSON.stringify(st)).toEqual(b.memory);
        expect(a.time).toEqual(b.time);
        expect(a.pipeline).toEqual(b.pipeline);
        expect(a.blocks).toEqual(b.blocks);
        expect([
          a.throughputTokensPerSec,
          a.latencySeconds,
          a.mfu,
          a.commOverheadPct,
          a.gpuUtilizationPct,
          a.loadBalancePct,
        ]).toEqual([
          b.throughputTokensPerSec,
          b.latencySeconds,
          b.mfu,
          b.commOverheadPct,
          b.gpuUtilizationPct,
          b.loadBalancePct,
        ]);
      }
    }
  });
});
