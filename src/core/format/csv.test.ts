/** Every CSV the explorer writes goes through one cell writer that keeps formulas out (CSV injection). */
import { describe, expect, it } from 'vitest';
import { csvField } from './csv';
import { rowsToCsv } from '../search/export';
import type { SearchRow } from '../search/rows';

describe('the search CSV', () => {
  it('neutralises a text cell that starts like a formula and keeps negative numbers as numbers', () => {
    const row = {
      id: 0,
      strategy: {
        tp: 1,
        pp: 1,
        dp: 1,
        ep: 1,
        etp: 1,
        schedule: '1f1b',
        virtualStages: 1,
        microBatches: 1,
        recompute: 'none',
        zeroStage: 0,
        sequenceParallel: false,
      },
      feasible: false,
      timed: false,
      memoryPerGpuGB: -1.5,
      memoryPct: 0,
      latencyMs: null,
      throughputTokensPerSec: null,
      mfuPct: null,
      commOverheadPct: -2,
      loadBalancePct: null,
      gpuUtilizationPct: null,
      bubblePct: null,
      gpuHoursPerMTokens: null,
      targets: {},
      meetsTargets: false,
      violation: '=HYPERLINK("http://evil","x")',
    } as unknown as SearchRow;
    const [, line] = rowsToCsv([row]).split('\n');
    expect(line.endsWith(`,"'=HYPERLINK(""http://evil"",""x"")"`)).toBe(true);
    expect(line).toContain(',-1.5,');
    expect(line).toContain(',-2,');
  });

  it('writes numbers to six significant figures and null as empty', () => {
    expect(csvField(1 / 3)).toBe('0.333333');
    expect(csvField(-1234567)).toBe('-1234567');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
  });
});
