/** Precision per operation (cost-model.md §9): FP8 speeds the linear and expert GEMMs only. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../scenario/defaults';
import type { ModelSpec } from '../scenario/types';
import { modelPreset } from '../catalog/models';
import { deviceOf } from './device';
import { FP8_QUANTIZE_BYTES_TRAINING, layerTiming, type LayerShapeContext } from './layerTime';
import { GENERATION_EFFICIENCY } from '../catalog/efficiency';

const hw = (precision: 'bf16' | 'fp8') => ({
  ...DEFAULT_SCENARIO.hardware,
  gpu: 'h100-sxm',
  peakTflops: precision === 'fp8' ? 1979 : 989,
  computeEfficiency: 0.62,
  memoryBandwidthTBps: 3.35,
  memoryBandwidthEfficiency: 0.8,
});
const hopper = GENERATION_EFFICIENCY.hopper;
const qwen: ModelSpec = { preset: null, ...modelPreset('qwen3-30b-a3b')!.spec };

function ctx(
  precision: 'bf16' | 'fp8',
  extra: Partial<LayerShapeContext> = {},
  fp8Attention = false,
): LayerShapeContext {
  return {
    model: qwen,
    tokens: 4096,
    context: 4096,
    microBatch: 1,
    tp: 1,
    etp: 1,
    sequenceParallel: false,
    flashAttention: true,
    training: true,
    expertAssignments: 4096 * 8,
    expertsPerGpu: 16,
    activeExpertsPerGpu: 16,
    epSize: 8,
    dropless: false,
    device: deviceOf(hw(precision), precision, { fp8Attention, cudaGraphs: true }),
    ...extra,
  };
}

describe('precision per operation', () => {
  it('FP8 GEMMs run on the FP8 peak at the FP8 share; the router and attention stay 16-bit', () => {
    const d = deviceOf(hw('fp8'), 'fp8');
    expect(d.gemm.peakFlops).toBe(1979e12);
    expect(d.gemm.efficiency).toBeCloseTo(0.62 * hopper.fp8Share, 12);
    // The 16-bit peak is the FP8 peak scaled by the preset's ratio (989 / 1979 on H100).
    expect(d.gemm16.peakFlops / 1e12).toBeCloseTo(989, 9);
    expect(d.attention.peakFlops).toBe(d.gemm16.peakFlops);
    expect(d.attention.efficiency).toBeCloseTo(0.62 * hopper.attentionShare, 12);
    // Activations move in 16-bit whatever the GEMM precision.
    expect(d.bytesPerElement).toBe(2);
  });

  it('FP8 attention runs the attention core on the FP8 peak', () => {
    const d = deviceOf(hw('fp8'), 'fp8', { fp8Attention: true, cudaGraphs: false });
    expect(d.attention.peakFlops).toBe(1979e12);
  });

  it('FP8 speeds up the GEMM parts, leaves the attention core and the 16-bit memory-bound parts as they were', () => {
    const bf = layerTiming(ctx('bf16'), true, 'none').forward;
    const f8 = layerTiming(ctx('fp8'), true, 'none').forward;
    expect(f8.routedExperts.seconds).toBeLessThan(0.75 * bf.routedExperts.seconds);
    expect(f8.attentionProjections.seconds).toBeLessThan(0.8 * bf.attentionProjections.seconds);
    expect(f8.attentionCore.seconds).toBeCloseTo(bf.attentionCore.seconds, 12);
    expect(f8.router.seconds).toBeCloseTo(bf.router.seconds, 12);
    expect(f8.permute.seconds).toBeCloseTo(bf.permute.seconds, 12);
    expect(f8.expertActivation.seconds).toBeCloseTo(bf.expertActivation.seconds, 12);
    expect(bf.fp8Quantize.seconds).toBe(0);
  });

  it('FP8 adds quantize passes: 4 bytes per GEMM input element in training (read 16-bit, write FP8 and its transpose)', () => {
    const c = ctx('fp8');
    const q = layerTiming(c, true, 'none').forward.fp8Quantize;
    const h = qwen.hidden;
    const attentionInputs = 4096 * (h + qwen.heads * qwen.headDim);
    const expertInputs = 4096 * 8 * (h + qwen.moe!.expertHidden);
    expect(q.bytes).toBe(FP8_QUANTIZE_BYTES_TRAINING * (attentionInputs + expertInputs));
    expect(q.bound).toBe('memory');
  });

  it('a whole fine-grained MoE layer gains little from FP8 (published 1.0–1.15× for MoE training)', () => {
    const t = (p: 'bf16' | 'fp8') => {
      const l = layerTiming(ctx(p), true, 'none');
      return l.forwardSeconds + l.backwardInputSeconds + l.backwardWeightSeconds;
    };
    const gain = t('bf16') / t('fp8');
    expect(gain).toBeGreaterThan(1);
    expect(gain).toBeLessThan(1.4);
  });
});
