/** Accounting details a reviewer checked: who pays for what, in which unit. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '..';
import { forwardFlopsPerToken, outputHeadFlopsPerToken } from '../model/flops';
import { tpSecondsPerLayer, type LayerCommInput } from '../comm/costs';

describe('accounting', () => {
  it('the runtime reserve is in binary GB, like the capacity', () => {
    expect(evaluate({}).memory.breakdown.buffers).toBe(2 * 2 ** 30);
  });

  it("serving runs the output head for each sequence's last position only", () => {
    // Dropless, so every token's expert work counts (dropped tokens are not model work).
    const e = evaluate({
      parallel: { tp: 1, pp: 1, dp: 16, ep: 1, capacityFactor: null },
      workload: { microBatches: 1, seqLenRange: null },
    });
    const s = e.scenario;
    const tokens = s.workload.globalBatch * s.workload.seqLen;
    const expected =
      tokens * forwardFlopsPerToken(s.model, s.workload.seqLen, { causal: false, includeRouter: true }) -
      (tokens - s.workload.globalBatch) * outputHeadFlopsPerToken(s.model);
    expect(e.flops.modelPerStep).toBeCloseTo(expected, -3);
    // Logits of one position per sequence: 4·b·V bytes, not 4·s·b·V.
    const b = 128 / 16;
    expect(e.memory.breakdown.activations).toBeLessThan(4 * 2048 * b * 32000);
  });

  it('a MoE layer with shared experts pays a second TP collective for them', () => {
    const span = { size: 2, maxPerNode: 2, nodes: 1 };
    const c: LayerCommInput = {
      tokens: 4096,
      microBatch: 1,
      hidden: 7168,
      bytesPerElement: 2,
      tp: 2,
      etp: 1,
      sharedExperts: 0,
      topK: 8,
      dispatchFactor: 1,
      tpSpan: span,
      epSpan: span,
      links: { intra: { bandwidth: 200e9, alpha: 5e-6 }, inter: { bandwidth: 50e9, alpha: 5e-6 } },
    };
    expect(tpSecondsPerLayer({ ...c, sharedExperts: 1 }, true)).toBeCloseTo(2 * tpSecondsPerLayer(c, true), 12);
    expect(tpSecondsPerLayer({ ...c, sharedExperts: 1 }, true)).toBeCloseTo(tpSecondsPerLayer(c, false), 12);
  });

  it('with skewed routing, GPUs whose experts get fewer tokens are busy less', () => {
    const e = evaluate({
      workload: { mode: 'training', microBatches: 1, seqLenRange: null },
      parallel: {
        tp: 1,
        pp: 1,
        dp: 16,
        ep: 16,
        capacityFactor: null,
        routing: { distribution: 'zipf', skew: 1.2, seed: 1 },
      },
    });
    const busy = e.perGpu.map((g) => g.busySeconds);
    expect(Math.min(...busy)).toBeLessThan(0.9 * Math.max(...busy));
    // Utilization is the mean over GPUs, not the busiest GPU's.
    const meanBusy = busy.reduce((a, b) => a + b, 0) / busy.length;
    expect(e.gpuUtilizationPct).toBeCloseTo((meanBusy / e.time.stepSeconds) * 100, 6);
    // The GPU with the most load is the busiest.
    const hot = e.perGpu.reduce((a, g) => (g.expertLoad > a.expertLoad ? g : a));
    expect(hot.busySeconds).toBe(Math.max(...busy));
  });

  it('ZeRO-3 gathers the weights for every micro-batch', () => {
    const run = (zeroStage: number) =>
      evaluate({
        model: { preset: 'mixtral-8x7b' },
        hardware: { gpu: 'h100-sxm', count: 16 },
        workload: {
          mode: 'training',
          precision: 'bf16',
          globalBatch: 64,
          seqLen: 4096,
          seqLenRange: null,
          microBatches: 16,
          zeroStage,
          recompute: 'full',
        },
        parallel: {
          tp: 1,
          pp: 1,
          dp: 16,
          ep: 8,
          capacityFactor: null,
          overlap: { dpGrad: false, tpComm: false, epComm: false },
        },
      });
    expect(run(3).time.exposedCommSeconds.dp).toBeGreaterThan(5 * run(1).time.exposedCommSeconds.dp);
  });
});

describe('very large clusters', () => {
  it('lists GPUs one by one up to 8,192 (MAX_LISTED_GPUS) and still evaluates beyond', () => {
    const big = (count: number) =>
      evaluate({
        model: { preset: 'deepseek-v3' },
        hardware: { gpu: 'h100-sxm', count },
        workload: { globalBatch: (count / 128) * 8, microBatches: 8, seqLenRange: null },
        parallel: { tp: 8, pp: 16, dp: count / 128, ep: 64 },
      });
    expect(big(8192).perGpu).toHaveLength(8192);
    const e = big(262144);
    expect(e.perGpu).toEqual([]);
    expect(e.assumptions.some((a) => /262,144 GPUs/.test(a))).toBe(true);
    expect(Number.isFinite(e.latencySeconds)).toBe(true);
    // Placed on two stages, TP and EP groups sit on nodes exactly as with every rank laid out.
    const listed = big(8192);
    const unlisted = big(16384);
    expect(unlisted.perGpu).toEqual([]);
    expect(unlisted.time.exposedCommSeconds.tp).toBe(listed.time.exposedCommSeconds.tp);
    expect(unlisted.time.exposedCommSeconds.ep).toBe(listed.time.exposedCommSeconds.ep);
  });
});

describe('very long schedules', () => {
  const run = (m: number) =>
    evaluate({
      hardware: { count: 64 },
      workload: { mode: 'training', globalBatch: m, microBatches: m, seqLen: 256, seqLenRange: null },
      parallel: { tp: 1, pp: 64, dp: 1, ep: 1, schedule: '1f1b' },
    });
  it("are simulated in part and extrapolated at the slowest stage's pace, close to the full simulation", () => {
    const full = run(150); // 64 · 150 · 2 = 19,200 blocks: simulated in full
    const long = run(300); // 38,400 blocks: half simulated, half extrapolated
    // The timeline holds the first micro-batches only (MAX_DRAWN_BLOCKS = 10,000): 78 of them, 64 · 78 · 2 = 9,984 blocks.
    expect(full.timeline).toHaveLength(2 * 64 * 78);
    expect(long.timeline.length).toBeLessThanOrEqual(10_000);
    expect(long.assumptions.some((a) => /blocks, more than/.test(a))).toBe(true);
    // Twice the micro-batches: the step grows by 384 periods of the slowest stage, and the bubble shrinks.
    const period = Math.max(...full.pipeline.forwardSeconds.map((f, i) => f + full.pipeline.backwardSeconds[i]));
    const expected = full.pipeline.makespanSeconds + 150 * period;
    expect(Math.abs(long.pipeline.makespanSeconds - expected) / expected).toBeLessThan(1e-3);
    expect(long.pipeline.simulatedBubbleFraction).toBeLessThan(full.pipeline.simulatedBubbleFraction);
  });
});
