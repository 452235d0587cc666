/**
 * Which config.json keys mean which model field, per family. The first key
 * of a list that is present wins; the lists are ordered so the Llama-style
 * name (the one most configs use) comes first.
 */

/** Display name: the hub id, else the family. */
export const NAME = ['_name_or_path', 'model_type'] as const;

// Llama / Mistral / Qwen / DeepSeek / gpt-oss; GPT-2 (n_*); DBRX (d_model, n_heads, n_layers).
export const LAYERS = ['num_hidden_layers', 'n_layer', 'n_layers', 'num_layers'] as const;
export const HIDDEN = ['hidden_size', 'n_embd', 'd_model'] as const;
export const HEADS = ['num_attention_heads', 'n_head', 'n_heads'] as const;
export const VOCAB = ['vocab_size', 'padded_vocab_size'] as const;
export const KV_HEADS = ['num_key_value_heads', 'attn_config.kv_n_heads', 'num_kv_heads', 'n_head_kv'] as const;
export const HEAD_DIM = ['head_dim'] as const;
/** Dense FFN width; in Mixtral, OLMoE, gpt-oss and DBRX (no moe_intermediate_size) also the expert width. */
export const FFN = ['intermediate_size', 'ffn_config.ffn_hidden_size', 'n_inner', 'ffn_hidden_size'] as const;
export const ACTIVATION = [
  'hidden_act',
  'activation_function',
  'hidden_activation',
  'ffn_config.ffn_act_fn.name',
] as const;
export const TIED = ['tie_word_embeddings'] as const;

// Mixtral / gpt-oss (num_local_experts), Qwen-MoE / OLMoE (num_experts), DeepSeek (n_routed_experts), DBRX (ffn_config).
export const EXPERTS = ['num_local_experts', 'num_experts', 'n_routed_experts', 'ffn_config.moe_num_experts'] as const;
export const TOP_K = ['num_experts_per_tok', 'experts_per_token', 'moe_top_k', 'ffn_config.moe_top_k'] as const;
export const EXPERT_HIDDEN = ['moe_intermediate_size'] as const;
/** DeepSeek: shared experts of the routed experts' width. */
export const SHARED_COUNT = ['n_shared_experts'] as const;
/** Qwen2-MoE: one shared expert of its own width. */
export const SHARED_HIDDEN = ['shared_expert_intermediate_size'] as const;
export const DENSE_PREFIX = ['first_k_dense_replace'] as const;
export const DENSE_LIST = 'mlp_only_layers';
export const LAYER_FREQ = ['moe_layer_freq', 'decoder_sparse_step'] as const;
/** DeepSeek-V3 group-limited routing: experts in n_group groups (one per node), each token to at most topk_group of them. */
export const EXPERT_GROUPS = ['n_group'] as const;
export const GROUPS_PER_TOKEN = ['topk_group'] as const;

// DeepSeek-V2/V3 multi-head latent attention.
export const MLA = {
  qLoraRank: 'q_lora_rank',
  kvLoraRank: 'kv_lora_rank',
  qkNopeHeadDim: 'qk_nope_head_dim',
  qkRopeHeadDim: 'qk_rope_head_dim',
  vHeadDim: 'v_head_dim',
} as const;

/** Context length: a workload setting here, so only mentioned in a note. */
export const CONTEXT = ['max_position_embeddings', 'n_positions', 'max_seq_len'] as const;

/** DeepSeek-V3's multi-token-prediction layers: extra training modules, not counted as the model. */
export const MTP = 'num_nextn_predict_layers';

/** Activations whose FFN has a gate (three matrices): SiLU/Swish and the *GLU names. */
export const GATED_ACTIVATION = /silu|swish|glu/i;
