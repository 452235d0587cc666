/**
 * Memory reads the schedule: DualPipe's two copies of the weights and its
 * PP+1 stage activations (DeepSeek-V3 Table 2), ZB-V's 1F1B-sized peak.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate';

const run = (schedule: string, microBatches = 16) =>
  evaluate({
    workload: { mode: 'training', microBatches, globalBatch: 64 },
    parallel: { tp: 2, ep: 2, pp: 4, dp: 2, schedule },
  });

describe('memory per schedule', () => {
  it('DualPipe keeps 2× the weights, gradients and optimizer state of 1F1B, each GPU holding stages i and P−1−i', () => {
    const one = run('1f1b').memory.perStage;
    const dual = run('dualpipe').memory.perStage;
    const total = (rows: typeof one, key: 'weights' | 'gradients' | 'optimizer') =>
      rows.reduce((a, r) => a + r.breakdown[key], 0);
    for (const key of ['weights', 'gradients', 'optimizer'] as const)
      expect(total(dual, key)).toBeCloseTo(2 * total(one, key), 0);
    for (let d = 0; d < 4; d++) {
      expect(dual[d].breakdown.weights).toBeCloseTo(one[d].breakdown.weights + one[3 - d].breakdown.weights, 0);
      expect(dual[d].layers).toBe(one[d].layers + one[3 - d].layers);
    }
  });

  it('in flight: DualPipe (P+1)/2 micro-batches of both stages = P+1 stage activations; ZB-V P; 1F1B P−i', () => {
    expect(run('dualpipe').memory.perStage.map((r) => r.inFlightMicroBatches)).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect(run('zb-v').memory.perStage.map((r) => r.inFlightMicroBatches)).toEqual([4, 4, 4, 4]);
    expect(run('1f1b').memory.perStage.map((r) => r.inFlightMicroBatches)).toEqual([4, 3, 2, 1]);
    expect(run('gpipe').memory.perStage.map((r) => r.inFlightMicroBatches)).toEqual([16, 16, 16, 16]);
  });

  it('ZB-V cuts the model into 2P chunks, stages i and 2P−1−i on GPU i: the same weights as 1F1B in all', () => {
    const one = run('1f1b').memory.perStage;
    const v = run('zb-v').memory.perStage;
    expect(v.reduce((a, r) => a + r.layers, 0)).toBe(one.reduce((a, r) => a + r.layers, 0));
    expect(v.reduce((a, r) => a + r.breakdown.weights, 0)).toBeCloseTo(
      one.reduce((a, r) => a + r.breakdown.weights, 0),
      0,
    );
  });
});
