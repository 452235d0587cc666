import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import type { Scenario } from '../scenario/types';
import { evaluatorAssumptions } from './assumptions';
import { MAX_SIMULATED_BLOCKS } from './step';

const scenario = (input: unknown): Scenario => {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

describe('schedule assumptions', () => {
  it('list the schedule’s own notes (DualPipe’s unsynchronised weight copies), from the schedule', () => {
    const dual = evaluatorAssumptions(scenario({ parallel: { schedule: 'dualpipe' } }));
    expect(dual.some((a) => a.startsWith('DualPipe: each stage’s weights live on two GPUs'))).toBe(true);
    expect(evaluatorAssumptions(scenario({})).some((a) => a.startsWith('DualPipe'))).toBe(false);
  });

  it('count the schedule’s blocks for the extrapolation note: ZB-V has 6 per micro-batch and GPU', () => {
    // 16 GPUs of pipeline × 240 micro-batches × 6 = 23,040 blocks > 20,000.
    const a = evaluatorAssumptions(
      scenario({
        workload: { mode: 'training', microBatches: 240, globalBatch: 240 },
        parallel: { tp: 1, pp: 16, dp: 1, ep: 1, schedule: 'zb-v' },
        hardware: { count: 16 },
      }),
    );
    expect(MAX_SIMULATED_BLOCKS).toBe(20_000);
    expect(a.some((x) => x.startsWith('The schedule has 23,040 blocks'))).toBe(true);
    expect(a.some((x) => x.startsWith('The timeline lists the first micro-batches'))).toBe(true);
  });
});
