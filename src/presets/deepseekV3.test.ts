/**
 * DeepSeek-V3's published layout (report, arXiv 2412.19437, 3.2): 2,048 H800s
 * of 80 GB, PP 16 DualPipe, EP 64, DP 128 ZeRO-1, FP8, micro-batch 1 of 4,096
 * tokens. The real run fitted with the report's memory savings (3.2.3, 3.3.3).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, GPU_MEMORY_GB_BYTES } from '../core';
import { scenarioPreset } from './scenarios';

const published = scenarioPreset('deepseek-v3-2048')!.scenario as {
  workload: Record<string, unknown>;
  [k: string]: unknown;
};
const withWorkload = (w: Record<string, unknown>) =>
  evaluate({ ...published, workload: { ...published.workload, ...w } });
const GB = GPU_MEMORY_GB_BYTES;

describe("DeepSeek-V3's published layout and memory savings", () => {
  const e = evaluate(published);
  const peak = e.memory.perStage[e.memory.peakStage];

  // Measured on this tree: peak on device 0 (stages 0 and 15, with the embedding and the output head):
  // weights 9.76 + gradients 19.52 + optimizer 2.89 + activations 31.30 + reserve 2 = 65.5 GB;
  // a middle device (8 layers): 6.10 + 12.19 + 5.36 + 38.13 + 2 = 63.8 GB.
  it('fits in 80 GB: peak 65.5 GB (weights 9.8, gradients 19.5, optimizer 2.9, activations 31.3, reserve 2)', () => {
    expect(e.memory.capacityBytes).toBe(80 * GB);
    expect(e.memory.peakBytes).toBeLessThanOrEqual(80 * GB);
    expect(e.memory.peakBytes / GB).toBeCloseTo(65.5, 1);
    const parts = peak.breakdown;
    expect(parts.weights + parts.gradients + parts.optimizer + parts.activations + parts.kvCache + parts.buffers).toBe(
      e.memory.peakBytes,
    );
    expect(e.feasible).toBe(true);
  });

  it('without the savings it does not fit (108.6 GB, as issue 14 found); each saving is needed', () => {
    const none = withWorkload({
      fp8ActivationCache: false,
      recomputeNormsAndUpProjections: false,
      routingWeightInExpert: false,
      bf16OptimizerMoments: false,
    });
    expect(none.memory.peakBytes / GB).toBeCloseTo(108.6, 1);
    // Keeping the expert outputs alone breaks the fit: they are 2 bytes × 8 routed copies × h per token.
    expect(withWorkload({ routingWeightInExpert: false }).memory.peakBytes).toBeGreaterThan(80 * GB);
  });

  it('every saving is named in the assumptions', () => {
    const text = e.assumptions.join('\n');
    expect(text).toMatch(/Norms recomputed/);
    expect(text).toMatch(/Routing weight inside the expert/);
    expect(text).toMatch(/BF16 optimizer moments/);
    expect(text).toMatch(/exponential moving average/);
  });
});
