/** Accounting details a reviewer checked: who pays for what, in which unit. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '..';
import { forwardFlopsPerToken, outputHeadFlopsPerToken } from '../model/flops';
import { tpSecondsPerLayer, type LayerCommInput } from '../comm/costs';

describe('accounting', () => {
  it('the runtime reserve is in binary GB, like the capacity', () => {
    expect(evaluate({}).memory.breakdown.buffers).toBe(2 * 2 ** 30);
  });

  it('serving runs the output head for each sequence\'s last position only', () => {
    const e = evaluate({ parallel: { tp: 1, pp: 1, dp: 16, ep: 1 }, workload: { microBatches: 1, seqLenRange: null } });
    const s = e.scenario;
    const tokens = s.workload.globalBatch * s.workload.seqLen;
    const expected = tokens * forwardFlopsPerToken(s.model, s.workload.seqLen, { causal: false, includeRouter: true })
      - (tokens - s.workload.globalBatch) * outputHeadFlopsPerToken(s.model);
    expect(e.flops.modelPerStep).toBeCloseTo(expected, -3);
    // Logits of one position per sequence: 4·b·V bytes, not 4·s·b·V.
    const b = 128 / 16;
    expect(e.memory.breakdown.activations).toBeLessThan(4 * 2048 * b * 32000);
  });

  it('a MoE layer with shared experts pays a second TP collective for them', () => {
    const span = { size: 2, maxPerNode: 2, nodes: 1 };
    const c: LayerCommInput = {
      tokens: 4096, microBatch: 1, hidden: 7168, bytesPerElement: 2, tp: 2, etp: 1, sharedExperts: 0, topK: 8,
      dispatchFactor: 1, tpSpan: span, epSpan: span, links: { intra: { bandwidth: 200e9, alpha: 5e-6 }, inter: { bandwidth: 50e9, alpha: 5e-6 } },
    };
    expect(tpSecondsPerLayer({ ...c, sharedExperts: 1 }, true)).toBeCloseTo(2 * tpSecondsPerLayer(c, true), 12);
    expect(tpSecondsPerLayer({ ...c, sharedExperts: 1 }, true)).toBeCloseTo(tpSecondsPerLayer(c, false), 12);
  });

  it('with skewed routing, GPUs whose experts get fewer tokens are busy less', () => {
    const e = evaluate({
      workload: { mode: 'training', microBatches: 1, seqLenRange: null },
      parallel: { tp: 1, pp: 1, dp: 16, ep: 16, capacityFactor: null, routing: { distribution: 'zipf', skew: 1.2, seed: 1 } },
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
    const run = (zeroStage: number) => evaluate({
      model: { preset: 'mixtral-8x7b' }, hardware: { gpu: 'h100-sxm', count: 16 },
      workload: { mode: 'training', precision: 'bf16', globalBatch: 64, seqLen: 4096, seqLenRange: null, microBatches: 16, zeroStage, recompute: 'full' },
      parallel: { tp: 1, pp: 1, dp: 16, ep: 8, capacityFactor: null, overlap: { dpGrad: false, tpComm: false, epComm: false } },
    });
    expect(run(3).time.exposedCommSeconds.dp).toBeGreaterThan(5 * run(1).time.exposedCommSeconds.dp);
  });
});
