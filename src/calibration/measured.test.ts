/**
 * Predicted against measured throughput for every published row
 * (../shared/fixtures/measured-training.json), with the GPU presets' default
 * efficiencies (one per generation) and no per-row constants.
 */
import { describe, expect, it } from 'vitest';
import { compareRow, formatComparison } from './compare';
import { readFixture } from '../../test/sharedFixtures';
import type { MeasuredRow } from './measuredRows';

const rows: MeasuredRow[] = readFixture<{ rows: MeasuredRow[] }>('measured-training.json').rows;

describe('measured training throughput', () => {
  const results = rows.map(compareRow);

  it('prints predicted against measured', () => {
    console.log(formatComparison(results));
    expect(results).toHaveLength(rows.length);
  });

  it('mean absolute error is at most 15%', () => {
    const mae = results.reduce((a, r) => a + Math.abs(r.error), 0) / results.length;
    expect(mae).toBeLessThanOrEqual(0.15);
  });

  it.each(rows.map((r) => r.id))('%s is within 30%% and feasible', (id) => {
    const r = results.find((x) => x.id === id)!;
    expect(Math.abs(r.error)).toBeLessThanOrEqual(0.3);
    expect(r.feasible).toBe(true);
  });

  it('the efficiency curve explains the trend: larger hidden sizes reach more of peak on A100', () => {
    const small = results.find((r) => r.id === 'megatron-t1-1.7b')!;
    const large = results.find((r) => r.id === 'megatron-t1-529.6b')!;
    expect(large.predictedTflops).toBeGreaterThan(small.predictedTflops * 1.1);
  });

  it('small experts and cross-node all-to-all make Qwen3-235B reach far less of peak than Mixtral 8x22B', () => {
    const mixtral = results.find((r) => r.id === 'mcore-mixtral-8x22b')!;
    const qwen = results.find((r) => r.id === 'mcore-qwen3-235b')!;
    expect(qwen.mfu).toBeLessThan(0.6 * mixtral.mfu);
  });
});
