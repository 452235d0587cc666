/**
 * Invariants that hold for every preset and for random valid scenarios:
 * memory parts add up, nothing is NaN or infinite, more micro-batches never
 * grow the 1F1B bubble.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '..';
import { SCENARIO_PRESETS } from '../../presets/scenarios';
import { MODEL_PRESETS } from '../catalog/models';

function nonFinitePaths(x: unknown, path = ''): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [path];
  if (Array.isArray(x)) return x.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (x && typeof x === 'object')
    return Object.entries(x).flatMap(([k, v]) => nonFinitePaths(v, path ? `${path}.${k}` : k));
  return [];
}

function sumParts(b: Evaluation['memory']['breakdown']): number {
  return b.weights + b.gradients + b.optimizer + b.activations + b.kvCache + b.buffers;
}

function checkInvariants(e: Evaluation) {
  expect(nonFinitePaths(e)).toEqual([]);
  expect(sumParts(e.memory.breakdown)).toBeCloseTo(e.memory.peakBytes, 0);
  for (const st of e.memory.perStage) expect(sumParts(st.breakdown)).toBeCloseTo(st.totalBytes, 0);
  expect(Math.max(...e.memory.perStage.map((s) => s.totalBytes))).toBe(e.memory.peakBytes);
  const t = e.time;
  const parts =
    t.computeSeconds +
    t.exposedCommSeconds.tp +
    t.exposedCommSeconds.ep +
    t.exposedCommSeconds.pp +
    t.exposedCommSeconds.dp +
    t.bubbleSeconds +
    t.optimizerSeconds;
  expect(parts).toBeLessThanOrEqual(t.stepSeconds * (1 + 1e-9));
  expect(e.gpuUtilizationPct).toBeLessThanOrEqual(100 + 1e-9);
  expect(e.loadBalancePct).toBeLessThanOrEqual(100 + 1e-9);
  expect(e.params.active).toBeLessThanOrEqual(e.params.total);
  for (const c of e.compliance)
    if (c.pass !== null && c.value !== null && c.limit !== null)
      expect(c.pass).toBe(c.kind === 'max' ? c.value <= c.limit : c.value >= c.limit);
}

const presetScenarios: [string, unknown][] = [
  ...SCENARIO_PRESETS.map((p) => [p.id, p.scenario] as [string, unknown]),
  // Every model preset, trained on 64 H100s with a strategy that divides for all of them.
  ...MODEL_PRESETS.map(
    (m) =>
      [
        `model ${m.id}`,
        {
          model: { preset: m.id },
          hardware: { gpu: 'h100-sxm', count: 64 },
          workload: {
            mode: 'training',
            precision: 'bf16',
            globalBatch: 64,
            seqLen: 4096,
            seqLenRange: { min: 1024, max: 16384 },
            microBatches: 16,
            recompute: 'full',
            zeroStage: 1,
          },
          parallel: {
            tp: 1,
            pp: 4,
            dp: 16,
            ep: m.spec.moe ? Math.min(16, m.spec.moe.experts) : 1,
            capacityFactor: null,
          },
        },
      ] as [string, unknown],
  ),
];

describe('invariants for every preset', () => {
  it.each(presetScenarios)('%s', (_id, scenario) => {
    checkInvariants(evaluate(scenario));
  });

  it.each(presetScenarios)('%s: more micro-batches never grow the 1F1B bubble fraction', (_id, scenario) => {
    const base = scenario as Record<string, Record<string, unknown>>;
    let last = Infinity;
    for (const m of [1, 2, 4, 8, 16, 32]) {
      const e = evaluate({
        ...base,
        workload: {
          ...base.workload,
          mode: 'training',
          microBatches: m,
          globalBatch: m * 4 * ((base.parallel?.dp as number) ?? 2),
        },
        parallel: { ...base.parallel, schedule: '1f1b', virtualStages: 1 },
      });
      expect(e.pipeline.simulatedBubbleFraction).toBeLessThanOrEqual(last + 1e-12);
      last = e.pipeline.simulatedBubbleFraction;
    }
  });
});

describe('random valid scenarios', () => {
  it('evaluate never throws and never produces NaN or Infinity', () => {
    const scenario = fc.record({
      tp: fc.constantFrom(1, 2, 4, 8),
      pp: fc.constantFrom(1, 2, 3, 4, 8),
      dp: fc.constantFrom(1, 2, 4),
      ep: fc.constantFrom(1, 2, 4, 8),
      m: fc.integer({ min: 1, max: 16 }),
      schedule: fc.constantFrom('gpipe', '1f1b', 'interleaved-1f1b', 'zb-h1'),
      mode: fc.constantFrom('training', 'inference'),
      phase: fc.constantFrom('prefill', 'decode'),
      seqLen: fc.integer({ min: 1, max: 32768 }),
      skew: fc.double({ min: 0, max: 3, noNaN: true }),
      capacityFactor: fc.option(fc.double({ min: 0.5, max: 4, noNaN: true })),
      zeroStage: fc.constantFrom(0, 1, 2, 3),
      recompute: fc.constantFrom('none', 'selective', 'full'),
      model: fc.constantFrom(...MODEL_PRESETS.map((m) => m.id)),
    });
    fc.assert(
      fc.property(scenario, (x) => {
        const e = evaluate({
          model: { preset: x.model },
          hardware: { count: x.tp * x.pp * x.dp },
          workload: {
            mode: x.mode,
            phase: x.phase,
            seqLen: x.seqLen,
            seqLenRange: null,
            microBatches: x.m,
            globalBatch: x.dp * x.m * 2,
            zeroStage: x.zeroStage,
            recompute: x.recompute,
          },
          parallel: {
            tp: x.tp,
            pp: x.pp,
            dp: x.dp,
            ep: x.ep,
            schedule: x.schedule,
            virtualStages: x.schedule === 'interleaved-1f1b' ? 2 : 1,
            capacityFactor: x.capacityFactor,
            routing: { distribution: 'zipf', skew: x.skew, seed: 3 },
          },
        });
        expect(nonFinitePaths(e)).toEqual([]);
      }),
      { numRuns: 75 },
    );
  });
});
