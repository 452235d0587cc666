/**
 * The latest probe's reproductions, through the CLI's own code path
 * (runCli, in process): each exits 0 with MFU ≤ 100%, compute parts that add
 * up to the compute time and no time part above the step, or exits 2 naming
 * its field once; stderr stays under 64 KB. Work is counted (routingWork),
 * not timed.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './main';
import { routingWork } from '../core/routing';
import type { Evaluation } from '../core';

const MAX_STDERR = 64 * 1024;
/** Routing steps per evaluation: see fuzz.property.test.ts (the hang was ~10^12). */
const MAX_ROUTING_STEPS = 2e8;

function run(doc: unknown, ...flags: string[]) {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  const before = routingWork.steps;
  const r = runCli(['evaluate', '-', '--compact', ...flags], () => text);
  expect(routingWork.steps - before).toBeLessThan(MAX_ROUTING_STEPS);
  expect(r.stderr.length).toBeLessThan(MAX_STDERR);
  return r;
}

function evaluated(doc: unknown): Evaluation {
  const r = run(doc);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const e = JSON.parse(r.stdout) as Evaluation;
  expect(e.mfu).toBeLessThanOrEqual(1);
  const t = e.time;
  const parts = t.computeParts ?? [];
  expect(parts.length).toBeGreaterThan(0);
  expect(parts.reduce((a, p) => a + p.seconds, 0) / t.computeSeconds).toBeCloseTo(1, 9);
  const all = [
    t.computeSeconds,
    t.bubbleSeconds,
    t.optimizerSeconds,
    ...Object.values(t.exposedCommSeconds),
    ...parts.map((p) => p.seconds),
  ];
  // Relative 1e-12: the step and its parts are summed in different orders (float rounding, not physics).
  for (const x of all) expect(x).toBeLessThanOrEqual(t.stepSeconds * (1 + 1e-12));
  return e;
}

describe('the probe reproductions, through the CLI', () => {
  it('1. top-16,384 of 16,384 experts returns, every expert equally loaded', () => {
    const e = evaluated({
      model: { moe: { experts: 16384, topK: 16384 } },
      hardware: { count: 1 },
      parallel: { tp: 1, pp: 1, dp: 1, ep: 1 },
      workload: { globalBatch: 1, microBatches: 1, seqLen: 64 },
    });
    expect(e.loadBalancePct).toBe(100);
  });

  it('2. an MLA decode with a huge qk_nope dimension stays within 100% MFU, whatever the decode length', () => {
    const doc = (decodeTokens: number) => ({
      model: {
        layers: 32,
        hidden: 256,
        heads: 8,
        kvHeads: 8,
        ffnHidden: 1024,
        vocab: 32000,
        moe: null,
        mla: { qLoraRank: 0, kvLoraRank: 512, qkNopeHeadDim: 100000, qkRopeHeadDim: 64, vHeadDim: 128 },
      },
      hardware: { gpu: 'a100-80gb', count: 1, memoryGB: 100000 },
      parallel: { tp: 1, pp: 1, dp: 1, ep: 1 },
      workload: { mode: 'inference', phase: 'decode', globalBatch: 64, seqLen: 4096, decodeTokens },
    });
    for (const n of [1, 1000, 100000]) evaluated(doc(n)); // was 201% at 100,000
  });

  it('3–4. DualPipe: parts add up to the compute time, also for 1,145 micro-batches over 16 stages', () => {
    evaluated({
      model: { moe: { experts: 16, topK: 2 } },
      hardware: { count: 8 },
      parallel: { tp: 1, pp: 4, dp: 2, ep: 2, schedule: 'dualpipe' },
      workload: { mode: 'training', globalBatch: 16, microBatches: 8, seqLen: 512 },
    });
    evaluated({
      model: { moe: { experts: 16, topK: 2 } },
      hardware: { count: 16 },
      parallel: { tp: 1, pp: 16, dp: 1, ep: 1, schedule: 'dualpipe' },
      workload: { mode: 'training', globalBatch: 1145, microBatches: 1145, seqLen: 256 },
    });
  });

  it('5. a 1 MB unknown key exits 2 with a short message', () => {
    const r = run(`{"${'k'.repeat(1_000_000)}":1}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^"k{80}"… \(1000000 characters\): unknown field/);
  });

  it('6. a bad model.mla value exits 2 naming its field once', () => {
    const r = run({ model: { mla: { kvLoraRank: -1 } } });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('model.mla.kvLoraRank:'))).toHaveLength(1);
  });

  it('7. a claim of 1e-320 GB is audited in finite words', () => {
    const r = run({ claims: { memoryPerGpuGB: 1e-320 } });
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout) as Evaluation;
    const audit = e.claimsAudit.find((c) => c.claim === 'memoryPerGpuGB')!;
    expect(audit.why).toContain('more than 1,000,000× lower');
    expect(r.stdout).not.toMatch(/Infinity|NaN/);
  });
});
