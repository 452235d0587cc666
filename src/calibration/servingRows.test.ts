/**
 * Every published serving row (../shared/fixtures/framework-serving-runs.json)
 * becomes a scenario whose evaluation yields the quantity that was measured.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../core';
import { readFixture } from './fixtures';
import { compareRow, counted, formatComparison } from './compare';
import { SERVING_METRICS, servingRunRows, type ServingRunRow } from './servingRows';

const fixture = readFixture<{ rows: ServingRunRow[] }>('framework-serving-runs.json');
const rows = servingRunRows(fixture.rows);
const results = rows.map(compareRow);

describe('serving rows', () => {
  it('prints predicted against measured', () => {
    console.log(formatComparison(results));
    expect(results).toHaveLength(fixture.rows.length);
  });

  it.each(fixture.rows.map((r) => r.id))('%s: one metric read off the serving summary, finite and positive', (id) => {
    const raw = fixture.rows.find((r) => r.id === id)!;
    const row = rows.find((r) => r.id === id)!;
    expect(row.measured).toBe(raw.measured[SERVING_METRICS[raw.kind].field]);
    const r = results.find((x) => x.id === id)!;
    expect(Number.isFinite(r.predicted) && r.predicted > 0).toBe(true);
  });

  it.each(fixture.rows.filter((r) => !r.suspect).map((r) => r.id))('%s fits in GPU memory where it ran', (id) => {
    const raw = fixture.rows.find((r) => r.id === id)!;
    const e = evaluate(rows.find((r) => r.id === id)!.scenario);
    expect(e.feasible).toBe(true);
    // A static batch runs both phases on the same GPUs; PD-disaggregated rows ran one.
    if (raw.kind === 'static' || raw.kind === 'decode_bs') expect(e.serving!.fits).toBe(true);
  });

  it('class tags: dense or moe (and its granularity), precision, phase, GPU generation', () => {
    const tags = (id: string) => rows.find((r) => r.id === id)!.classes;
    expect(tags('trt09-h100-mixtral-ttft-isl2048')).toEqual(['moe', 'moe-coarse', 'fp8', 'prefill', 'hopper']);
    expect(tags('sglang-ep72-dsv3-decode-b256')).toEqual(['moe', 'moe-fine', 'fp8', 'decode', 'hopper']);
    expect(tags('gptfast-a100-llama2-7b-tp1-bs1')).toEqual(['dense', 'bf16', 'decode', 'ampere']);
    expect(tags('trt09-h100-llama70b-b1024-128-128')).toEqual(['dense', 'fp8', 'static', 'hopper']);
  });

  it('the suspect row counts in no statistic, and really breaks the bandwidth limit', () => {
    const raw = fixture.rows.find((r) => r.suspect)!;
    expect(raw.id).toBe('trt09-a100-mixtral-b32-2048-2048');
    expect(counted(results).some((r) => r.id === raw.id)).toBe(false);
    expect(counted(results)).toHaveLength(fixture.rows.length - 1);
    // 801 output tok/s per GPU on 2 GPUs at batch 32: one decode step per ≤ 20 ms,
    // each reading at least the 46.7 GB of fp16 weights split over 2 GPUs.
    const e = evaluate(rows.find((r) => r.id === raw.id)!.scenario);
    const stepSeconds = raw.batch / (raw.measured.outTokPerSecPerGpu * raw.count);
    expect(e.memory.breakdown.weights / stepSeconds).toBeGreaterThan(2.039e12);
  });

  it('every counted row is within 35% and their mean absolute error is at most 20% (issue 7 bounds, serving side)', () => {
    const use = counted(results);
    const worst = use.reduce((a, r) => (Math.abs(r.error) > Math.abs(a.error) ? r : a));
    expect(Math.abs(worst.error), worst.id).toBeLessThanOrEqual(0.35);
    const mae = use.reduce((a, r) => a + Math.abs(r.error), 0) / use.length;
    expect(mae).toBeLessThanOrEqual(0.2);
  });

  it('TensorRT-LLM 0.9 ran FP8 Mixtral on its plugin-free MoE, every expert on every token; FP16 on its MoE plugin', () => {
    const dense = (id: string) => evaluate(rows.find((r) => r.id === id)!.scenario).scenario.workload.denseExperts;
    expect(dense('trt09-h100-mixtral-ttft-isl2048')).toBe(true);
    expect(dense('trt09-a100-mixtral-ttft-isl2048')).toBe(false);
    expect(dense('trt09-h100-llama7b-ttft-isl2048')).toBe(false);
  });

  it('the DeepSeek-V3 rows serve 288 physical experts (256 routed + 32 redundant, EPLB) with DP attention', () => {
    const e = evaluate(rows.find((r) => r.id === 'sglang-ep72-dsv3-decode-b256')!.scenario);
    expect(e.scenario.model.moe!.experts).toBe(288);
    expect(e.routing!.expertsPerGpu).toBe(4);
    expect(e.scenario.workload.kvCachePrecision).toBe('bf16');
  });
});
