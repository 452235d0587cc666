/**
 * The model's rows (all but `model.preset`, which needs the preset list):
 * apart from schema.ts so that the model presets can take ModelSpec's types
 * from here without an import cycle.
 */
import {
  BIG,
  bool,
  FROM_PRESET,
  int,
  MAX_EXPERTS,
  nullable,
  nullableGroup,
  num,
  optional,
  positive,
  str,
  UNITLESS,
  type InferShape,
} from './rows';

/** The model fields, each defaulting to the model preset's value (the seed model unless one is named). */
export const MODEL_ROWS = {
  name: str(200, 'Name', 'Display name of the model.', { default: FROM_PRESET }),
  layers: int(1, 10_000, 'Layers', UNITLESS, 'Number of transformer layers (blocks).', { default: FROM_PRESET }),
  hidden: int(1, 1_000_000, 'Hidden size', UNITLESS, 'Width of the residual stream (d_model).', {
    default: FROM_PRESET,
  }),
  heads: int(1, 100_000, 'Attention heads', UNITLESS, 'Number of query heads per attention layer.', {
    default: FROM_PRESET,
  }),
  kvHeads: int(
    1,
    100_000,
    'KV heads',
    UNITLESS,
    'Key/value heads; fewer than the query heads means grouped-query attention.',
    { default: FROM_PRESET },
  ),
  // As wide as the hidden size allows: the default hidden / heads (one head) must be a value the schema takes back.
  headDim: int(1, 1_000_000, 'Head dimension', UNITLESS, 'Width of one attention head; defaults to hidden / heads.', {
    default: FROM_PRESET,
  }),
  ffnHidden: int(
    1,
    BIG,
    'Dense FFN size',
    UNITLESS,
    'Intermediate width of the dense (non-expert) feed-forward layers.',
    { default: FROM_PRESET },
  ),
  gatedFfn: bool('Gated FFN', 'SwiGLU-style feed-forward with three weight matrices instead of two.', {
    default: FROM_PRESET,
  }),
  vocab: int(1, BIG, 'Vocabulary', 'tokens', 'Number of tokens in the vocabulary.', { default: FROM_PRESET }),
  tiedEmbeddings: bool('Tied embeddings', 'The input embedding and the output head share one matrix.', {
    default: FROM_PRESET,
  }),
  moe: nullableGroup('Mixture of experts', 'The expert layers; null for a dense model.', FROM_PRESET, {
    experts: int(1, MAX_EXPERTS, 'Experts', UNITLESS, 'Routed experts in each MoE layer.', { default: FROM_PRESET }),
    topK: int(1, 100_000, 'Top-k', UNITLESS, 'How many experts each token is sent to.', { default: FROM_PRESET }),
    expertHidden: int(1, BIG, 'Expert FFN size', UNITLESS, 'Intermediate width of one expert.', {
      default: FROM_PRESET,
    }),
    sharedExperts: int(
      0,
      1024,
      'Shared experts',
      UNITLESS,
      'Experts every token always uses, beside the routed ones.',
      { default: FROM_PRESET },
    ),
    sharedExpertHidden: int(1, BIG, 'Shared expert size', UNITLESS, 'Intermediate width of one shared expert.', {
      default: FROM_PRESET,
    }),
    /** The first N layers use a dense FFN (of `ffnHidden`) instead of experts. */
    denseLayers: int(
      0,
      10_000,
      'Leading dense layers',
      UNITLESS,
      'The first N layers use a dense FFN instead of experts.',
      { default: FROM_PRESET },
    ),
    layerFrequency: int(
      1,
      10_000,
      'MoE layer frequency',
      UNITLESS,
      'Every Nth remaining layer is an MoE layer; 1 = all of them.',
      { default: FROM_PRESET },
    ),
    /** Node-limited routing (DeepSeek-V3 report §2.1.2: at most M = 4 nodes per token); absent or null = unlimited. */
    maxNodesPerToken: optional(
      nullable(
        int(
          1,
          65_536,
          'Max nodes per token',
          UNITLESS,
          "Node-limited routing: the most nodes one token's routed copies may reach; empty = unlimited.",
        ),
        null,
      ),
    ),
  }),
  // Multi-head latent attention (DeepSeek-V2/V3); with no preset MLA to complete from, all five fields are needed.
  mla: nullableGroup(
    'Multi-head latent attention',
    'DeepSeek-style compressed attention; null for standard attention.',
    FROM_PRESET,
    {
      qLoraRank: int(
        0,
        1_000_000,
        'Query LoRA rank',
        UNITLESS,
        'Rank of the compressed query projection; 0 = full-rank queries.',
      ),
      kvLoraRank: int(
        1,
        1_000_000,
        'KV LoRA rank',
        UNITLESS,
        'Width of the compressed key/value latent that the KV cache stores.',
      ),
      qkNopeHeadDim: int(
        0,
        100_000,
        'QK head dim (no RoPE)',
        UNITLESS,
        'Per-head query/key width without rotary position encoding.',
      ),
      qkRopeHeadDim: int(
        0,
        100_000,
        'QK head dim (RoPE)',
        UNITLESS,
        'Per-head query/key width that carries rotary position encoding.',
      ),
      vHeadDim: int(1, 100_000, 'Value head dim', UNITLESS, 'Per-head width of the values.'),
    },
  ),
  statedParams: nullable(
    num(
      0,
      1e16,
      'Stated parameters',
      'params',
      'Parameter count a document claims; audited, never used for math.',
      positive,
    ),
    FROM_PRESET,
  ),
  // Absent means 0: only models trained with it state it (DeepSeek-V3/R1: 1).
  mtpDepth: optional(
    int(
      0,
      16,
      'Multi-token prediction depth',
      UNITLESS,
      'Multi-token-prediction modules trained beside the model (DeepSeek-V3 report, 2.2): each is one more transformer block, a 2h→h projection and another pass of the shared output head per token; training only, 0 = none.',
    ),
  ),
} as const;

/** The model as presets state it: every field but `preset`. */
export type ModelFields = InferShape<typeof MODEL_ROWS>;
export type MoeSpec = NonNullable<ModelFields['moe']>;
/** Multi-head latent attention (DeepSeek-V2/V3). */
export type MlaSpec = NonNullable<ModelFields['mla']>;
