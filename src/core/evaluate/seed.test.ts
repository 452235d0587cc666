/** The seed scenario `{}`: what a first-time user sees, and what the seed document got wrong. */
import { describe, expect, it } from 'vitest';
import { evaluate } from '..';

describe('the seed scenario ({})', () => {
  const e = evaluate({});

  it('is infeasible: TP×PP×DP = 32 ≠ 16 GPUs, and EP 16 does not divide TP×DP = 8', () => {
    expect(e.feasible).toBe(false);
    expect(e.fromInfeasibleStrategy).toBe(true);
    const codes = e.violations.filter((v) => v.severity === 'error').map((v) => v.code);
    expect(codes).toEqual(expect.arrayContaining(['GPU_COUNT', 'EP_GROUP']));
    const gpu = e.violations.find((v) => v.code === 'GPU_COUNT')!;
    expect(gpu.message).toMatch(/32/);
    expect(gpu.message).toMatch(/16/);
    expect(gpu.fields).toEqual(expect.arrayContaining(['parallel.tp', 'parallel.pp', 'parallel.dp', 'hardware.count']));
  });

  it('counts ≈4.43B parameters and flags the stated 30B', () => {
    expect(e.params.total).toBe(4_428_694_528);
    expect(e.params.statedMismatchPct).toBeCloseTo(((30e9 - 4_428_694_528) / 4_428_694_528) * 100, 6);
    expect(e.violations.find((v) => v.code === 'STATED_PARAMS')?.severity).toBe('warning');
  });

  it('still computes every metric, all finite and positive', () => {
    for (const x of [
      e.latencySeconds,
      e.throughputTokensPerSec,
      e.memory.peakBytes,
      e.mfu,
      e.gpuUtilizationPct,
      e.loadBalancePct,
    ]) {
      expect(Number.isFinite(x)).toBe(true);
      expect(x).toBeGreaterThan(0);
    }
    // The strategy's grid has 32 ranks: one entry per rank it asks for.
    expect(e.perGpu).toHaveLength(32);
    expect(e.timeline).toHaveLength(4 * 8); // inference: one forward per stage per micro-batch
  });

  it('lists its assumptions, starting with what the seed document is silent about', () => {
    expect(e.assumptions.some((a) => /vocab.*32000/.test(a))).toBe(true);
    expect(e.assumptions.some((a) => /inter-node/.test(a))).toBe(true);
    expect(e.assumptions.some((a) => /sequence length/i.test(a))).toBe(true);
  });

  it('has no claims audit (claims default to null) and a sweep over 128…10240 tokens', () => {
    expect(e.claimsAudit).toEqual([]);
    expect(e.sweep?.min.seqLen).toBe(128);
    expect(e.sweep?.max.seqLen).toBe(10240);
    // Attention grows with s: a longer sequence never lowers latency.
    const lat = e.sweep!.points.map((p) => p.latencySeconds);
    for (let i = 1; i < lat.length; i++) expect(lat[i]).toBeGreaterThanOrEqual(lat[i - 1]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(evaluate({}))).toBe(JSON.stringify(e));
  });
});

describe("the seed document's claims", () => {
  const e = evaluate({ claims: { source: 'seed', latencyMs: 27, memoryPerGpuGB: 11.6, loadBalancePct: 92 } });
  it('are each audited against the computed value', () => {
    expect(e.claimsAudit.map((c) => c.claim).sort()).toEqual(['latencyMs', 'loadBalancePct', 'memoryPerGpuGB']);
    const latency = e.claimsAudit.find((c) => c.claim === 'latencyMs')!;
    expect(latency.computed).toBeCloseTo(e.latencySeconds * 1e3, 9);
    expect(latency.verdict).toBe(
      Math.abs(27 - latency.computed!) / latency.computed! <= 0.1 ? 'consistent' : 'contradicted',
    );
    expect(latency.why).toMatch(/cannot run as stated/);
  });
});

describe('the fixed 16-GPU preset for the seed model', () => {
  it('is feasible on 16 GPUs and meets every seed target', async () => {
    const { scenarioPreset } = await import('../../presets/scenarios');
    const e = evaluate(scenarioPreset('seed-fixed-16gpu')!.scenario);
    expect(e.feasible).toBe(true);
    expect(e.scenario.parallel.tp * e.scenario.parallel.pp * e.scenario.parallel.dp).toBe(16);
    expect(e.compliance.filter((c) => c.pass === false).map((c) => c.target)).toEqual([]);
  });
});
