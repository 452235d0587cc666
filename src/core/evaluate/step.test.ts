/**
 * simulateStep on hand-made block times: the step adds up, the textbook
 * bubble uses the schedule with the real (averaged) block times and
 * forward-only for inference, and the explanation of any difference is true.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';
import { megatronSyncWindows, simulateStep, simulationKey, type StepInput } from './step';
import type { PassTiming } from './passTiming';
import { parseScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { scheduleById, type ChunkDurations } from '../pipeline';
import { COLLECTIVE_SM_SHARE } from '../comm/linkQueue';

function scenario(over: { parallel?: Record<string, unknown>; workload?: Record<string, unknown> }): Scenario {
  const r = parseScenario({
    workload: { mode: 'training', ...over.workload },
    parallel: { tp: 2, ep: 2, pp: 4, dp: 2, ...over.parallel },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** Block times per virtual stage, with no communication inside them. */
function pass(durations: ChunkDurations[]): PassTiming {
  return {
    durations,
    computeSeconds: durations.map((d) => d.forward + d.backwardInput + d.backwardWeight),
    computeParts: durations.map(() => ({})),
    expertComputeSeconds: durations.map(() => 0),
    exposed: durations.map(() => ({ tp: 0, ep: 0, forward: 0, backward: 0, forwardEp: 0, backwardEp: 0 })),
    dense: null as never,
    moe: null,
    blocks: [],
  };
}

function input(s: Scenario, durations: ChunkDurations[], extra: Partial<StepInput> = {}): StepInput {
  return {
    scenario: s,
    pass: pass(durations),
    microBatches: s.workload.microBatches,
    transferSeconds: 0,
    gradientSync: Array.from({ length: s.parallel.pp }, () => ({
      reduceSeconds: 0,
      gatherSeconds: 0,
      reducedBytes: 0,
    })),
    optimizerSeconds: 0,
    decodeSteps: 1,
    ...extra,
  };
}

const equal = (n: number, F: number, B: number, W: number) =>
  Array.from({ length: n }, () => ({ forward: F, backwardInput: B, backwardWeight: W }));

describe('simulateStep', () => {
  it('step time = makespan + exposed DP sync + optimizer', () => {
    const s = scenario({ parallel: { overlap: { dpGrad: false } }, workload: { microBatches: 8 } });
    const sync = [0.3, 0.1, 0.2, 0.4].map((r) => ({ reduceSeconds: r, gatherSeconds: 0.05, reducedBytes: 0 }));
    const out = simulateStep(input(s, equal(4, 1, 1, 1), { gradientSync: sync, optimizerSeconds: 0.7 }));
    // 1F1B, F = 1, B+W = 2: (m+P−1)(F+B) = 33.
    expect(out.pipeline.makespanSeconds).toBeCloseTo(33, 12);
    // Without overlap the slowest device's whole sync is exposed.
    expect(out.time.exposedCommSeconds.dp).toBeCloseTo(0.45, 12);
    expect(out.time.stepSeconds).toBeCloseTo(33 + 0.45 + 0.7, 12);
    expect(out.latencySeconds).toBe(out.time.stepSeconds);
    // Overlapped, the reduction hides behind the last backward (B+W = 2 s) and the
    // gather behind the first forward: only their SM share of the compute is left.
    const hidden = simulateStep(
      input(scenario({ workload: { microBatches: 8 } }), equal(4, 1, 1, 1), {
        gradientSync: sync,
        optimizerSeconds: 0.7,
      }),
    );
    expect(hidden.time.exposedCommSeconds.dp).toBeCloseTo(0.45 * COLLECTIVE_SM_SHARE, 12);
    expect(hidden.time.stepSeconds).toBeCloseTo(33.7 + 0.45 * COLLECTIVE_SM_SHARE, 12);
  });

  it('the textbook bubble takes the real block times: ZB-H1 with F = 2, B = W = 1', () => {
    const s = scenario({ parallel: { schedule: 'zb-h1' }, workload: { microBatches: 8 } });
    const out = simulateStep(input(s, equal(4, 2, 1, 1)));
    // Exact ZB-H1 idle (P−1)·max(F+B−W, F, B) = 3·2 = 6 over m(F+B+W) = 32.
    expect(out.pipeline.analyticBubbleFraction).toBeCloseTo(6 / 38, 12);
    expect(out.pipeline.simulatedBubbleFraction).toBeCloseTo(6 / 38, 12);
    expect(out.pipeline.analyticFormula).toContain('F=2, B=1, W=1 s');
    expect(out.pipeline.bubbleGap).toEqual([]);
  });

  it('inference passes forward-only: ZB-H1 is (P−1)/(m+P−1), not the training formula', () => {
    const s = scenario({ parallel: { schedule: 'zb-h1' }, workload: { mode: 'inference', microBatches: 8 } });
    const out = simulateStep(input(s, equal(4, 1, 0, 0)));
    expect(out.pipeline.analyticBubbleFraction).toBeCloseTo(3 / 11, 12);
    expect(out.pipeline.simulatedBubbleFraction).toBeCloseTo(3 / 11, 12);
    expect(out.pipeline.analyticFormula).not.toContain('F=B=W');
    expect(out.timeline.every((b) => b.kind === 'F')).toBe(true);
  });

  it('the issue’s case, inference with ZB-H1 on tp2 ep2 pp4 dp2: textbook and simulated agree (was 11.1% against 27.5%)', () => {
    const e = evaluate({
      workload: { mode: 'inference' },
      parallel: { tp: 2, ep: 2, pp: 4, dp: 2, schedule: 'zb-h1' },
    });
    const p = e.pipeline;
    expect(p.analyticBubbleFraction).toBeCloseTo(3 / (p.microBatches + 3), 12);
    expect(Math.abs(p.simulatedBubbleFraction - p.analyticBubbleFraction)).toBeLessThan(0.005);
    expect(p.bubbleGap).toEqual([]);
  });

  it('a slow stage is the reason for a gap; transfers never are (both numbers take them as free)', () => {
    const s = scenario({ workload: { microBatches: 8 } });
    const durations = [1, 1, 1, 2].map((k) => ({ forward: k, backwardInput: k, backwardWeight: 0 }));
    const out = simulateStep(input(s, durations, { transferSeconds: 0.5 }));
    expect(out.pipeline.bubbleGap.map((r) => r.code)).toEqual(['UNEQUAL_STAGES']);
    expect(out.pipeline.bubbleGap[0].message).toContain('stage 3 needs 100% more time per micro-batch than stage 0');
    expect(out.pipeline.bubbleGap[0].message).not.toMatch(/transfer/);
    // The simulated bubble is the free-transfer run's; the transfers show as exposed PP time.
    const free = simulateStep(input(s, durations));
    expect(out.pipeline.simulatedBubbleFraction).toBeCloseTo(free.pipeline.simulatedBubbleFraction, 12);
    expect(out.time.exposedCommSeconds.pp).toBeGreaterThan(0);
    // Equal stages with transfers: the two agree, nothing to explain.
    expect(simulateStep(input(s, equal(4, 1, 1, 0), { transferSeconds: 0.5 })).pipeline.bubbleGap).toEqual([]);
  });

  it('outside the schedule’s rules the core says so instead of a formula', () => {
    const s = scenario({ parallel: { schedule: 'dualpipe' }, workload: { microBatches: 4 } });
    const out = simulateStep(input(s, equal(8, 1, 1, 1)));
    expect(out.pipeline.analyticApplies).toBe(false);
    expect(out.pipeline.bubbleGap[0].code).toBe('OUTSIDE_SCHEDULE_RULES');
    expect(out.pipeline.bubbleGap[0].message).toContain('DUALPIPE_MICROBATCHES');
  });

  it('DualPipe: each direction’s chunk sees half the micro-batches, so every GPU is busy m·(F+B+W)', () => {
    const s = scenario({ parallel: { schedule: 'dualpipe' }, workload: { microBatches: 8 } });
    const out = simulateStep(input(s, equal(8, 1, 1, 1)));
    expect(out.busyByDevice).toEqual([24, 24, 24, 24]);
    expect(out.pipeline.virtualStages).toBe(2);
    // Per micro-batch a GPU runs one of its two stages: the summary shows one stage's F.
    expect(out.pipeline.forwardSeconds).toEqual([1, 1, 1, 1]);
    expect(out.pipeline.simulatedBubbleFraction).toBeCloseTo(out.pipeline.analyticBubbleFraction, 12);
    expect(out.timeline).toHaveLength(
      scheduleById('dualpipe').blocks({ stages: 4, microBatches: 8, virtualStages: 1 }, false),
    );
  });
});

describe('the DP sync under the interleaved schedule (Megatron buckets per model chunk)', () => {
  const interleaved = (over: Record<string, unknown> = {}) =>
    scenario({ parallel: { virtualStages: 2, schedule: 'interleaved-1f1b' }, workload: { microBatches: 8, ...over } });
  // PP 4, 2 chunks per device, m = 8: every device computes 8 × 2 × (1 + 1 + 1) = 48 s.
  const sync = (reduceSeconds: number, gatherSeconds: number) =>
    Array.from({ length: 4 }, () => ({ reduceSeconds, gatherSeconds, reducedBytes: 0 }));

  it('each chunk opens its own window: groups of min(p, m) micro-batches per chunk, forwards in order, backwards reversed', () => {
    const chunks = equal(2, 1, 1, 1);
    const w = megatronSyncWindows('interleaved-1f1b', 4, chunks, { firstForward: 2, lastBackward: 4, end: 48 });
    expect(w.map((x) => x.share)).toEqual([0.5, 0.5]);
    // Chunk 1's first forward follows 4 forwards of chunk 0; chunk 0's last backward follows 4 of chunk 1.
    expect(w.map((x) => x.gatherDeadline)).toEqual([1, 5]);
    expect(w.map((x) => x.reduceStart)).toEqual([46, 38]);
    // One chunk per device, or another schedule: the last backward and the first forward, as before.
    expect(megatronSyncWindows('1f1b', 4, chunks, { firstForward: 2, lastBackward: 4, end: 48 })).toEqual([
      { share: 1, gatherDeadline: 2, reduceStart: 44 },
    ]);
  });

  it("a 6 s reduce exposes 1 s, not the 2 s of a window that is only the last micro-batch's backward (4 s)", () => {
    const out = simulateStep(input(interleaved(), equal(8, 1, 1, 1), { gradientSync: sync(6, 0) }));
    // Chunk 1's 3 s run from 38 to 41; chunk 0's from its last backward at 46 to 49: 1 s past the end.
    expect(out.time.exposedCommSeconds.dp).toBeCloseTo(1 + 5 * COLLECTIVE_SM_SHARE, 12);
  });

  it("a 6 s gather exposes 2 s: chunk 1's half hides behind the 4 forwards of chunk 0", () => {
    const out = simulateStep(input(interleaved(), equal(8, 1, 1, 1), { gradientSync: sync(0, 6) }));
    // Chunk 0's 3 s are due after its first forward (1 s): 2 s stall; chunk 1's end at 6, due at 5 + 2.
    expect(out.time.exposedCommSeconds.dp).toBeCloseTo(2 + 4 * COLLECTIVE_SM_SHARE, 12);
  });
});

describe('the simulation memo key', () => {
  const base = {
    schedule: '1f1b' as const,
    stages: 3,
    microBatches: 4,
    virtualStages: 1,
    transferSeconds: 0.1,
    forwardOnly: false,
  };
  const a = { forward: 1, backwardInput: 2, backwardWeight: 3 };
  const b = { forward: 1, backwardInput: 2, backwardWeight: 3.5 };
  it('names every chunk: runs of equal chunks in a different order or length give different keys', () => {
    const keys = [
      [a, a, b],
      [a, b, b],
      [b, a, a],
      [a, a, a],
    ].map((chunks) => simulationKey({ ...base, chunks }));
    expect(new Set(keys).size).toBe(4);
    expect(simulationKey({ ...base, chunks: [a, { ...a }, b] })).toBe(keys[0]);
  });
  it('a memoised step equals the step simulated afresh', () => {
    const s = scenario({ parallel: { tp: 1, ep: 1, pp: 4, dp: 2 } });
    const input: StepInput = {
      scenario: s,
      pass: pass([a, a, a, b]),
      microBatches: 8,
      transferSeconds: 0.2,
      gradientSync: [],
      optimizerSeconds: 0,
      decodeSteps: 1,
    };
    const memo = new Map();
    const fresh = simulateStep(input);
    simulateStep({ ...input, simulations: memo });
    const again = simulateStep({ ...input, simulations: memo });
    expect(memo.size).toBe(2);
    expect(again.time).toEqual(fresh.time);
    expect(again.pipeline.makespanSeconds).toBe(fresh.pipeline.makespanSeconds);
    expect(again.pipeline.simulatedBubbleFraction).toBe(fresh.pipeline.simulatedBubbleFraction);
  });
});

describe('a long DualPipe schedule, extrapolated past the simulated micro-batches', () => {
  // Probe: compute a hair (≤ 0.05%) above the step on 1,145-micro-batch
  // DualPipe runs. An odd m splits 573/572 between the directions; the old
  // extrapolation added the rest at the average per micro-batch instead of
  // each chunk's own count, so busy time and makespan disagreed with step.ts.
  it("adds each chunk's own remaining micro-batches: the simulated busy time is every block run once, within the makespan", () => {
    const P = 16;
    const s = scenario({
      parallel: { schedule: 'dualpipe', pp: P },
      workload: { microBatches: 1145, globalBatch: 1145 },
    });
    const durations = Array.from({ length: 2 * P }, (_, j) => ({
      forward: 1 + j,
      backwardInput: 2 + j,
      backwardWeight: 0.5,
    }));
    const m = 1145;
    const blocks = scheduleById('dualpipe').blocks({ stages: P, microBatches: m, virtualStages: 1 }, false);
    expect(blocks).toBeGreaterThan(20_000); // the extrapolated case
    const out = simulateStep(input(s, durations));
    const work = out.busyByDevice.reduce((a, b) => a + b, 0);
    expect(out.microBatchesThrough.reduce((a, b) => a + b, 0)).toBe(m * P); // each micro-batch crosses P stages
    expect(out.pipeline.simulatedBusySeconds! * P).toBeCloseTo(work, 6);
    for (const busy of out.busyByDevice) expect(busy).toBeLessThanOrEqual(out.pipeline.makespanSeconds);
    expect(out.time.computeSeconds).toBeLessThanOrEqual(out.time.stepSeconds);
  });
});

describe('compute parts under DualPipe', () => {
  // Probe: the parts added up to twice computeSeconds ("Routed experts 137.4%"):
  // each device holds two chunks, one per direction, and each chunk sees only
  // its direction's micro-batches, but the parts counted all m for both.
  it('add up to the compute time, and none exceeds the step', () => {
    for (const m of [8, 9, 1145]) {
      const e = evaluate({
        model: { moe: { experts: 16, topK: 2 } },
        hardware: { count: 8 },
        parallel: { tp: 1, pp: 4, dp: 2, ep: 2, schedule: 'dualpipe' },
        workload: { mode: 'training', globalBatch: 2 * m, microBatches: m, seqLen: 512 },
      });
      const parts = e.time.computeParts ?? [];
      const sum = parts.reduce((a, p) => a + p.seconds, 0);
      expect(sum / e.time.computeSeconds).toBeCloseTo(1, 12);
      for (const p of parts) expect(p.seconds).toBeLessThanOrEqual(e.time.stepSeconds);
    }
  });
});
