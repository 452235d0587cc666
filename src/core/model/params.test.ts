import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../scenario/types';
import { denseGpt, loadFixtureModels, toModelSpec, type FixtureModel } from '../../../test/models';
import {
  attentionParams,
  countParams,
  expertParams,
  layerParams,
  sumLayerParams,
  type ModelParamCounts,
} from './params';

type Convention = keyof ModelParamCounts['activeConventions'];

/** Maps a fixture's activeCounts text to the convention it names. */
function conventionOf(text: string | undefined): Convention {
  if (text === undefined) return 'withInputAndOutputEmbeddings';
  if (/output embedding only/i.test(text)) return 'withOutputEmbeddingOnly';
  if (/without (the )?embeddings|no embeddings/i.test(text)) return 'withoutEmbeddings';
  // "input and output embeddings", "all", DeepSeek's "main model without the MTP module".
  return 'withInputAndOutputEmbeddings';
}

const fixtures = loadFixtureModels();
const published = fixtures.filter((m) => !m.name.startsWith('Seed'));
const seed = toModelSpec(fixtures.find((m) => m.name.startsWith('Seed'))!);
const relErr = (x: number, ref: number) => Math.abs(x - ref) / ref;

describe('countParams against published models', () => {
  it.each(published.map((m): [string, FixtureModel] => [m.name, m]))('%s: total within 1%%', (_, m) => {
    expect(relErr(countParams(toModelSpec(m)).total, m.published.total)).toBeLessThan(0.01);
  });

  it.each(published.map((m): [string, FixtureModel] => [m.name, m]))(
    '%s: active within 2%% in the publisher convention',
    (_, m) => {
      const c = countParams(toModelSpec(m));
      expect(relErr(c.activeConventions[conventionOf(m.published.activeCounts)], m.published.active!)).toBeLessThan(
        0.02,
      );
    },
  );

  it('pins the exact counts', () => {
    const exact = Object.fromEntries(published.map((m) => [m.name, countParams(toModelSpec(m))]));
    expect(exact['Mixtral 8x7B'].total).toBe(46_702_792_704);
    expect(exact['Mixtral 8x7B'].active).toBe(12_879_925_248);
    expect(exact['Qwen3-30B-A3B'].total).toBe(30_532_110_336);
    expect(exact['gpt-oss-120b'].activeConventions.withOutputEmbeddingOnly).toBe(5_131_310_400);
    expect(exact['DeepSeek-V3'].total).toBe(671_026_404_352);
    expect(exact['GPT-3 175B (dense)'].active).toBe(exact['GPT-3 175B (dense)'].total);
  });

  it('the seed (64 experts, vocab 32000 assumed) computes to 4.43B, not the 30B it states', () => {
    const c = countParams(seed);
    // 16 × (4h² + 64·2·h·2048 + h·64 + 2h) + 2·32000·h + h with h = 1024
    expect(c.total).toBe(4_428_694_528);
    expect(c.activeConventions.withInputAndOutputEmbeddings).toBe(200_836_096);
    expect(c.breakdown.routedExperts).toBe(16 * 64 * 2 * 1024 * 2048);
  });
});

describe('parameter formulas', () => {
  it('attention is h·d_h·(2a + 2a_kv) (Mixtral: 4096·128·(64+16))', () => {
    const mixtral = toModelSpec(fixtures.find((m) => m.name === 'Mixtral 8x7B')!);
    expect(attentionParams(mixtral)).toBe(4096 * 128 * 80);
  });

  it('MLA attention matches DeepSeek-V3 config shapes and Megatron theoretical_memory_usage.py', () => {
    const ds = toModelSpec(fixtures.find((m) => m.name === 'DeepSeek-V3')!);
    const h = 7168;
    // q_a_proj, q_a_layernorm, q_b_proj, kv_a_proj_with_mqa, kv_a_layernorm, kv_b_proj, o_proj
    const hf = h * 1536 + 1536 + 1536 * 128 * 192 + h * (512 + 64) + 512 + 512 * 128 * (128 + 128) + 128 * 128 * h;
    // Megatron: q_lora·(h + a·(nope+rope) + 1) + kv_lora·(h + a·(nope+v) + 1) + h·rope + a·v·h
    const megatron = 1536 * (h + 128 * 192 + 1) + 512 * (h + 128 * 256 + 1) + h * 64 + 128 * 128 * h;
    expect(attentionParams(ds)).toBe(hf);
    expect(attentionParams(ds)).toBe(megatron);
    const lite = { ...ds, mla: { ...ds.mla!, qLoraRank: 0 } };
    expect(attentionParams(lite)).toBe(h * 128 * 192 + h * (512 + 64) + 512 + 512 * 128 * 256 + 128 * 128 * h);
  });

  it('layerParams: dense layers have no experts, MoE layers no dense FFN', () => {
    const ds = toModelSpec(fixtures.find((m) => m.name === 'DeepSeek-V3')!);
    expect(layerParams(ds, 0)).toMatchObject({
      routedExperts: 0,
      sharedExperts: 0,
      router: 0,
      denseFfn: 3 * 7168 * 18432,
    });
    expect(layerParams(ds, 3)).toMatchObject({
      denseFfn: 0,
      routedExperts: 256 * 3 * 7168 * 2048,
      sharedExperts: 3 * 7168 * 2048,
      router: 7168 * 256,
    });
  });
});

describe('invariants', () => {
  const all: ModelSpec[] = [
    ...fixtures.map(toModelSpec),
    denseGpt(24, 2304, 24, 51200),
    { ...denseGpt(4, 512, 8, 1000), tiedEmbeddings: false },
  ];

  it.each(all.map((m): [string, ModelSpec] => [m.name, m]))('%s: active ≤ total, breakdown sums to total', (_, m) => {
    const c = countParams(m);
    const sum = Object.values(c.breakdown).reduce((a, b) => a + b, 0);
    expect(sum).toBe(c.total);
    expect(c.active).toBeLessThanOrEqual(c.total);
    expect(c.activeConventions.withoutEmbeddings).toBeLessThanOrEqual(c.activeConventions.withOutputEmbeddingOnly);
    expect(c.activeConventions.withOutputEmbeddingOnly).toBeLessThanOrEqual(
      c.activeConventions.withInputAndOutputEmbeddings,
    );
    let layers = 0;
    for (let l = 0; l < m.layers; l++) layers += sumLayerParams(layerParams(m, l));
    expect(layers + c.breakdown.embedding + c.breakdown.outputHead + m.hidden).toBe(c.total);
  });

  it('dense models: active equals total; tied embeddings count once', () => {
    const tied = denseGpt(4, 512, 8, 1000);
    const c = countParams(tied);
    expect(c.active).toBe(c.total);
    expect(c.breakdown.outputHead).toBe(0);
    expect(c.activeConventions.withOutputEmbeddingOnly).toBe(c.total);
    expect(countParams({ ...tied, tiedEmbeddings: false }).total - c.total).toBe(1000 * 512);
  });

  it('MoE total grows linearly with the number of experts; active does not', () => {
    const totals = [8, 16, 32, 64].map((E) => countParams({ ...seed, moe: { ...seed.moe!, experts: E } }));
    const perExpert = seed.layers * (expertParams(seed) + seed.hidden); // expert + router column, every layer
    for (let i = 1; i < totals.length; i++) {
      const dE = [8, 16, 32, 64][i] - [8, 16, 32, 64][i - 1];
      expect(totals[i].total - totals[i - 1].total).toBe(dE * perExpert);
    }
    const activeWithoutRouter = totals.map((c) => c.active - c.breakdown.router);
    expect(new Set(activeWithoutRouter).size).toBe(1);
  });
});
