/**
 * The evaluator, end to end, against published formulas: Narayanan et al.
 * 2021 eq. 3 (FLOPs) and Korthikanti et al. 2022 Table 2 (activations).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '..';
import { korthikantiBytesPerLayer } from '../memory/activations';
import { narayananFlops } from '../model/flops';

/** A GPT of Narayanan's Table 1 (tied embeddings, f = 4h, no gating). */
function gpt(over: { recompute?: 'none' | 'selective' | 'full'; tp?: number; sp?: boolean; flash?: boolean } = {}) {
  return {
    model: {
      name: 'GPT 18.4B',
      layers: 40,
      hidden: 6144,
      heads: 48,
      kvHeads: 48,
      headDim: 128,
      ffnHidden: 24576,
      vocab: 51200,
      gatedFfn: false,
      tiedEmbeddings: true,
      moe: null,
      statedParams: null,
    },
    hardware: { gpu: 'a100-80gb', count: over.tp ?? 8, gpusPerNode: 8 },
    workload: {
      mode: 'training',
      precision: 'fp16',
      globalBatch: 8,
      seqLen: 2048,
      seqLenRange: null,
      microBatches: 1,
      recompute: over.recompute ?? 'full',
      sequenceParallel: over.sp ?? false,
      flashAttention: over.flash ?? false,
      dropout: true,
      zeroStage: 0,
    },
    parallel: { tp: over.tp ?? 8, pp: 1, dp: 1, ep: 1, schedule: '1f1b' },
  };
}

describe('Narayanan et al. 2021, eq. 3', () => {
  const args = { B: 8, s: 2048, L: 40, h: 6144, V: 51200 };
  it('hardware FLOPs with full recompute: 96·B·s·L·h²·(1 + s/6h + V/16Lh) to 0.1%', () => {
    const e = evaluate(gpt({ recompute: 'full' }));
    expect(Math.abs(e.flops.hardwarePerStep / narayananFlops({ ...args, fullRecompute: true }) - 1)).toBeLessThan(1e-3);
  });
  it('model FLOPs: 72·B·s·L·h²·(1 + s/6h + V/12Lh) to 0.1%', () => {
    const e = evaluate(gpt({ recompute: 'full' }));
    expect(Math.abs(e.flops.modelPerStep / narayananFlops({ ...args, fullRecompute: false }) - 1)).toBeLessThan(1e-3);
    expect(e.mfu).toBeCloseTo(e.modelTflopsPerGpu / 312, 12);
  });
});

describe('Korthikanti et al. 2022, Table 2, through the evaluator', () => {
  // One pipeline stage, one micro-batch in flight: stored activations are
  // L × the per-layer formula, plus the output layer (and, with full
  // recompute, the one layer being rebuilt).
  const s = 2048,
    b = 8,
    h = 6144,
    a = 48,
    L = 40;
  const cases = [
    { name: 'no parallelism', tp: 1, sp: false, recompute: 'none' as const },
    { name: 'TP + SP', tp: 8, sp: true, recompute: 'none' as const },
    { name: 'TP + SP + selective', tp: 8, sp: true, recompute: 'selective' as const },
    { name: 'full recompute', tp: 8, sp: true, recompute: 'full' as const },
  ];
  it.each(cases)('$name', ({ tp, sp, recompute }) => {
    const e = evaluate(gpt({ tp, sp, recompute }));
    const perLayer = korthikantiBytesPerLayer({ s, b, h, a, t: tp, sequenceParallel: sp, recompute });
    const headActs = (2 * 2 * s * b * h) / (sp ? tp : 1) + (4 * s * b * 51200) / tp;
    const working =
      recompute === 'full'
        ? korthikantiBytesPerLayer({ s, b, h, a, t: tp, sequenceParallel: sp, recompute: 'none' })
        : 0;
    expect(e.memory.breakdown.activations).toBe(L * perLayer + headActs + working);
  });
});
