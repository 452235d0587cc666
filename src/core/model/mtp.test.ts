/**
 * DeepSeek-V3's multi-token-prediction module (report, arXiv 2412.19437, 2.2)
 * and the recompute FLOPs of its memory savings (3.2.3), counted by hand from
 * the published shapes: h 7168, 128 heads, q_lora 1536, kv_lora 512, nope 128,
 * rope 64, v 128, 256 experts of 2048 (top 8) plus one shared, V 129,280.
 */
import { describe, expect, it } from 'vitest';
import { modelPreset } from '../catalog/models';
import { mlaUpProjectionFlopsPerToken, mtpForwardFlopsPerToken, stepFlops } from './flops';
import { mtpDepth, mtpModuleParams, mtpParams } from './mtp';
import { countParams } from './params';

const v3 = modelPreset('deepseek-v3')!.spec as Parameters<typeof mtpParams>[0];
const noMtp = { ...v3, mtpDepth: 0 };
const h = 7168;
const V = 129280;
// MLA: q_a + its norm, q_b, kv_a (latent + rope key), its norm, kv_b, output.
const ATTENTION = h * 1536 + 1536 + 1536 * 128 * 192 + h * 576 + 512 + 512 * 128 * 256 + 128 * 128 * h;
const EXPERT = 3 * h * 2048;
const ROUTER = 256 * h;

describe('DeepSeek-V3 multi-token prediction: parameters', () => {
  it('the preset trains one module (D = 1); a model that says nothing trains none', () => {
    expect(mtpDepth(v3)).toBe(1);
    expect(mtpDepth({ ...v3, mtpDepth: undefined })).toBe(0);
  });

  it('one module: an MoE block, the 2h×h projection and two norms = 11.61B of its own', () => {
    const own = ATTENTION + 2 * h + 256 * EXPERT + EXPERT + ROUTER + 2 * h * h + 2 * h;
    expect(own).toBe(11_610_060_800);
    expect(mtpModuleParams(v3).total).toBe(own);
    expect(mtpParams(v3)).toBe(own);
    expect(mtpParams(noMtp)).toBe(0);
  });

  it('the total stays the published 671B; with the module and the copies of embedding and head the checkpoint stores, 685B', () => {
    const main = countParams(v3).total;
    expect(main / 1e9).toBeCloseTo(671.0, 0);
    expect(countParams(noMtp).total).toBe(main);
    // The released checkpoint: "685B ... 671B of the Main Model weights and 14B of the MTP Module weights"
    // (its files hold about 684.5B; this count gives 684.46B).
    expect((main + mtpParams(v3) + 2 * V * h) / 1e9).toBeCloseTo(684.5, 0);
  });
});

describe('DeepSeek-V3 multi-token prediction: FLOPs', () => {
  const s = 4096;
  // Block: 2 × (attention + 9 experts' GEMMs + router) + the full s×s MLA core 2·s·a·(192 + 128).
  const block = 2 * (ATTENTION + 9 * EXPERT + ROUTER) + 2 * s * 128 * (192 + 128);
  const perToken = block + 2 * 2 * h * h + 2 * V * h;

  it('per token: block + projection 2·2h·h + the shared head again 2·V·h (3.57 GFLOP)', () => {
    expect(mtpForwardFlopsPerToken(v3, s, { causal: false, includeRouter: true })).toBe(perToken);
    expect(perToken / 1e9).toBeCloseTo(3.57, 2);
    expect(mtpForwardFlopsPerToken(noMtp, s, { causal: false, includeRouter: true })).toBe(0);
  });

  it('training charges it 3× (forward and backward) per token; serving, which drops the module, not at all', () => {
    const tokens = 1000;
    const train = (m: typeof v3) => stepFlops(m, { tokens, seqLen: s, mode: 'training', recompute: 'none' });
    expect(train(v3).model - train(noMtp).model).toBeCloseTo(3 * tokens * perToken, -3);
    expect(train(v3).hardware).toBe(train(v3).model);
    const serve = (m: typeof v3) => stepFlops(m, { tokens, seqLen: s, mode: 'inference', recompute: 'none' });
    expect(serve(v3).model).toBe(serve(noMtp).model);
  });
});

describe('Recompute FLOPs of MLA up-projections (DeepSeek-V3 report 3.2.3)', () => {
  const s = 4096;
  const tokens = 1000;
  // q_b 1536 → 128·192 and kv_b 512 → 128·(128 + 128), 2 FLOPs per multiply-add.
  const UP = 2 * (1536 * 128 * 192 + 512 * 128 * 256);
  const hw = (recompute: 'none' | 'selective' | 'full', norms = false) =>
    stepFlops(noMtp, { tokens, seqLen: s, mode: 'training', recompute, recomputeNormsAndUpProjections: norms });

  it('one layer: 109.1 MFLOP per token', () => {
    expect(mlaUpProjectionFlopsPerToken(v3)).toBe(UP);
    expect(UP).toBe(109_051_904);
  });

  it('recomputing norms and up-projections adds the up-projections of all 61 layers (norms are not GEMMs)', () => {
    expect(hw('none', true).hardware - hw('none').hardware).toBeCloseTo(tokens * 61 * UP, -3);
    expect(hw('none', true).model).toBe(hw('none').model);
  });

  it('selective recompute: the full attention core plus the up-projections, not charged twice with the option', () => {
    const core = 2 * s * 128 * (192 + 128);
    expect(hw('selective').hardware - hw('none').hardware).toBeCloseTo(tokens * 61 * (core + UP), -3);
    expect(hw('selective', true).hardware).toBe(hw('selective').hardware);
    expect(hw('full', true).hardware).toBe(hw('full').hardware);
  });

  it('the MTP block is recomputed like a main layer', () => {
    const withMtp = (recompute: 'none' | 'selective') =>
      stepFlops(v3, { tokens, seqLen: s, mode: 'training', recompute }).hardware;
    const core = 2 * s * 128 * (192 + 128);
    expect(withMtp('selective') - withMtp('none')).toBeCloseTo(tokens * 62 * (core + UP), -3);
  });
});
