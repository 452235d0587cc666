/**
 * Model presets: published architectures, copied from
 * ../shared/fixtures/models.json where it has the model (a test checks every
 * field the fixture gives) and from the publishers' config.json otherwise.
 * `statedParams` is the publisher's total, so the evaluator's parameter audit
 * compares its own count against it.
 */
import type { ModelFields, MoeSpec } from '../fields/model-rows';

export interface ModelPreset {
  id: string;
  spec: ModelFields;
  source: string;
  /** The publisher's own parameter counts, and which embeddings their active count includes. */
  published?: { total: number; active: number | null; activeCounts: string };
}

/** An MoE block with the common defaults: no shared experts, no dense layers, every layer MoE. */
function moe(experts: number, topK: number, expertHidden: number, extra: Partial<MoeSpec> = {}): MoeSpec {
  // With no shared experts sharedExpertHidden is unused; it repeats the expert
  // hidden so the value stays inside the schema's range and follows edits.
  return {
    experts,
    topK,
    expertHidden,
    sharedExperts: 0,
    sharedExpertHidden: expertHidden,
    denseLayers: 0,
    layerFrequency: 1,
    ...extra,
  };
}

const SEED_SOURCE = "seed document 'Optimized Parallel Strategy for 30B MoE Model'";

export const MODEL_PRESETS: readonly ModelPreset[] = [
  {
    id: 'seed-moe',
    // The scenario-format defaults. The seed gives no vocabulary; 32000 is the
    // parser's listed assumption. ffnHidden 4096 (= 4h) only matters if layers are made dense.
    spec: {
      name: 'Seed MoE (stated 30B)',
      layers: 16,
      hidden: 1024,
      heads: 16,
      kvHeads: 16,
      headDim: 64,
      ffnHidden: 4096,
      gatedFfn: false,
      vocab: 32000,
      tiedEmbeddings: false,
      moe: moe(64, 1, 2048),
      mla: null,
      statedParams: 30e9,
    },
    source: SEED_SOURCE,
    published: { total: 30e9, active: null, activeCounts: 'not stated' },
  },
  {
    id: 'mixtral-8x7b',
    spec: {
      name: 'Mixtral 8x7B',
      layers: 32,
      hidden: 4096,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      ffnHidden: 14336,
      gatedFfn: true,
      vocab: 32000,
      tiedEmbeddings: false,
      moe: moe(8, 2, 14336),
      mla: null,
      statedParams: 46.7e9,
    },
    source: 'mistralai Mixtral-8x7B-v0.1 config.json; Mistral AI announcement',
    published: { total: 46.7e9, active: 12.9e9, activeCounts: 'input and output embeddings' },
  },
  {
    id: 'mixtral-8x22b',
    spec: {
      name: 'Mixtral 8x22B',
      layers: 56,
      hidden: 6144,
      heads: 48,
      kvHeads: 8,
      headDim: 128,
      ffnHidden: 16384,
      gatedFfn: true,
      vocab: 32000,
      tiedEmbeddings: false,
      moe: moe(8, 2, 16384),
      mla: null,
      statedParams: 141e9,
    },
    source: 'mistralai Mixtral-8x22B-v0.1 config.json; Mistral AI announcement',
    published: { total: 141e9, active: 39e9, activeCounts: 'input and output embeddings' },
  },
  {
    id: 'deepseek-v3',
    spec: {
      name: 'DeepSeek-V3',
      layers: 61,
      hidden: 7168,
      heads: 128,
      kvHeads: 128,
      headDim: 128,
      ffnHidden: 18432,
      gatedFfn: true,
      vocab: 129280,
      tiedEmbeddings: false,
      // Node-limited routing: "each token will be sent to at most M = 4 nodes" (report §2.1.2).
      moe: moe(256, 8, 2048, { sharedExperts: 1, sharedExpertHidden: 2048, denseLayers: 3, maxNodesPerToken: 4 }),
      mla: { qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
      statedParams: 671e9,
      // Report 2.2: one MTP module (D = 1), trained and discarded for serving; not in the 671B.
      mtpDepth: 1,
    },
    source: 'DeepSeek-V3 Technical Report, Table 1 and section 4.2; deepseek-ai/DeepSeek-V3 config.json',
    published: {
      total: 671e9,
      active: 37e9,
      activeCounts: 'main model without the multi-token-prediction module (the released checkpoint adds 14B for it)',
    },
  },
  {
    id: 'qwen3-30b-a3b',
    // ffnHidden: config intermediate_size 6144 (unused: every layer is MoE).
    spec: {
      name: 'Qwen3-30B-A3B',
      layers: 48,
      hidden: 2048,
      heads: 32,
      kvHeads: 4,
      headDim: 128,
      ffnHidden: 6144,
      gatedFfn: true,
      vocab: 151936,
      tiedEmbeddings: false,
      moe: moe(128, 8, 768),
      mla: null,
      statedParams: 30.5e9,
    },
    source: 'Qwen/Qwen3-30B-A3B config.json and model card',
    published: { total: 30.5e9, active: 3.3e9, activeCounts: 'input and output embeddings' },
  },
  {
    id: 'qwen3-235b-a22b',
    spec: {
      name: 'Qwen3-235B-A22B',
      layers: 94,
      hidden: 4096,
      heads: 64,
      kvHeads: 4,
      headDim: 128,
      ffnHidden: 12288,
      gatedFfn: true,
      vocab: 151936,
      tiedEmbeddings: false,
      moe: moe(128, 8, 1536),
      mla: null,
      statedParams: 235e9,
    },
    source:
      'Qwen/Qwen3-235B-A22B config.json (num_hidden_layers 94, hidden_size 4096, num_attention_heads 64, num_key_value_heads 4, head_dim 128, ' +
      'num_experts 128, num_experts_per_tok 8, moe_intermediate_size 1536, intermediate_size 12288, vocab_size 151936, tie_word_embeddings false); ' +
      'Qwen3 model card: 235B total, 22B activated',
    published: { total: 235e9, active: 22e9, activeCounts: 'input and output embeddings' },
  },
  {
    id: 'olmoe-1b-7b',
    spec: {
      name: 'OLMoE-1B-7B-0924',
      layers: 16,
      hidden: 2048,
      heads: 16,
      kvHeads: 16,
      headDim: 128,
      ffnHidden: 1024,
      gatedFfn: true,
      vocab: 50304,
      tiedEmbeddings: false,
      moe: moe(64, 8, 1024),
      mla: null,
      statedParams: 6.9e9,
    },
    source: 'allenai/OLMoE configs/OLMoE-1B-7B-0924.yml and README (embedding padded to 50304)',
    published: { total: 6.9e9, active: 1.3e9, activeCounts: 'input and output embeddings' },
  },
  {
    id: 'gpt-oss-20b',
    spec: {
      name: 'gpt-oss-20b',
      layers: 24,
      hidden: 2880,
      heads: 64,
      kvHeads: 8,
      headDim: 64,
      ffnHidden: 2880,
      gatedFfn: true,
      vocab: 201088,
      tiedEmbeddings: false,
      moe: moe(32, 4, 2880),
      mla: null,
      statedParams: 21e9,
    },
    source:
      'openai/gpt-oss-20b config.json (num_hidden_layers 24, hidden_size 2880, num_attention_heads 64, num_key_value_heads 8, head_dim 64, ' +
      'num_local_experts 32, num_experts_per_tok 4, intermediate_size 2880, vocab_size 201088, tie_word_embeddings false); ' +
      'gpt-oss model card: 21B total, 3.6B active (attention and expert biases and attention sinks are small extra terms)',
    published: { total: 21e9, active: 3.6e9, activeCounts: 'output embedding only (the input lookup is not counted)' },
  },
  {
    id: 'gpt-oss-120b',
    spec: {
      name: 'gpt-oss-120b',
      layers: 36,
      hidden: 2880,
      heads: 64,
      kvHeads: 8,
      headDim: 64,
      ffnHidden: 2880,
      gatedFfn: true,
      vocab: 201088,
      tiedEmbeddings: false,
      moe: moe(128, 4, 2880),
      mla: null,
      statedParams: 117e9,
    },
    source:
      'openai/gpt-oss README and model card; config.json (attention and expert biases and attention sinks are small extra terms)',
    published: { total: 117e9, active: 5.1e9, activeCounts: 'output embedding only (the input lookup is not counted)' },
  },
  {
    id: 'dbrx',
    spec: {
      name: 'DBRX',
      layers: 40,
      hidden: 6144,
      heads: 48,
      kvHeads: 8,
      headDim: 128,
      ffnHidden: 10752,
      gatedFfn: true,
      vocab: 100352,
      tiedEmbeddings: false,
      moe: moe(16, 4, 10752),
      mla: null,
      statedParams: 132e9,
    },
    source:
      'databricks/dbrx-base config.json (n_layers 40, d_model 6144, n_heads 48, attn_config.kv_n_heads 8, ffn_config.moe_num_experts 16, ' +
      'moe_top_k 4, ffn_hidden_size 10752 with a GLU, vocab_size 100352, tie_word_embeddings false); Databricks DBRX announcement: 132B total, 36B active',
    published: { total: 132e9, active: 36e9, activeCounts: 'not stated by Databricks' },
  },
  {
    id: 'gpt3-175b',
    spec: {
      name: 'GPT-3 175B (dense)',
      layers: 96,
      hidden: 12288,
      heads: 96,
      kvHeads: 96,
      headDim: 128,
      ffnHidden: 49152,
      gatedFfn: false,
      vocab: 50257,
      tiedEmbeddings: true,
      moe: null,
      mla: null,
      statedParams: 175e9,
    },
    source: 'Brown et al. 2020, Language Models are Few-Shot Learners, Table 2.1',
    published: { total: 175e9, active: 175e9, activeCounts: 'all' },
  },
];

/** The ids a scenario's `model.preset` may name. */
export const MODEL_PRESET_IDS: readonly string[] = MODEL_PRESETS.map((m) => m.id);

/** The preset with this id, or undefined. */
export function modelPreset(id: string): ModelPreset | undefined {
  return MODEL_PRESETS.find((m) => m.id === id);
}
