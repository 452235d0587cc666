/**
 * Issue 10's reproductions, through the CLI: each either exits 2 naming the
 * field, or evaluates (exit 0) to at most 5 MB of output.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './main';
import { evaluate } from '../core';
import { MAX_DRAWN_BLOCKS } from '../core';
import { layoutRanks, streamedSpans, worstGroupSpan, type GroupKind } from '../core';

const cli = (doc: unknown) => runCli(['evaluate', '-', '--compact'], () => JSON.stringify(doc));
const MAX_OUTPUT = 5 * 1024 * 1024;

describe('issue 10 reproductions', () => {
  it.each([
    [{ parallel: { tp: 65536, dp: 65536 } }, 'parallel.tp'],
    [{ parallel: { tp: 4096, dp: 4096 } }, 'parallel.tp'],
    [{ parallel: { tp: 16081, pp: 32, dp: 336 } }, 'parallel.tp'],
    [{ parallel: { tp: 8, pp: 8, dp: 4097 } }, 'parallel.dp'],
    [{ model: { moe: { experts: 16_385 } } }, 'model.moe.experts'],
    [{ parallel: { pp: 65536 } }, 'parallel.pp'],
    [{ parallel: { pp: 1e308 } }, 'parallel.pp'],
    [
      {
        parallel: { schedule: 'interleaved-1f1b', pp: 600, virtualStages: 8 },
        workload: { mode: 'training', microBatches: 600 },
      },
      'parallel.pp',
    ],
    [{ hardware: { peakTflops: 5e-324 } }, 'hardware.peakTflops'],
    [{ hardware: { computeEfficiency: 5e-324 } }, 'hardware.computeEfficiency'],
    [{ hardware: { memoryBandwidthTBps: 5e-324 } }, 'hardware.memoryBandwidthTBps'],
    [{ hardware: { memoryBandwidthEfficiency: 5e-324 } }, 'hardware.memoryBandwidthEfficiency'],
    [{ hardware: { intraNodeGBps: 5e-324 } }, 'hardware.intraNodeGBps'],
    [{ hardware: { interNodeGBps: 1e-310 } }, 'hardware.interNodeGBps'],
  ])('%j exits 2 naming %s, on one line', (doc, field) => {
    const r = cli(doc);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`${field}: `)).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('interleaved 1F1B, 131,072 blocks: within the block cap, no block after the makespan, output under 5 MB', () => {
    const doc = {
      parallel: { schedule: 'interleaved-1f1b', pp: 64, virtualStages: 2 },
      workload: { mode: 'training', microBatches: 512, globalBatch: 1024 },
    };
    const r = cli(doc);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(MAX_OUTPUT);
    const e = evaluate(doc);
    expect(e.timeline.length).toBeLessThanOrEqual(MAX_DRAWN_BLOCKS);
    expect(e.timeline.length).toBeGreaterThan(0);
    const late = e.timeline.filter((b) => b.end > e.pipeline.makespanSeconds * (1 + 1e-12));
    expect(late).toEqual([]);
    expect(e.assumptions.some((a) => a.includes('first micro-batches'))).toBe(true);
  });

  it('a capacity factor of 0.01 drops most tokens, and the dropped tokens are not counted as model work (MFU ≤ 100%)', () => {
    const e = evaluate({
      model: { preset: 'mixtral-8x7b' },
      hardware: { gpu: 'h100-sxm', count: 16 },
      workload: { mode: 'training', globalBatch: 64, seqLen: 4096, microBatches: 8 },
      parallel: { tp: 2, pp: 2, dp: 4, ep: 8, capacityFactor: 0.01 },
    });
    expect(e.tokenDropPct).toBeGreaterThan(90);
    expect(e.mfu).toBeLessThanOrEqual(1);
    const dropless = evaluate({
      model: { preset: 'mixtral-8x7b' },
      hardware: { gpu: 'h100-sxm', count: 16 },
      workload: { mode: 'training', globalBatch: 64, seqLen: 4096, microBatches: 8 },
      parallel: { tp: 2, pp: 2, dp: 4, ep: 8, capacityFactor: null },
    });
    expect(e.flops.modelPerStep).toBeLessThan(dropless.flops.modelPerStep);
  });

  it('FP8 on an A100 (no FP8 rate) runs at the 16-bit rate it has, and MFU is against that rate', () => {
    const e = evaluate({ hardware: { gpu: 'a100-80gb' }, workload: { precision: 'fp8' } });
    expect(e.scenario.hardware.peakTflops).toBe(312);
    expect(e.mfu).toBeLessThanOrEqual(1);
  });

  it('a 262,144-GPU strategy (the most) is placed without listing its GPUs, within 5 MB', () => {
    const r = cli({ hardware: { count: 262_144 }, parallel: { tp: 8, pp: 8, dp: 4096, ep: 8 } });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeLessThan(MAX_OUTPUT);
    expect(JSON.parse(r.stdout).perGpu).toEqual([]);
  });
});

describe('streamed group spans equal the listed ones', () => {
  it.each([
    { tp: 4, pp: 4, dp: 6, ep: 8, etp: 1, gpusPerNode: 8, rankOrder: 'tp-ep-dp-pp' },
    { tp: 2, pp: 3, dp: 8, ep: 4, etp: 2, gpusPerNode: 6, rankOrder: 'dp-pp-tp-ep' },
    { tp: 8, pp: 2, dp: 4, ep: 16, etp: 1, gpusPerNode: 4, rankOrder: 'pp-tp-ep-dp' },
    { tp: 3, pp: 5, dp: 7, ep: 5, etp: 1, gpusPerNode: 8, rankOrder: 'ep-dp-tp-pp' },
    // EP × ETP does not tile TP × DP: the expert coordinates wrap (an infeasible strategy, still placed).
    { tp: 4, pp: 2, dp: 6, ep: 5, etp: 3, gpusPerNode: 8, rankOrder: 'tp-ep-dp-pp' },
    { tp: 2, pp: 1, dp: 3, ep: 4583, etp: 36536, gpusPerNode: 4, rankOrder: 'tp-ep-dp-pp' },
  ])('%j', (input) => {
    const ranks = layoutRanks(input);
    const streamed = streamedSpans(input);
    for (const kind of ['tp', 'dp', 'pp', 'ep', 'edp'] as GroupKind[])
      expect(streamed[kind]).toEqual(worstGroupSpan(ranks, kind));
  });
});

describe('MFU at long sequences', () => {
  it('counts the attention core as the time does, so a 500k-token sequence at full compute efficiency stays at or below the peak', () => {
    const e = evaluate({ hardware: { computeEfficiency: 1 }, workload: { seqLen: 504228 } });
    expect(e.mfu).toBeLessThanOrEqual(1);
    expect(e.mfu).toBeGreaterThan(0.3);
    // The reported model FLOPs still count the full core (PaLM's convention).
    expect(e.flops.modelPerStep).toBeGreaterThan(e.flops.modelPerStepCausal);
  });
});

describe('CLI output size', () => {
  it('the largest listing (8,192 GPUs, 10,000 drawn blocks) prints under 5 MB, as the same JSON, long lists one record per line', () => {
    const doc = {
      hardware: { count: 8192 },
      parallel: { tp: 1, pp: 64, dp: 128, ep: 8 },
      workload: { mode: 'training', microBatches: 156, globalBatch: 19968 },
    };
    const r = cli(doc);
    const pretty = runCli(['evaluate', '-'], () => JSON.stringify(doc));
    expect(pretty.code).toBe(0);
    expect(pretty.stdout.length).toBeLessThan(MAX_OUTPUT);
    const e = JSON.parse(pretty.stdout);
    expect(e).toEqual(JSON.parse(r.stdout));
    expect(e.perGpu).toHaveLength(8192);
    expect(e.timeline.length).toBeGreaterThan(9000);
    expect(pretty.stdout).toContain('\n    {"rank":1,"node":0,');
  });
});
