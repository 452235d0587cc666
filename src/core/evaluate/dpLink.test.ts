/**
 * The data-parallel sync's reduce and gathers share one link (issue 14, item
 * 6): overlapped, together they cannot hide more than the link carries in the
 * compute they overlap, and what they hide still takes its SM share.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, ScenarioError, type Evaluation } from '..';
import { simulateStep, type StepInput } from './step';
import type { PassTiming } from './passTiming';
import { parseScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { COLLECTIVE_SM_SHARE } from '../comm/linkQueue';
import { evaluatorAssumptions } from './assumptions';

function scenario(zeroStage: number, dpGrad: boolean): Scenario {
  const r = parseScenario({
    workload: { mode: 'training', zeroStage, microBatches: 1, globalBatch: 2 },
    parallel: { tp: 1, ep: 1, pp: 1, dp: 2, overlap: { dpGrad } },
    hardware: { count: 2 },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

/** One device, one micro-batch: F = 1 s, B = W = 1 s (the last backward is the final 2 s of 3). */
function step(
  zeroStage: number,
  dpGrad: boolean,
  reduceSeconds: number,
  gatherSeconds: number,
  shared: { hiddenTp: number; onDpLink: boolean } = { hiddenTp: 0, onDpLink: false },
) {
  const durations = [{ forward: 1, backwardInput: 1, backwardWeight: 1 }];
  const pass: PassTiming = {
    durations,
    computeSeconds: [3],
    computeParts: [{}],
    expertComputeSeconds: [0],
    exposed: [{ tp: 0, ep: 0, forward: 0, backward: 0, forwardEp: 0, backwardEp: 0 }],
    hiddenComm: [{ tp: shared.hiddenTp, ep: 0 }],
    dense: null as never,
    moe: null,
    blocks: [],
  };
  const input: StepInput = {
    scenario: scenario(zeroStage, dpGrad),
    pass,
    microBatches: 1,
    transferSeconds: 0,
    gradientSync: [{ reduceSeconds, gatherSeconds, reducedBytes: 0 }],
    optimizerSeconds: 0,
    dpLinkShares: { tp: shared.onDpLink, ep: false },
    decodeSteps: 1,
  };
  return simulateStep(input).time;
}

describe('DP reduce and gathers on one link', () => {
  it('ZeRO-3: a 2 s gather and a 2 s reduce each fit alone (3 s compute, 2 s last backward) but expose 1 s together', () => {
    const t = step(3, true, 2, 2);
    // The link carries 3 of the 4 s beside compute; those 3 s take the SM share.
    expect(t.exposedCommSeconds.dp).toBeCloseTo(1 + 3 * COLLECTIVE_SM_SHARE, 12);
    expect(t.exposedCommSeconds.dp).toBeGreaterThanOrEqual(2 + 2 - t.computeSeconds);
  });

  it('overlap on charges exactly the SM share of what it hides, and never shrinks the compute', () => {
    const on = step(3, true, 1, 1);
    const off = step(3, false, 1, 1);
    const none = step(3, true, 0, 0);
    expect(on.exposedCommSeconds.dp).toBeCloseTo(2 * COLLECTIVE_SM_SHARE, 12);
    expect(on.computeSeconds).toBe(off.computeSeconds);
    expect(on.stepSeconds).toBeGreaterThan(none.stepSeconds);
    expect(on.stepSeconds).toBeLessThan(off.stepSeconds);
  });

  it('hidden TP traffic on the same link leaves the DP sync less of it; on another link it does not', () => {
    // Gather 1 s, reduce 1 s, 1.5 s of TP hidden behind the 3 s compute: 3.5 s of link work, 0.5 s exposed.
    const same = step(3, true, 1, 1, { hiddenTp: 1.5, onDpLink: true });
    expect(same.exposedCommSeconds.dp).toBeCloseTo(0.5 + 1.5 * COLLECTIVE_SM_SHARE, 12);
    const other = step(3, true, 1, 1, { hiddenTp: 1.5, onDpLink: false });
    expect(other.exposedCommSeconds.dp).toBeCloseTo(2 * COLLECTIVE_SM_SHARE, 12);
  });

  it('overlap off: the whole sync is exposed, as before', () => {
    for (const z of [0, 1, 2, 3])
      expect(step(z, false, 2, z === 0 ? 0 : 2).exposedCommSeconds.dp).toBe(z === 0 ? 2 : 4);
  });

  it('ZeRO-1/2: the gather in the first forward and the reduce in the last backward have separate windows', () => {
    // Gather 1.5 s in a 1 s first forward: 0.5 s exposed; the reduce fits the 2 s backward.
    const t = step(1, true, 2, 1.5);
    expect(t.exposedCommSeconds.dp).toBeCloseTo(0.5 + 3 * COLLECTIVE_SM_SHARE, 12);
  });

  it('the assumptions name the queue and its SM share when the DP overlap is on, and only then', () => {
    const named = (dpGrad: boolean) =>
      evaluatorAssumptions(scenario(3, dpGrad)).filter((a) => a.startsWith('Overlapped DP sync: '));
    expect(named(true)).toHaveLength(1);
    expect(named(true)[0]).toContain('still takes 12% of the compute');
    expect(named(false)).toEqual([]);
  });

  // The case: 6.01 s of DP traffic fitted a 4.51 s step with 0 s exposed.
  it('Qwen3-30B-A3B on 64 H100, TP1 PP1 DP64 ZeRO-3: exposed DP ≥ DP traffic − compute', () => {
    const doc = (dpGrad: boolean) => ({
      model: { preset: 'qwen3-30b-a3b' },
      hardware: { gpu: 'h100-sxm', count: 64 },
      parallel: { tp: 1, pp: 1, dp: 64, ep: 1, overlap: { dpGrad } },
      workload: {
        mode: 'training',
        zeroStage: 3,
        globalBatch: 1024,
        microBatches: 1,
        seqLen: 4096,
        recompute: 'full',
      },
    });
    const on = evaluate(doc(true));
    const off = evaluate(doc(false));
    const traffic = off.time.exposedCommSeconds.dp; // without overlap, the whole reduce + gathers
    expect(on.feasible).toBe(true);
    expect(traffic).toBeGreaterThan(on.time.computeSeconds); // the case: more traffic than compute
    expect(on.time.exposedCommSeconds.dp).toBeGreaterThanOrEqual(traffic - on.time.computeSeconds);
    expect(on.time.stepSeconds).toBeGreaterThanOrEqual(traffic);
  });
});

/** Training layouts over the DP-relevant range: ZeRO stage, link speed, micro-batches, pipeline. */
const trainingDocument = fc
  .record({
    moe: fc.boolean(),
    tp: fc.constantFrom(1, 2),
    pp: fc.constantFrom(1, 2, 4),
    dp: fc.constantFrom(2, 4, 8, 16),
    microBatches: fc.integer({ min: 1, max: 8 }),
    perMicroBatch: fc.constantFrom(1, 2),
    seqLen: fc.constantFrom(512, 2048, 4096),
    zeroStage: fc.constantFrom(0, 1, 2, 3),
    interNodeGBps: fc.double({ min: 1, max: 400, noNaN: true }),
    gpusPerNode: fc.constantFrom(2, 4, 8),
    recompute: fc.constantFrom('none', 'selective', 'full'),
    tpComm: fc.boolean(),
  })
  .map((r) => ({
    ...(r.moe ? { model: { preset: 'qwen3-30b-a3b' } } : {}),
    hardware: { count: r.tp * r.pp * r.dp, gpusPerNode: r.gpusPerNode, interNodeGBps: r.interNodeGBps },
    parallel: { tp: r.tp, pp: r.pp, dp: r.dp, ep: 1, overlap: { tpComm: r.tpComm } },
    workload: {
      mode: 'training',
      zeroStage: r.zeroStage,
      microBatches: r.microBatches,
      globalBatch: r.dp * r.microBatches * r.perMicroBatch,
      seqLen: r.seqLen,
      recompute: r.recompute,
    },
  }));

function withDpOverlap(doc: Record<string, any>, dpGrad: boolean): Evaluation | null {
  try {
    return evaluate({ ...doc, parallel: { ...doc.parallel, overlap: { ...doc.parallel.overlap, dpGrad } } });
  } catch (err) {
    if (err instanceof ScenarioError) return null;
    throw err;
  }
}

describe('over random training layouts', () => {
  it('exposed DP ≥ reduce + gathers − the compute they overlap; overlap never exposes more than none', () => {
    fc.assert(
      fc.property(trainingDocument, (doc) => {
        const on = withDpOverlap(doc, true);
        const off = withDpOverlap(doc, false);
        if (!on || !off) return;
        const traffic = off.time.exposedCommSeconds.dp;
        const eps = 1e-9 * (1 + traffic);
        expect(on.time.computeSeconds).toBe(off.time.computeSeconds);
        expect(on.time.exposedCommSeconds.dp).toBeGreaterThanOrEqual(traffic - on.time.computeSeconds - eps);
        expect(on.time.exposedCommSeconds.dp).toBeLessThanOrEqual(traffic + eps);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
