import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../scenario/types';
import { denseGpt, loadFixtureModels, toModelSpec } from '../../../test/models';
import { readFixture } from '../../calibration/fixtures';
import {
  attentionCoreFlopsPerToken,
  decodeFlopsPerToken,
  forwardFlopsPerToken,
  layerForwardFlops,
  narayananFlops,
  stepFlops,
} from './flops';
import { layerCounts } from './layers';
import { countParams } from './params';

const relErr = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);
const byName = (name: string) => toModelSpec(loadFixtureModels().find((m) => m.name === name)!);

interface MegatronRow {
  id: string;
  model: { layers: number; hidden: number; heads: number; vocab: number; ffnHidden: number };
  seqLen: number;
  globalBatch: number;
}
const megatronRows = readFixture<{ rows: MegatronRow[] }>('measured-training.json').rows.filter((r) =>
  r.id.startsWith('megatron-t1'),
);

describe('Narayanan et al. 2021, eq. 3 (dense GPT)', () => {
  const cases: [string, ModelSpec, number, number][] = [
    ['GPT-3 175B', denseGpt(96, 12288, 96, 51200), 1536, 2048],
    ...megatronRows.map((r): [string, ModelSpec, number, number] => [
      r.id,
      denseGpt(r.model.layers, r.model.hidden, r.model.heads, r.model.vocab),
      r.globalBatch,
      r.seqLen,
    ]),
    ['short context', denseGpt(12, 768, 12, 50257), 8, 128],
    ['long context', denseGpt(32, 4096, 32, 32000), 4, 32768],
  ];

  it('the fixture rows are the GPT shape eq. 3 assumes (f = 4h)', () => {
    expect(megatronRows.length).toBe(10);
    for (const r of megatronRows) expect(r.model.ffnHidden).toBe(4 * r.model.hidden);
  });

  it.each(cases)('%s: full recompute, 96·B·s·L·h²·(1 + s/6h + V/16Lh) = hardware FLOPs', (_, m, B, s) => {
    const f = stepFlops(m, { tokens: B * s, seqLen: s, mode: 'training', recompute: 'full' });
    const ref = narayananFlops({ B, s, L: m.layers, h: m.hidden, V: m.vocab, fullRecompute: true });
    expect(relErr(f.hardware, ref)).toBeLessThan(1e-3);
    expect(relErr(f.hardware, ref)).toBeLessThan(1e-12); // exact, in fact
  });

  it.each(cases)('%s: no recompute, 72·B·s·L·h²·(1 + s/6h + V/12Lh) = model FLOPs', (_, m, B, s) => {
    const f = stepFlops(m, { tokens: B * s, seqLen: s, mode: 'training', recompute: 'none' });
    const ref = narayananFlops({ B, s, L: m.layers, h: m.hidden, V: m.vocab, fullRecompute: false });
    expect(relErr(f.model, ref)).toBeLessThan(1e-12);
    expect(f.hardware).toBe(f.model);
  });

  it('tied or untied embeddings do not change FLOPs (the logit GEMM runs either way)', () => {
    const m = denseGpt(24, 2304, 24, 51200);
    const a = stepFlops(m, { tokens: 4096, seqLen: 2048, mode: 'training', recompute: 'full' });
    const b = stepFlops(
      { ...m, tiedEmbeddings: false },
      { tokens: 4096, seqLen: 2048, mode: 'training', recompute: 'full' },
    );
    expect(b).toEqual(a);
  });
});

/**
 * Megatron-LM megatron/training/training.py num_floating_point_operations
 * (transformer_flops, no MTP), transcribed as a reference.
 */
function megatronNumFlops(m: ModelSpec, batch: number, s: number): number {
  const L = m.layers;
  const h = m.hidden;
  const { moe: numMoe, dense: numDense } = layerCounts(m, 0, L);
  const k = m.moe?.topK ?? 0;
  const fe = m.moe?.expertHidden ?? 0;
  const shared = m.moe ? m.moe.sharedExperts * m.moe.sharedExpertHidden : 0;
  const glu = m.gatedFfn ? 3 / 2 : 1;
  const ef = 3 * 2 * 2;
  let attn: number;
  if (m.mla) {
    const a = m.heads;
    const { qLoraRank: ql, kvLoraRank: kvl, qkNopeHeadDim: nope, qkRopeHeadDim: rope, vHeadDim: v } = m.mla;
    const q = ql === 0 ? h * a * (nope + rope) : ql * (h + a * (nope + rope) + 1);
    attn =
      3 *
      2 *
      L *
      (q + kvl * (h + a * (nope + v) + 1) + h * rope + a * v * h + (s * a * (nope + rope)) / 2 + (s * a * v) / 2);
  } else {
    const ratio = (m.headDim * m.heads) / h;
    attn = ef * L * h * h * ((1 + m.kvHeads / m.heads + s / h / 2) * ratio);
  }
  const mlp =
    ef * L * h * ((m.ffnHidden * glu * numDense) / L + (fe * k * glu * numMoe) / L + (shared * glu * numMoe) / L);
  return batch * s * (mlp + attn + 3 * 2 * h * m.vocab);
}

describe("modelCausal is Megatron-Core's num_floating_point_operations", () => {
  const models = [
    'Mixtral 8x7B',
    'Mixtral 8x22B',
    'Qwen3-30B-A3B',
    'gpt-oss-120b',
    'DeepSeek-V3',
    'GPT-3 175B (dense)',
  ];
  it.each(models)('%s', (name) => {
    const m = byName(name);
    const f = stepFlops(m, { tokens: 256 * 4096, seqLen: 4096, mode: 'training', recompute: 'selective' });
    expect(relErr(f.modelCausal, megatronNumFlops(m, 256, 4096))).toBeLessThan(1e-12);
  });
});

describe('stepFlops', () => {
  const mixtral = byName('Mixtral 8x7B');
  const s = 4096;
  const tokens = 8 * s;

  it('training is 3 × forward; inference 1 × forward', () => {
    const fwd = forwardFlopsPerToken(mixtral, s, { causal: false, includeRouter: true });
    const train = stepFlops(mixtral, { tokens, seqLen: s, mode: 'training', recompute: 'none' });
    const infer = stepFlops(mixtral, { tokens, seqLen: s, mode: 'inference', recompute: 'full' });
    expect(train.model).toBe(3 * tokens * fwd);
    expect(infer.model).toBe(tokens * fwd);
    expect(infer.hardware).toBe(infer.model);
  });

  it('the causal count halves the core and drops the router', () => {
    const f = stepFlops(mixtral, { tokens, seqLen: s, mode: 'training', recompute: 'none' });
    const core = mixtral.layers * attentionCoreFlopsPerToken(mixtral, s);
    const router = mixtral.layers * 2 * mixtral.hidden * mixtral.moe!.experts;
    expect(relErr(f.model - f.modelCausal, 3 * tokens * (core / 2 + router))).toBeLessThan(1e-12);
  });

  it('selective recompute adds one forward of the attention core; full one forward of the layers', () => {
    const none = stepFlops(mixtral, { tokens, seqLen: s, mode: 'training', recompute: 'none' });
    const sel = stepFlops(mixtral, { tokens, seqLen: s, mode: 'training', recompute: 'selective' });
    const full = stepFlops(mixtral, { tokens, seqLen: s, mode: 'training', recompute: 'full' });
    expect(sel.model).toBe(none.model);
    expect(full.model).toBe(none.model);
    expect(relErr(sel.hardware - none.hardware, tokens * 32 * 4 * s * 32 * 128)).toBeLessThan(1e-12);
    const layersFwd =
      forwardFlopsPerToken(mixtral, s, { causal: false, includeRouter: true }) - 2 * mixtral.vocab * mixtral.hidden;
    expect(relErr(full.hardware - none.hardware, tokens * layersFwd)).toBeLessThan(1e-12);
  });

  it('forward linear FLOPs are 2 × the active parameters used as matmuls (the 6N rule with the core on top)', () => {
    for (const name of ['Mixtral 8x7B', 'Qwen3-30B-A3B', 'DeepSeek-V3', 'gpt-oss-120b']) {
      const m = byName(name);
      const c = countParams(m);
      const matmulParams = c.activeConventions.withOutputEmbeddingOnly - c.breakdown.norms;
      let core = 0;
      for (let l = 0; l < m.layers; l++)
        core += layerForwardFlops(m, l, s, { causal: false, includeRouter: true }).attentionCore;
      const fwd = forwardFlopsPerToken(m, s, { causal: false, includeRouter: true });
      // MLA's norm vectors sit in attention params and Megatron counts them as FMAs too.
      expect(relErr(fwd, 2 * matmulParams + core)).toBeLessThan(1e-12);
    }
  });

  it('MLA core: 2·s·a·(nope+rope) + 2·s·a·v', () => {
    const ds = byName('DeepSeek-V3');
    expect(attentionCoreFlopsPerToken(ds, 1000)).toBe(2 * 1000 * 128 * 192 + 2 * 1000 * 128 * 128);
  });
});

describe('decodeFlopsPerToken', () => {
  it('dense GPT: 2 × matmul params + 4·ctx·h per layer', () => {
    const m = denseGpt(24, 2048, 16, 50000);
    const c = countParams(m);
    const ctx = 3000;
    expect(decodeFlopsPerToken(m, ctx)).toBe(2 * (c.total - c.breakdown.norms) + m.layers * 4 * ctx * m.hidden);
  });

  it('grows linearly with the context', () => {
    const m = byName('Qwen3-30B-A3B');
    const d1 = decodeFlopsPerToken(m, 1000);
    const d2 = decodeFlopsPerToken(m, 2000);
    const d3 = decodeFlopsPerToken(m, 3000);
    expect(relErr(d3 - d2, d2 - d1)).toBeLessThan(1e-12);
    expect(d2 - d1).toBe(48 * 4 * 1000 * 32 * 128);
  });

  it('MLA: the core in the absorbed form the decode time runs, 2·ctx·a·(2·kv_lora_rank + rope) per layer', () => {
    // The probe's MFU of 201%: the non-absorbed count grows with qk_nope_head_dim,
    // which the absorbed decode never touches.
    const ds = byName('DeepSeek-V3');
    const perKTokens = decodeFlopsPerToken(ds, 2000) - decodeFlopsPerToken(ds, 1000);
    expect(perKTokens).toBe(61 * 2 * 1000 * 128 * (2 * 512 + 64));
    const wideNope = { ...ds, mla: { ...ds.mla!, qkNopeHeadDim: 100_000 } };
    expect(decodeFlopsPerToken(wideNope, 2000) - decodeFlopsPerToken(wideNope, 1000)).toBe(perKTokens);
  });
});
