/** What an MoE layer runs beyond its expert GEMMs (cost-model.md §9), and the host side of a layer. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/defaults';
import type { ModelSpec } from '../scenario/types';
import { modelPreset } from '../catalog/models';
import { deviceOf } from './device';
import {
  DROPLESS_SYNC_SECONDS,
  GRAPHED_SECONDS_PER_KERNEL,
  HOST_SECONDS_PER_KERNEL,
  HOST_SECONDS_PER_LAUNCH,
  exposedHostSeconds,
  hostOf,
  hostSeconds,
} from './host';
import { forwardKernels, layerTiming, type LayerShapeContext } from './layerTime';
import { expertActivationTiming, permuteTiming, routedExpertsTiming, routerTiming, type MoeShape } from './moeLayer';
import { GEMM_TILE } from './roofline';

const device = deviceOf(
  {
    ...DEFAULT_SCENARIO.hardware,
    gpu: 'h100-sxm',
    peakTflops: 989,
    computeEfficiency: 0.62,
    memoryBandwidthTBps: 3.35,
  },
  'bf16',
);
const qwen: ModelSpec = { preset: null, ...modelPreset('qwen3-30b-a3b')!.spec };
const moe = qwen.moe!;

function shape(extra: Partial<MoeShape> = {}): MoeShape {
  return {
    model: qwen,
    moe,
    ownTokens: 4096,
    assignments: 4096 * 8,
    activeExperts: 16,
    localExperts: 16,
    etp: 1,
    epSize: 8,
    device,
    ...extra,
  };
}

describe('MoE layer parts', () => {
  it('router: a 16-bit GEMM of T×h by h×E plus about 16 bytes per fp32 logit for softmax, top-k and the balancing loss', () => {
    const r = routerTiming(shape());
    expect(r.flops).toBe(2 * 4096 * qwen.hidden * moe.experts);
    const gemmBytes = 2 * (4096 * qwen.hidden + qwen.hidden * moe.experts + 4096 * moe.experts);
    expect(r.bytes).toBe(gemmBytes + 16 * 4096 * moe.experts);
  });

  it('permute and unpermute: each routed copy read and written at hidden size by the sender, and sorted by expert by the receiver', () => {
    const p = permuteTiming(shape());
    const copies = 4096 * 8;
    expect(p.bytes).toBe(2 * 2 * 2 * copies * qwen.hidden + 2 * 2 * 2 * copies * qwen.hidden);
    // One expert per GPU (or no EP): no receiver-side sort.
    expect(permuteTiming(shape({ localExperts: 1 })).bytes).toBe(2 * 2 * 2 * copies * qwen.hidden);
    expect(p.bound).toBe('memory');
    // DeepEP/HybridEP gather and sum the copies inside their kernels: only the receiver's sort is left.
    expect(permuteTiming(shape({ fusedDispatch: true })).bytes).toBe(2 * 2 * 2 * copies * qwen.hidden);
  });

  it('gated activation over k × expert hidden: SwiGLU reads gate and up and writes one', () => {
    expect(expertActivationTiming(shape()).bytes).toBe(2 * 4096 * 8 * moe.expertHidden * 3);
  });

  it('grouped GEMM: rows are padded to the tile per expert, so spreading the same tokens over more experts costs more', () => {
    // 16 experts × 130 tokens: each pads to 256 rows; 8 experts × 260 tokens pad to 384 (less waste).
    const few = routedExpertsTiming(shape({ assignments: 16 * 130, activeExperts: 16 }));
    const many = routedExpertsTiming(shape({ assignments: 16 * 130, activeExperts: 8 }));
    expect(few.flops).toBe(many.flops);
    expect(few.seconds).toBeGreaterThan(many.seconds);
    expect(GEMM_TILE).toBe(128);
  });
});

describe('host side of a layer', () => {
  it('the GPU waits only for host time beyond its own, plus each sync', () => {
    const host = hostOf(false);
    const k = { graphable: 20, eager: 40, launches: 32, launchesGraphable: false };
    const eager = 60 * HOST_SECONDS_PER_KERNEL + 32 * HOST_SECONDS_PER_LAUNCH;
    expect(hostSeconds(k, host)).toBeCloseTo(eager, 15);
    expect(exposedHostSeconds(1, k, host, 0)).toBe(0);
    expect(exposedHostSeconds(0, k, host, 1)).toBeCloseTo(eager + DROPLESS_SYNC_SECONDS, 15);
    // CUDA graphs replay the graphable operations for about 1 µs each; the eager ones keep their cost.
    expect(hostSeconds(k, hostOf(true))).toBeCloseTo(
      20 * GRAPHED_SECONDS_PER_KERNEL + 40 * HOST_SECONDS_PER_KERNEL + 32 * HOST_SECONDS_PER_LAUNCH,
      15,
    );
    // With token drop the per-expert GEMMs are captured too.
    expect(hostSeconds({ ...k, eager: 0, launchesGraphable: true }, hostOf(true))).toBeCloseTo(
      52 * GRAPHED_SECONDS_PER_KERNEL,
      15,
    );
  });

  const layer = (dropless: boolean, cudaGraphs: boolean, tokens = 4096): LayerShapeContext => ({
    model: qwen,
    tokens,
    context: tokens,
    microBatch: 1,
    tp: 1,
    etp: 1,
    sequenceParallel: false,
    flashAttention: true,
    training: true,
    expertAssignments: tokens * 8,
    expertsPerGpu: 16,
    activeExpertsPerGpu: 16,
    epSize: 8,
    dropless,
    device: deviceOf(
      {
        ...DEFAULT_SCENARIO.hardware,
        gpu: 'h100-sxm',
        peakTflops: 989,
        computeEfficiency: 0.62,
        memoryBandwidthTBps: 3.35,
      },
      'bf16',
      { fp8Attention: false, cudaGraphs },
    ),
  });

  it('dropless routing keeps the dispatch, per-expert GEMM launches and combine out of a CUDA graph; token drop graphs the whole layer', () => {
    const dropless = forwardKernels(layer(true, true), true);
    const drop = forwardKernels(layer(false, true), true);
    expect(dropless.launches).toBe(2 * 16); // one GEMM per local expert, for fc1 and fc2
    expect(dropless.launchesGraphable).toBe(false);
    expect(drop.eager).toBe(0);
    expect(drop.launchesGraphable).toBe(true);
    expect(drop.graphable).toBe(dropless.graphable + dropless.eager);
  });

  it('a small dropless MoE layer is launch-bound: its forward takes the host time, which CUDA graphs with token drop remove', () => {
    const small = layerTiming(layer(true, false, 512), true, 'none');
    const graphed = layerTiming(layer(false, true, 512), true, 'none');
    expect(small.forward.host.seconds).toBeGreaterThan(0.3 * small.forwardSeconds);
    expect(small.forward.host.bound).toBe('latency');
    expect(graphed.forward.host.seconds).toBe(0);
    // A large micro-batch keeps the GPU busier than the host: the sync shows, and after it the GPU waits
    // for the first operation the CPU issues (the CPU lost its lead): one post-sync operation's mean host time.
    const large = layerTiming(layer(true, false, 65536), true, 'none');
    const k = forwardKernels(layer(true, false, 65536), true);
    const firstAfterSync =
      (k.eager * HOST_SECONDS_PER_KERNEL + k.launches * HOST_SECONDS_PER_LAUNCH) / (k.eager + k.launches);
    expect(large.forward.host.seconds).toBeCloseTo(DROPLESS_SYNC_SECONDS + firstAfterSync, 12);
  });
});
