/** Memory per GPU through the evaluator: ZeRO, optimizer accounting, schedules, serving. */
import { describe, expect, it } from 'vitest';
import { evaluate, parseScenario } from '..';
import { scheduleById } from '../pipeline';
import { chunksOfDevice, splitIntoChunks } from '../model/stages';
import { createStageMemo, stageMemories, stageMemory } from './perStage';

/** A dense 7B-class model on 16 GPUs, one stage, so parameter sharding is easy to follow. */
function dense(workload: Record<string, unknown> = {}, parallel: Record<string, unknown> = {}) {
  return evaluate({
    model: {
      name: 'dense',
      layers: 32,
      hidden: 4096,
      heads: 32,
      kvHeads: 32,
      ffnHidden: 16384,
      vocab: 32000,
      moe: null,
      statedParams: null,
    },
    hardware: { gpu: 'h100-sxm', count: 8 },
    workload: {
      mode: 'training',
      precision: 'bf16',
      globalBatch: 64,
      seqLen: 2048,
      seqLenRange: null,
      microBatches: 8,
      zeroStage: 0,
      ...workload,
    },
    parallel: { tp: 1, pp: 1, dp: 8, ep: 1, ...parallel },
  });
}

describe('weights, gradients and optimizer state (Rajbhandari et al. 2020; Megatron)', () => {
  const psi = dense().params.total;

  it('Megatron accounting without ZeRO: 2 + 4 + 12 = 18 bytes per parameter', () => {
    const b = dense().memory.breakdown;
    expect(b.weights).toBe(2 * psi);
    expect(b.gradients).toBe(4 * psi);
    expect(b.optimizer).toBe(12 * psi);
  });

  it('BF16 optimizer moments (DeepSeek-V3 report 3.3.3): Adam keeps 4 + 2 × 2 = 8 bytes per parameter, SGD 4 + 2 = 6', () => {
    const b = dense({ bf16OptimizerMoments: true }).memory.breakdown;
    expect(b.optimizer).toBe(8 * psi);
    // Master weights stay fp32, and the weights and gradients are untouched.
    expect(b.weights).toBe(2 * psi);
    expect(b.gradients).toBe(4 * psi);
    expect(dense({ bf16OptimizerMoments: true, optimizer: 'sgd' }).memory.breakdown.optimizer).toBe(6 * psi);
  });

  it("16-bit gradients give the ZeRO paper's 16Ψ", () => {
    const b = dense({ fp32MainGrads: false }).memory.breakdown;
    expect(b.weights + b.gradients + b.optimizer).toBe(16 * psi);
  });

  it('ZeRO-1 shards the optimizer over DP, ZeRO-2 also gradients, ZeRO-3 also weights', () => {
    const z1 = dense({ zeroStage: 1 }).memory.breakdown;
    expect(z1.optimizer).toBeCloseTo((12 * psi) / 8, 0);
    expect(z1.gradients).toBe(4 * psi);
    const z2 = dense({ zeroStage: 2 }).memory.breakdown;
    expect(z2.gradients).toBeCloseTo((4 * psi) / 8, 0);
    expect(z2.weights).toBe(2 * psi);
    const z3 = dense({ zeroStage: 3 }).memory.breakdown;
    expect(z3.weights).toBeCloseTo((2 * psi) / 8, 0);
  });

  it('expert weights shard over EP; their optimizer state over the expert-data-parallel group', () => {
    const e = evaluate({
      model: { preset: 'mixtral-8x7b' },
      hardware: { gpu: 'h100-sxm', count: 8 },
      workload: {
        mode: 'training',
        precision: 'bf16',
        globalBatch: 8,
        seqLen: 4096,
        seqLenRange: null,
        microBatches: 1,
        zeroStage: 0,
      },
      parallel: { tp: 1, pp: 1, dp: 8, ep: 8, capacityFactor: null },
    });
    const expertPerGpu = e.params.breakdown.routedExperts / 8;
    const densePerGpu = e.params.total - e.params.breakdown.routedExperts;
    expect(e.memory.breakdown.weights).toBeCloseTo(2 * (densePerGpu + expertPerGpu), 0);
    expect(e.params.perGpuMax).toBeCloseTo(densePerGpu + expertPerGpu, 0);
  });
});

describe('activations and schedules', () => {
  const pp = (schedule: string, m: number) =>
    evaluate({
      hardware: { gpu: 'h100-sxm', count: 8 },
      workload: {
        mode: 'training',
        precision: 'bf16',
        globalBatch: m * 2,
        seqLen: 2048,
        seqLenRange: null,
        microBatches: m,
      },
      parallel: { tp: 1, pp: 4, dp: 2, ep: 2, schedule, virtualStages: schedule === 'interleaved-1f1b' ? 2 : 1 },
    });

  it('1F1B keeps P micro-batches on the first stage, GPipe keeps m', () => {
    expect(pp('1f1b', 16).memory.perStage.map((s) => s.inFlightMicroBatches)).toEqual([4, 3, 2, 1]);
    expect(pp('gpipe', 16).memory.perStage.map((s) => s.inFlightMicroBatches)).toEqual([16, 16, 16, 16]);
    expect(pp('gpipe', 16).memory.peakBytes).toBeGreaterThan(pp('1f1b', 16).memory.peakBytes);
  });

  it('interleaved keeps P·(1 + (P−1)/(P·v)) on the first stage (Narayanan et al. 2021)', () => {
    expect(pp('interleaved-1f1b', 16).memory.perStage[0].inFlightMicroBatches).toBeCloseTo(4 * (1 + 3 / 8), 12);
  });
});

describe('serving', () => {
  it('dropout adds no memory when serving: its masks are kept for a backward pass only', () => {
    const serve = (dropout: boolean) =>
      dense({ mode: 'inference', dropout, globalBatch: 8, microBatches: 1 }).memory.breakdown.activations;
    expect(serve(true)).toBe(serve(false));
    // Training with dropout keeps the masks: 1 byte × s·b·h after attention and after the FFN (FlashAttention
    // keeps no s² mask), 32 layers, one micro-batch of one sequence of 2,048 in flight.
    const train = (dropout: boolean) => dense({ dropout }).memory.breakdown.activations;
    expect(train(true) - train(false)).toBe(32 * 2 * 2048 * 4096);
  });

  it('prefill stores a KV cache of 2·L·a_kv·d_h·s·b·β/t per GPU', () => {
    const e = evaluate({ parallel: { tp: 4, pp: 4, dp: 1, ep: 4 }, workload: { globalBatch: 16, microBatches: 4 } });
    // Seed model: 16 layers, 16 KV heads of 64, 4 layers per stage, 16 sequences of 2048.
    expect(e.memory.breakdown.kvCache).toBe(4 * 2 * (16 / 4) * 64 * 2048 * 16 * 2);
    expect(e.memory.breakdown.gradients).toBe(0);
    expect(e.memory.breakdown.optimizer).toBe(0);
  });

  it('decode is memory-bound: its GEMMs are bound by bandwidth, and latency grows with the tokens generated', () => {
    const decode = (tokens: number) =>
      evaluate({
        parallel: { tp: 4, pp: 4, dp: 1, ep: 4 },
        workload: { phase: 'decode', decodeTokens: tokens, globalBatch: 16, microBatches: 4 },
      });
    const e = decode(128);
    expect(e.blocks.find((b) => b.name === 'moeLayer.attentionProjections')!.bound).toBe('memory');
    expect(decode(256).latencySeconds).toBeGreaterThan(1.9 * e.latencySeconds);
    expect(e.throughputTokensPerSec).toBeCloseTo((16 * 128) / e.latencySeconds, 6);
  });
});

describe('the strategy search memo of stage memory', () => {
  // A MoE model with uneven stages (61 layers, dense first layers): first, middle and last devices differ.
  const base = parseScenario({
    model: { preset: 'deepseek-v3' },
    hardware: { gpu: 'h800-sxm', count: 256 },
    workload: {
      mode: 'training',
      globalBatch: 256,
      seqLen: 4096,
      seqLenRange: null,
      microBatches: 16,
      recompute: 'full',
    },
    parallel: { tp: 2, pp: 8, dp: 16, ep: 32 },
  });
  if (!base.ok) throw new Error('bad base');
  const variants = [
    {},
    { schedule: 'interleaved-1f1b', virtualStages: 2 },
    { schedule: 'zb-v' },
    { schedule: 'dualpipe' },
    { pp: 16, dp: 8 },
    { tp: 4, dp: 8 },
  ];
  it('gives every device the same numbers as stageMemory without it, also when one memo serves many strategies', () => {
    const memo = createStageMemo();
    for (const round of [0, 1]) {
      for (const v of variants) {
        for (const w of [{ zeroStage: 0 as const }, { zeroStage: 3 as const, recompute: 'selective' as const }]) {
          const s = {
            ...base.scenario,
            parallel: { ...base.scenario.parallel, ...v },
            workload: { ...base.scenario.workload, ...w },
          } as typeof base.scenario;
          const chunks = splitIntoChunks(
            s.model,
            scheduleById(s.parallel.schedule).placement(s.parallel.pp, s.parallel.virtualStages),
          );
          const byDevice = Array.from({ length: s.parallel.pp }, (_, d) => chunksOfDevice(chunks, d));
          const shared = {
            scenario: s,
            microBatchSize: 1,
            seqLen: 4096,
            kvLength: 4096,
            expertTokensFactor: 8 * (1 + round),
          };
          const fast = stageMemories(shared, byDevice, memo);
          const plain = byDevice.map((c, d) => stageMemory({ ...shared, chunks: c, device: d }));
          expect(fast).toEqual(plain);
        }
      }
    }
    expect(memo.shares.size).toBeGreaterThan(1);
  });
});
