/** Each GPU-grid metric breaks its headline figure down GPU by GPU: the grid and the headline must tell one story. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/evaluate';
import { GPU_METRIC_IDS, GPU_METRICS } from './perGpu';
import { METRICS } from './headline';

const CASES = {
  'Mixtral 8x7B prefill on 8 H100': {
    model: { preset: 'mixtral-8x7b' },
    hardware: { gpu: 'h100-sxm', count: 8 },
    workload: { mode: 'inference', seqLen: 2048, globalBatch: 16, microBatches: 1 },
    parallel: { tp: 2, pp: 1, dp: 4, ep: 8 },
  },
  'Mixtral 8x7B training on 16 H100': {
    model: { preset: 'mixtral-8x7b' },
    hardware: { gpu: 'h100-sxm', count: 16 },
    workload: { mode: 'training', seqLen: 4096, globalBatch: 64, microBatches: 8 },
    parallel: { tp: 2, pp: 2, dp: 4, ep: 8 },
  },
};

describe('per-GPU metrics', () => {
  for (const [name, doc] of Object.entries(CASES)) {
    const e = evaluate(doc);
    it(`${name} runs`, () => expect(e.feasible).toBe(true));
    const ctx = { capacityBytes: e.memory.capacityBytes, stepSeconds: e.latencySeconds };
    const values = (id: (typeof GPU_METRIC_IDS)[number]) => e.perGpu.map((g) => GPU_METRICS[id].value(g, ctx));

    it(`${name}: the busiest GPU's memory share is the peak-memory figure`, () => {
      expect(Math.max(...values('memory'))).toBeCloseTo(METRICS[GPU_METRICS.memory.headline].value(e) / 100, 9);
    });

    it(`${name}: the mean busy share is the GPU-utilization figure`, () => {
      const busy = values('busy');
      const mean = busy.reduce((a, b) => a + b, 0) / busy.length;
      expect(mean).toBeCloseTo(METRICS[GPU_METRICS.busy.headline].value(e) / 100, 6);
    });
  }

  it('every entry names its own id and a headline metric that exists', () => {
    for (const id of GPU_METRIC_IDS) {
      expect(GPU_METRICS[id].id).toBe(id);
      expect(METRICS[GPU_METRICS[id].headline]).toBeDefined();
    }
  });
});
