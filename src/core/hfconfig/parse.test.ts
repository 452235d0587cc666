import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import type { ModelSpec } from '../scenario/types';
import * as C from '../../../test/hfConfigs';
import { modelFromHfConfig, modelFromHfConfigText, type HfConfigResult } from './parse';

type Ok = Extract<HfConfigResult, { ok: true }>;

function imported(json: unknown): Ok {
  const r = modelFromHfConfig(json);
  if (!r.ok) throw new Error(`expected ok, got:\n${r.errors.map((e) => `${e.key}: ${e.message}`).join('\n')}`);
  return r;
}

/** The normalized model the scenario parser makes of an import. */
function normalized(model: Partial<ModelSpec>): ModelSpec {
  const r = parseScenario({ model });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario.model;
}

function presetModel(id: string): ModelSpec {
  return normalized({ preset: id });
}

const COMPARED = [
  'layers',
  'hidden',
  'heads',
  'kvHeads',
  'headDim',
  'ffnHidden',
  'gatedFfn',
  'vocab',
  'tiedEmbeddings',
  'moe',
  'mla',
] as const;

function architecture(m: ModelSpec) {
  return Object.fromEntries(COMPARED.map((k) => [k, m[k]]));
}

/** Field → key, as "used" reports it. */
function usedMap(r: Ok): Record<string, string> {
  return Object.fromEntries(r.used.map((u) => [u.field, u.key]));
}

describe('modelFromHfConfig: published configs', () => {
  it('Llama-3-8B: dense, grouped-query, gated', () => {
    const r = imported(C.LLAMA_3_8B);
    expect(r.model).toEqual({
      preset: null,
      name: 'llama',
      layers: 32,
      hidden: 4096,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      ffnHidden: 14336,
      gatedFfn: true,
      vocab: 128256,
      tiedEmbeddings: false,
      moe: null,
      mla: null,
      statedParams: null,
    });
    expect(usedMap(r)).toMatchObject({
      'model.layers': 'num_hidden_layers',
      'model.kvHeads': 'num_key_value_heads',
      'model.gatedFfn': 'hidden_act',
    });
    expect(r.ignored).toEqual(
      expect.arrayContaining(['rope_theta', 'rms_norm_eps', 'architectures', 'bos_token_id', 'torch_dtype']),
    );
    expect(r.ignored).not.toContain('hidden_size');
    expect(r.notes.join('\n')).toContain('max_position_embeddings 8192');
  });

  it('Mixtral-8x7B matches the mixtral-8x7b preset field for field', () => {
    const r = imported(C.MIXTRAL_8X7B);
    const m = normalized(r.model);
    const p = presetModel('mixtral-8x7b');
    expect(architecture(m)).toEqual(architecture(p));
    for (const k of ['layers', 'hidden', 'heads', 'kvHeads', 'headDim', 'gatedFfn', 'vocab', 'tiedEmbeddings'] as const)
      expect(m[k]).toBe(p[k]);
    expect(m.moe?.experts).toBe(8);
    expect(m.moe?.topK).toBe(2);
    expect(m.moe?.expertHidden).toBe(14336);
    expect(m.name).toBe('mistralai/Mixtral-8x7B-v0.1');
    // intermediate_size is both the dense and the expert width, and says so.
    expect(r.used.filter((u) => u.key === 'intermediate_size').map((u) => u.field)).toEqual([
      'model.ffnHidden',
      'model.moe.expertHidden',
    ]);
    expect(r.notes.join('\n')).toContain('no moe_intermediate_size');
    expect(r.ignored).toContain('model_type'); // _name_or_path gave the name
  });

  it('Qwen3-30B-A3B matches its preset (head_dim independent of hidden / heads)', () => {
    const r = imported(C.QWEN3_30B_A3B);
    expect(architecture(normalized(r.model))).toEqual(architecture(presetModel('qwen3-30b-a3b')));
    expect(usedMap(r)).toMatchObject({
      'model.moe.experts': 'num_experts',
      'model.moe.expertHidden': 'moe_intermediate_size',
      'model.moe.layerFrequency': 'decoder_sparse_step',
    });
    expect(r.ignored).not.toContain('mlp_only_layers');
  });

  it('DeepSeek-V3: MLA, a shared expert, 3 leading dense layers, dense FFN 18432', () => {
    const r = imported(C.DEEPSEEK_V3);
    const m = normalized(r.model);
    expect(architecture(m)).toEqual(architecture(presetModel('deepseek-v3')));
    expect(m.mla).toEqual({ qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect(m.moe).toMatchObject({
      experts: 256,
      topK: 8,
      expertHidden: 2048,
      sharedExperts: 1,
      sharedExpertHidden: 2048,
      denseLayers: 3,
      layerFrequency: 1,
      maxNodesPerToken: 4,
    });
    expect(m.ffnHidden).toBe(18432);
    expect(usedMap(r)).toMatchObject({
      'model.moe.denseLayers': 'first_k_dense_replace',
      'model.mla.kvLoraRank': 'kv_lora_rank',
      'model.moe.sharedExperts': 'n_shared_experts',
      'model.moe.maxNodesPerToken': 'topk_group',
      'model.mtpDepth': 'num_nextn_predict_layers',
    });
    expect(m.mtpDepth).toBe(1);
    expect(r.ignored).toEqual(expect.arrayContaining(['routed_scaling_factor', 'quantization_config', 'auto_map']));
    expect(r.ignored).not.toContain('n_group');
  });

  it('DeepSeek-V2-Lite: q_lora_rank null means full-rank queries (0)', () => {
    const r = imported(C.DEEPSEEK_V2_LITE);
    expect(r.model.mla).toEqual({
      qLoraRank: 0,
      kvLoraRank: 512,
      qkNopeHeadDim: 128,
      qkRopeHeadDim: 64,
      vHeadDim: 128,
    });
    expect(r.model.moe).toMatchObject({
      experts: 64,
      topK: 6,
      sharedExperts: 2,
      sharedExpertHidden: 1408,
      denseLayers: 1,
    });
    expect(r.notes.join('\n')).toContain('q_lora_rank null');
    expect(r.ignored).not.toContain('q_lora_rank');
  });

  it('gpt-oss-120b matches its preset; experts_per_token repeats num_experts_per_tok', () => {
    const r = imported(C.GPT_OSS_120B);
    expect(architecture(normalized(r.model))).toEqual(architecture(presetModel('gpt-oss-120b')));
    expect(r.used.filter((u) => u.field === 'model.moe.topK').map((u) => u.key)).toEqual([
      'num_experts_per_tok',
      'experts_per_token',
    ]);
    expect(r.model.headDim).toBe(64); // head_dim, not 2880 / 64 = 45
    expect(r.ignored).toEqual(expect.arrayContaining(['swiglu_limit', 'sliding_window', 'layer_types']));
  });

  it('DBRX matches its preset; nested keys are named with their path', () => {
    const r = imported(C.DBRX);
    expect(architecture(normalized(r.model))).toEqual(architecture(presetModel('dbrx')));
    expect(usedMap(r)).toMatchObject({
      'model.layers': 'n_layers',
      'model.hidden': 'd_model',
      'model.heads': 'n_heads',
      'model.kvHeads': 'attn_config.kv_n_heads',
      'model.moe.experts': 'ffn_config.moe_num_experts',
      'model.moe.topK': 'ffn_config.moe_top_k',
      'model.ffnHidden': 'ffn_config.ffn_hidden_size',
    });
    expect(r.ignored).toEqual(
      expect.arrayContaining(['attn_config.clip_qkv', 'ffn_config.moe_jitter_eps', 'emb_pdrop']),
    );
    expect(r.ignored).not.toContain('attn_config');
    expect(r.notes.join('\n')).toContain('max_seq_len 32768');
  });

  it('OLMoE matches its preset', () => {
    expect(architecture(normalized(imported(C.OLMOE_1B_7B).model))).toEqual(architecture(presetModel('olmoe-1b-7b')));
  });

  it('Qwen1.5-MoE: one shared expert of shared_expert_intermediate_size', () => {
    const r = imported(C.QWEN15_MOE_A27B);
    expect(r.model.moe).toEqual({
      experts: 60,
      topK: 4,
      expertHidden: 1408,
      sharedExperts: 1,
      sharedExpertHidden: 5632,
      denseLayers: 0,
      layerFrequency: 1,
    });
  });

  it('GPT-2: n_* names, n_inner null = 4 × hidden, gelu ungated, tied by default', () => {
    const r = imported(C.GPT2);
    expect(r.model).toMatchObject({
      name: 'gpt2',
      layers: 12,
      hidden: 768,
      heads: 12,
      kvHeads: 12,
      headDim: 64,
      ffnHidden: 3072,
      gatedFfn: false,
      vocab: 50257,
      tiedEmbeddings: true,
      moe: null,
      mla: null,
    });
    const notes = r.notes.join('\n');
    expect(notes).toContain('4 × hidden = 3072');
    expect(notes).toContain('tie_word_embeddings not given');
    expect(notes).toContain('n_positions 1024');
    expect(r.ignored).not.toContain('n_inner');
  });

  it('a multimodal config: the language model under text_config, the name from the top', () => {
    const r = imported({
      _name_or_path: 'org/vlm',
      vision_config: { hidden_size: 1024 },
      text_config: { ...C.LLAMA_3_8B, model_type: 'llama' },
    });
    expect(r.model).toMatchObject({ name: 'org/vlm', layers: 32, kvHeads: 8 });
    expect(usedMap(r)['model.layers']).toBe('text_config.num_hidden_layers');
    expect(r.ignored).toEqual(expect.arrayContaining(['vision_config', 'text_config.rope_theta']));
  });

  it('Qwen mlp_only_layers: leading layers become denseLayers; others are counted, with a note', () => {
    expect(imported({ ...C.QWEN3_30B_A3B, mlp_only_layers: [0, 1] }).model.moe?.denseLayers).toBe(2);
    const r = imported({ ...C.QWEN3_30B_A3B, mlp_only_layers: [5, 9] });
    expect(r.model.moe?.denseLayers).toBe(2);
    expect(r.notes.join('\n')).toContain('not the leading layers');
  });

  it('every result parses as a scenario model', () => {
    for (const cfg of Object.values(C)) expect(parseScenario({ model: imported(cfg).model }).ok).toBe(true);
  });
});

describe('modelFromHfConfig: refusals name the key', () => {
  function errors(json: unknown) {
    const r = modelFromHfConfig(json);
    if (r.ok) throw new Error('expected errors');
    return r.errors;
  }

  it('non-object JSON', () => {
    expect(errors([])[0]).toMatchObject({ key: '(root)', message: expect.stringContaining('got an array') });
    expect(errors(null)[0].message).toContain('got null');
    expect(errors('x')[0].message).toContain('got string "x"');
    expect(errors(42)[0].message).toContain('got number 42');
  });

  it('invalid JSON text', () => {
    expect(modelFromHfConfigText('{ "hidden_size": ')).toMatchObject({ ok: false, errors: [{ key: '(json)' }] });
    expect(modelFromHfConfigText(JSON.stringify(C.MIXTRAL_8X7B)).ok).toBe(true);
  });

  it('missing required keys, each named', () => {
    const keys = errors({ model_type: 'mystery' }).map((e) => e.key);
    expect(keys).toEqual(['num_hidden_layers', 'hidden_size', 'num_attention_heads', 'vocab_size']);
    const { vocab_size: _, ...noVocab } = C.LLAMA_3_8B;
    expect(errors(noVocab)).toEqual([
      {
        key: 'vocab_size',
        message: 'vocab_size: missing: the vocabulary size is required (looked for vocab_size, padded_vocab_size)',
      },
    ]);
  });

  it('wrong types', () => {
    expect(errors({ ...C.LLAMA_3_8B, hidden_size: 'abc' })).toEqual([
      { key: 'hidden_size', message: 'hidden_size: expected a positive integer, got "abc"' },
    ]);
    expect(errors({ ...C.LLAMA_3_8B, num_hidden_layers: 0 })[0].message).toBe(
      'num_hidden_layers: expected a positive integer, got 0',
    );
    expect(errors({ ...C.LLAMA_3_8B, num_attention_heads: 31.5 })[0].key).toBe('num_attention_heads');
    expect(errors({ ...C.LLAMA_3_8B, tie_word_embeddings: 'no' })[0].key).toBe('tie_word_embeddings');
    expect(errors({ ...C.LLAMA_3_8B, hidden_act: 3 })[0].key).toBe('hidden_act');
    expect(errors({ ...C.QWEN3_30B_A3B, mlp_only_layers: [99] })[0].key).toBe('mlp_only_layers');
  });

  it('an MoE config without experts per token', () => {
    const { num_experts_per_tok: _, ...cfg } = C.MIXTRAL_8X7B;
    expect(errors(cfg).map((e) => e.key)).toEqual(['num_experts_per_tok']);
  });

  it('incomplete MLA', () => {
    const { v_head_dim: _, ...cfg } = C.DEEPSEEK_V3;
    expect(errors(cfg)[0]).toMatchObject({
      key: 'v_head_dim',
      message: expect.stringContaining('needed with kv_lora_rank'),
    });
  });

  it("the scenario parser's rules, mapped back to the key", () => {
    const kv = errors({ ...C.LLAMA_3_8B, num_key_value_heads: 5 });
    expect(kv[0].key).toBe('num_key_value_heads');
    expect(kv[0].message).toMatch(/^model\.kvHeads: 5 key\/value heads do not divide 32/);
    expect(errors({ ...C.MIXTRAL_8X7B, num_experts_per_tok: 9 })[0].key).toBe('num_experts_per_tok');
    expect(errors({ ...C.LLAMA_3_8B, hidden_size: 2_000_000 })[0]).toMatchObject({
      key: 'hidden_size',
      message: expect.stringContaining('out of range'),
    });
  });

  it('a hidden size the heads do not divide, without head_dim', () => {
    expect(errors({ ...C.GPT2, n_embd: 770 })[0].key).toBe('head_dim');
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.dictionary(
            fc.constantFrom(...Object.keys(C.DEEPSEEK_V3), 'n_layer', 'd_model', 'text_config', 'ffn_config'),
            fc.jsonValue(),
          ),
        ),
        (json) => {
          const r = modelFromHfConfig(json);
          if (r.ok) expect(parseScenario({ model: r.model }).ok).toBe(true);
          else expect(r.errors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
