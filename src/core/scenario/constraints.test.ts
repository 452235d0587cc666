import { describe, expect, it } from 'vitest';
import { checkStrategy } from './constraints';
import { SEED_BEFORE } from '../../presets/seed';
import { DEFAULT_SCENARIO } from './defaults';
import { parseScenario } from './parse';
import type { Scenario } from './types';

function scenario(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}
const codes = (input: unknown) => checkStrategy(scenario(input)).map((v) => v.code);

describe('checkStrategy', () => {
  it('the seed strategy breaks GPU_COUNT and EP_GROUP, and nothing else', () => {
    const v = checkStrategy(DEFAULT_SCENARIO);
    expect(v.map((x) => [x.code, x.severity])).toEqual([
      ['GPU_COUNT', 'error'],
      ['EP_GROUP', 'error'],
    ]);
    expect(v[0].message).toContain('TP × PP × DP = 4 × 4 × 2 = 32 GPUs, but the cluster has 16');
    expect(v[0].fields).toEqual(['parallel.tp', 'parallel.pp', 'parallel.dp', 'hardware.count']);
    expect(v[1].message).toContain(
      'EP 16 × ETP 1 = 16 GPUs per expert-parallel group, but each pipeline stage has only TP × DP = 4 × 2 = 8 GPUs to form it from',
    );
  });

  it("the seed's before strategy (TP 8, EP 8, PP 2, DP 1, 32 micro-batches) is feasible", () => {
    expect(codes(SEED_BEFORE)).toEqual([]);
  });

  it('EP_GROUP also fires when the group does not divide the stage', () => {
    const v = checkStrategy(
      scenario({
        hardware: { count: 24 },
        parallel: { tp: 3, pp: 4, dp: 2, ep: 4 },
        model: { heads: 12, hidden: 768 },
      }),
    );
    const ep = v.find((x) => x.code === 'EP_GROUP')!;
    expect(ep.message).toContain('TP × DP = 3 × 2 = 6 GPUs, which groups of 4 do not divide evenly');
  });

  it('TP must divide heads and kv heads; MLA models need only heads', () => {
    expect(codes({ parallel: { tp: 3 } })).toEqual(expect.arrayContaining(['TP_HEADS', 'TP_KV_HEADS']));
    expect(
      codes({
        model: { preset: 'mixtral-8x7b' },
        parallel: { tp: 16, pp: 1, dp: 1, ep: 8 },
        hardware: { gpusPerNode: 16 },
      }),
    ).toEqual(['TP_KV_HEADS']);
    expect(
      codes({ model: { preset: 'deepseek-v3', kvHeads: 1 }, parallel: { tp: 2, pp: 4, dp: 2, ep: 4 } }),
    ).not.toContain('TP_KV_HEADS');
  });

  it('PP needs at least one layer per chunk; an uneven split is allowed', () => {
    expect(codes({ parallel: { tp: 1, pp: 16, dp: 1, ep: 1 }, workload: { microBatches: 1 } })).toEqual([]);
    expect(codes({ model: { layers: 15 }, parallel: { tp: 1, pp: 16, dp: 1, ep: 1 } })).toContain('PP_LAYERS');
    expect(
      codes({ parallel: { tp: 4, pp: 4, dp: 1, ep: 4, virtualStages: 8, schedule: 'interleaved-1f1b' } }),
    ).toContain('PP_LAYERS');
  });

  it('EP must divide the experts; EP on a dense model is a warning', () => {
    expect(codes({ model: { moe: { experts: 60 } }, parallel: { tp: 4, pp: 2, dp: 2, ep: 8 } })).toEqual([
      'EP_EXPERTS',
    ]);
    const dense = checkStrategy(scenario({ model: { moe: null } }));
    expect(dense.map((v) => [v.code, v.severity])).toEqual([
      ['GPU_COUNT', 'error'],
      ['EP_DENSE', 'warning'],
    ]);
  });

  it('the batch must split into DP × micro-batches equal parts', () => {
    const v = checkStrategy(scenario({ workload: { globalBatch: 100 }, parallel: { tp: 4, pp: 2, dp: 2, ep: 8 } }));
    expect(v.map((x) => x.code)).toEqual(['BATCH_DIVISIBLE']);
    expect(v[0].message).toContain('DP 2 × 8 micro-batches = 16 equal parts');
  });

  it('virtual stages and the interleaved schedule go together', () => {
    const base = { parallel: { tp: 4, pp: 2, dp: 2, ep: 8 } };
    expect(codes({ parallel: { ...base.parallel, virtualStages: 2 } })).toEqual(['VIRTUAL_STAGES']);
    expect(codes({ parallel: { ...base.parallel, schedule: 'interleaved-1f1b' } })).toEqual(['VIRTUAL_STAGES']);
    expect(codes({ parallel: { ...base.parallel, schedule: 'interleaved-1f1b', virtualStages: 2 } })).toEqual([]);
    expect(
      codes({
        parallel: { ...base.parallel, schedule: 'interleaved-1f1b', virtualStages: 2 },
        workload: { microBatches: 3, globalBatch: 126 },
      }),
    ).toEqual(['INTERLEAVED_MICROBATCHES']);
    expect(
      codes({ parallel: { tp: 4, pp: 1, dp: 4, ep: 16, schedule: 'interleaved-1f1b', virtualStages: 2 } }),
    ).toEqual(['VIRTUAL_STAGES']);
  });

  it('warns about decode in training, TP across nodes and partial nodes', () => {
    expect(
      checkStrategy(
        scenario({ workload: { mode: 'training', phase: 'decode' }, parallel: { tp: 4, pp: 2, dp: 2, ep: 8 } }),
      ),
    ).toMatchObject([{ code: 'DECODE_MODE', severity: 'warning' }]);
    expect(codes({ parallel: { tp: 16, pp: 1, dp: 1, ep: 16 } })).toEqual(['TP_CROSS_NODE']);
    expect(codes({ hardware: { count: 12 }, parallel: { tp: 4, pp: 3, dp: 1, ep: 4 } })).toEqual(['NODE_SIZE']);
  });

  it('every violation names fields and says why', () => {
    const all = [
      ...checkStrategy(DEFAULT_SCENARIO),
      ...checkStrategy(
        scenario({
          parallel: { tp: 3, pp: 32, virtualStages: 2 },
          model: { moe: { experts: 63 } },
          workload: { mode: 'training', phase: 'decode' },
        }),
      ),
    ];
    for (const v of all) {
      expect(v.fields.length, v.code).toBeGreaterThan(0);
      expect(v.message.length, v.code).toBeGreaterThan(40);
    }
  });
});
