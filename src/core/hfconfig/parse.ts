/**
 * A model in the scenario format from a Hugging Face config.json: dense
 * Llama/Mistral/GPT-2 style, Mixtral, Qwen-MoE, DeepSeek-V2/V3 (MLA),
 * gpt-oss, DBRX and OLMoE key names. Every field the config sets is listed
 * with the key it came from; every value the config leaves open and the
 * import fills in is a note, so a user sees exactly what was assumed.
 */
import { parseScenario } from '../scenario/parse';
import { formatValue } from '../scenario/field-check';
import { fieldByPath } from '../scenario/schema';
import type { MlaSpec, ModelSpec, MoeSpec } from '../scenario/types';
import * as K from './keys';
import { ConfigReader, isObject, type ConfigError, type UsedKey } from './reader';

export type { ConfigError, UsedKey } from './reader';

export type HfConfigResult =
  | {
      ok: true;
      /** What goes under `scenario.model`: every field set, so no preset or seed value leaks in. */
      model: Partial<ModelSpec>;
      used: UsedKey[];
      /** Config keys that set nothing (rope_theta, rms_norm_eps, ...). */
      ignored: string[];
      notes: string[];
    }
  | { ok: false; errors: ConfigError[] };

/** The text of a config.json (pasted or dropped). */
export function modelFromHfConfigText(text: string): HfConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      errors: [{ key: '(json)', message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }],
    };
  }
  return modelFromHfConfig(json);
}

/** A parsed config.json. Never throws. */
export function modelFromHfConfig(json: unknown): HfConfigResult {
  if (!isObject(json)) {
    const got = Array.isArray(json) ? 'an array' : json === null ? 'null' : `${typeof json} ${formatValue(json)}`;
    return {
      ok: false,
      errors: [{ key: '(root)', message: `expected a JSON object (the contents of config.json), got ${got}` }],
    };
  }
  const { reader, outer } = section(json);
  const model = readModel(reader, outer);
  const errors = [...(outer?.errors ?? []), ...reader.errors];
  if (errors.length > 0 || !model) return { ok: false, errors };
  const used = [...(outer?.used ?? []), ...reader.used];

  // The parser's cross-field rules (kvHeads divides heads, top-k within the experts, ranges) are the final word.
  const parsed = parseScenario({ model });
  if (!parsed.ok) {
    const keyFor = (path: string) => used.find((u) => u.field === path)?.key ?? path;
    return { ok: false, errors: parsed.errors.map((e) => ({ key: keyFor(e.path), message: e.message })) };
  }
  const ignored = [...(outer?.ignored().filter((k) => k !== 'text_config') ?? []), ...reader.ignored()];
  return { ok: true, model, used, ignored, notes: reader.notes };
}

/**
 * Multimodal configs (Llama 4, Qwen2-VL, ...) keep the language model under
 * text_config; read that when the top level has no layer count of its own.
 * The top level stays as `outer`: the hub id (the name) is there.
 */
function section(json: Record<string, unknown>): { reader: ConfigReader; outer?: ConfigReader } {
  const top = new ConfigReader(json);
  const inner = json.text_config;
  if (top.find(K.LAYERS) !== undefined || !isObject(inner)) return { reader: top };
  const reader = new ConfigReader(inner, 'text_config.');
  reader.note(
    'read the language model from text_config (a multimodal config); the other top-level keys describe other parts',
  );
  return { reader, outer: top };
}

/** Read every field; undefined when a required one is missing (the reader holds the errors). */
function readModel(r: ConfigReader, outer?: ConfigReader): Partial<ModelSpec> | undefined {
  const name = readName(r, outer);
  const layers = required(r, K.LAYERS, 'model.layers', 'the number of layers');
  const hidden = required(r, K.HIDDEN, 'model.hidden', 'the hidden size');
  const heads = required(r, K.HEADS, 'model.heads', 'the number of attention heads');
  const vocab = required(r, K.VOCAB, 'model.vocab', 'the vocabulary size');
  const kvHeads = readKvHeads(r, heads);
  const mla = readMla(r);
  const headDim = readHeadDim(r, hidden, heads, mla);
  const ffnHidden = readFfn(r, hidden);
  const gatedFfn = readGated(r);
  const tiedEmbeddings = readTied(r);
  const moe = readMoe(r, layers, ffnHidden);
  const mtp = readMtp(r);
  noteContext(r);
  if (r.errors.length > 0 || layers === undefined || hidden === undefined || heads === undefined || vocab === undefined)
    return undefined;
  return {
    preset: null,
    name,
    layers,
    hidden,
    heads,
    kvHeads,
    headDim,
    ffnHidden,
    gatedFfn,
    vocab,
    tiedEmbeddings,
    moe,
    mla,
    // A config.json states no parameter count; null keeps the seed's 30B from being audited against this model.
    statedParams: null,
    ...mtp,
  };
}

/** A required size; undefined (with an error recorded) when missing or invalid, so later checks skip it. */
function required(r: ConfigReader, keys: readonly string[], field: string, what: string): number | undefined {
  const found = r.find(keys);
  if (found === undefined || found.value === null) {
    r.error(keys[0], `missing: ${what} is required (looked for ${keys.join(', ')})`);
    return undefined;
  }
  return r.int(keys, field);
}

function readName(r: ConfigReader, outer?: ConfigReader): string {
  const max = fieldByPath('model.name')?.maxLength ?? 200;
  const name = outer?.text(K.NAME, 'model.name') ?? r.text(K.NAME, 'model.name');
  if (name === undefined) {
    r.note('no _name_or_path or model_type: named "Imported model"');
    return 'Imported model';
  }
  return name.length > max ? name.slice(0, max) : name;
}

function readKvHeads(r: ConfigReader, heads: number | undefined): number {
  const kv = r.int(K.KV_HEADS, 'model.kvHeads');
  if (kv !== undefined || heads === undefined) return kv ?? 1;
  if (!r.find(K.KV_HEADS) || r.find(K.KV_HEADS)?.value === null) {
    r.note(`num_key_value_heads not given: multi-head attention assumed (kvHeads = heads = ${heads})`);
  }
  return heads;
}

function readHeadDim(
  r: ConfigReader,
  hidden: number | undefined,
  heads: number | undefined,
  mla: MlaSpec | null,
): number {
  const given = r.int(K.HEAD_DIM, 'model.headDim');
  if (given !== undefined) return given;
  if (mla) {
    // With MLA the attention sizes come from the MLA fields; headDim only labels the head width.
    r.alsoUse('model.mla.vHeadDim', 'model.headDim');
    r.note(
      `head_dim not given: the value head width v_head_dim (${mla.vHeadDim}) used, since MLA sets the attention sizes`,
    );
    return mla.vHeadDim;
  }
  // A missing or invalid size already has its error; deriving from it would only add noise.
  if (hidden === undefined || heads === undefined) return 1;
  if (hidden % heads !== 0) {
    r.error(K.HEAD_DIM[0], `missing, and hidden size / heads = ${hidden} / ${heads} is not a whole number`);
    return 1;
  }
  return hidden / heads;
}

function readFfn(r: ConfigReader, hidden: number | undefined): number {
  const ffn = r.int(K.FFN, 'model.ffnHidden');
  if (ffn !== undefined || hidden === undefined) return ffn ?? 1;
  // GPT-2 writes n_inner: null for the classic 4 × hidden.
  r.note(`dense FFN width not given (${K.FFN.join(', ')}): 4 × hidden = ${4 * hidden} assumed`);
  return 4 * hidden;
}

function readGated(r: ConfigReader): boolean {
  const found = r.find(K.ACTIVATION);
  if (!found || found.value === null) {
    r.note('activation not given (hidden_act): a gated SwiGLU-style FFN assumed, as in Llama-style and MoE models');
    return true;
  }
  if (typeof found.value !== 'string') {
    r.error(found.key, `expected the name of an activation function, got ${formatValue(found.value)}`);
    return true;
  }
  const modelType = r.raw('model_type');
  // Gemma writes gelu but gates it (GeGLU); every other plain gelu/relu model is ungated.
  const gemma = typeof modelType === 'string' && modelType.startsWith('gemma');
  const gated = K.GATED_ACTIVATION.test(found.value) || gemma;
  r.use(found.key, 'model.gatedFfn', found.value);
  if (gemma && !K.GATED_ACTIVATION.test(found.value))
    r.note(`${found.value} in a Gemma model is a gated GeGLU FFN: gatedFfn true`);
  return gated;
}

function readTied(r: ConfigReader): boolean {
  const tied = r.bool(K.TIED, 'model.tiedEmbeddings');
  if (tied !== undefined) return tied;
  r.note("tie_word_embeddings not given: tied, as Hugging Face's default (GPT-2 ties them)");
  return true;
}

/** MLA when kv_lora_rank is set; every other MLA key is then required, except q_lora_rank (null = full-rank queries). */
function readMla(r: ConfigReader): MlaSpec | null {
  const kv = r.find([K.MLA.kvLoraRank]);
  if (!kv || kv.value === null) return null;
  const need = (key: string, field: keyof MlaSpec, min: 0 | 1): number => {
    const found = r.find([key]);
    if (!found || found.value === null) {
      r.error(key, `missing: needed with ${r.name(K.MLA.kvLoraRank)} for multi-head latent attention`);
      return 1;
    }
    return r.int([key], `model.mla.${field}`, { min }) ?? 1;
  };
  const q = r.find([K.MLA.qLoraRank]);
  let qLoraRank = 0;
  if (!q || q.value === null) {
    if (q) r.use(K.MLA.qLoraRank, 'model.mla.qLoraRank', null);
    r.note('q_lora_rank null or not given: 0, queries are projected at full rank (as in DeepSeek-V2-Lite)');
  } else qLoraRank = r.int([K.MLA.qLoraRank], 'model.mla.qLoraRank', { min: 0 }) ?? 0;
  return {
    qLoraRank,
    kvLoraRank: need(K.MLA.kvLoraRank, 'kvLoraRank', 1),
    qkNopeHeadDim: need(K.MLA.qkNopeHeadDim, 'qkNopeHeadDim', 0),
    qkRopeHeadDim: need(K.MLA.qkRopeHeadDim, 'qkRopeHeadDim', 0),
    vHeadDim: need(K.MLA.vHeadDim, 'vHeadDim', 1),
  };
}

/** The expert block, or null for a dense model (no expert count, or 0 experts). */
function readMoe(r: ConfigReader, layers: number | undefined, ffnHidden: number): MoeSpec | null {
  const expertsKey = r.find(K.EXPERTS);
  if (!expertsKey || expertsKey.value === null || expertsKey.value === 0) {
    if (expertsKey) r.consult(expertsKey.key);
    return null;
  }
  const experts = r.int(K.EXPERTS, 'model.moe.experts') ?? 1;
  const topKKey = r.find(K.TOP_K);
  if (!topKKey || topKKey.value === null)
    r.error(K.TOP_K[0], `missing: an MoE model (${r.name(expertsKey.key)}) needs the experts per token`);
  const topK = (topKKey && r.int(K.TOP_K, 'model.moe.topK')) || 1;

  let expertHidden = r.int(K.EXPERT_HIDDEN, 'model.moe.expertHidden');
  if (expertHidden === undefined) {
    const ffnKey = r.keyFor('model.ffnHidden');
    if (ffnKey === undefined)
      r.error(
        K.EXPERT_HIDDEN[0],
        'missing: the expert width (moe_intermediate_size or intermediate_size) is required for an MoE model',
      );
    else {
      r.alsoUse('model.ffnHidden', 'model.moe.expertHidden');
      r.note(`no moe_intermediate_size: ${ffnKey} (${ffnHidden}) is the width of each expert (and of any dense FFN)`);
    }
    expertHidden = ffnHidden;
  }

  const { sharedExperts, sharedExpertHidden } = readShared(r, expertHidden);
  return {
    experts,
    topK,
    expertHidden,
    sharedExperts,
    sharedExpertHidden,
    denseLayers: readDenseLayers(r, layers),
    layerFrequency: readLayerFrequency(r),
    ...readNodeLimit(r),
  };
}

/**
 * Node-limited routing (DeepSeek-V3 report §2.1.2): DeepSeek's configs state
 * it as topk_group of n_group expert groups, one group per node in its
 * deployment, so topk_group is read as the most nodes per token. One group
 * (or all of them) is no limit.
 */
function readNodeLimit(r: ConfigReader): Pick<MoeSpec, 'maxNodesPerToken'> {
  const groups = r.find(K.EXPERT_GROUPS);
  const perToken = r.find(K.GROUPS_PER_TOKEN);
  if (!groups || !perToken || typeof groups.value !== 'number' || typeof perToken.value !== 'number') return {};
  r.consult(groups.key);
  if (groups.value <= 1 || perToken.value >= groups.value) {
    r.consult(perToken.key);
    return {};
  }
  const limit = r.int(K.GROUPS_PER_TOKEN, 'model.moe.maxNodesPerToken', { min: 1 });
  if (limit === undefined) return {};
  r.note(
    `${r.name(perToken.key)} (${limit} of ${r.name(groups.key)} ${groups.value} expert groups): read as node-limited routing, at most ${limit} nodes per token (DeepSeek-V3 places one group per node)`,
  );
  return { maxNodesPerToken: limit };
}

function readShared(r: ConfigReader, expertHidden: number): Pick<MoeSpec, 'sharedExperts' | 'sharedExpertHidden'> {
  const count = r.int(K.SHARED_COUNT, 'model.moe.sharedExperts', { min: 0 });
  if (count !== undefined && count > 0) {
    r.alsoUse('model.moe.expertHidden', 'model.moe.sharedExpertHidden');
    return { sharedExperts: count, sharedExpertHidden: expertHidden };
  }
  const width = r.int(K.SHARED_HIDDEN, 'model.moe.sharedExpertHidden', { min: 0 });
  if (width !== undefined && width > 0) {
    r.note(`${r.name(K.SHARED_HIDDEN[0])}: one shared expert of width ${width} (its sigmoid gate is not modelled)`);
    return { sharedExperts: 1, sharedExpertHidden: width };
  }
  // No shared expert: the unused width repeats the experts', as the presets do.
  return { sharedExperts: 0, sharedExpertHidden: expertHidden };
}

/** Leading dense layers: DeepSeek's first_k_dense_replace, or Qwen's mlp_only_layers (a list of layer numbers). */
function readDenseLayers(r: ConfigReader, layers = Infinity): number {
  const prefix = r.int(K.DENSE_PREFIX, 'model.moe.denseLayers', { min: 0 });
  const list = r.raw(K.DENSE_LIST);
  if (list === undefined || list === null) return prefix ?? 0;
  if (!Array.isArray(list) || !list.every((v) => Number.isInteger(v) && v >= 0 && v < layers)) {
    const range = Number.isFinite(layers) ? ` from 0 to ${layers - 1}` : '';
    r.error(K.DENSE_LIST, `expected a list of layer numbers${range}, got ${formatValue(list)}`);
    return 0;
  }
  const dense = [...new Set(list as number[])].sort((a, b) => a - b);
  if (dense.length === 0) {
    r.consult(K.DENSE_LIST);
    return prefix ?? 0;
  }
  if (prefix !== undefined) {
    r.note(`both first_k_dense_replace and mlp_only_layers given: first_k_dense_replace (${prefix}) used`);
    return prefix;
  }
  r.use(K.DENSE_LIST, 'model.moe.denseLayers', list);
  if (!dense.every((v, i) => v === i)) {
    r.note(
      `mlp_only_layers [${dense.join(', ')}] are not the leading layers; the scenario can only make leading layers dense, so ${dense.length} leading dense layers are used (same parameter count, other positions)`,
    );
  }
  return dense.length;
}

function readLayerFrequency(r: ConfigReader): number {
  const freq = r.int(K.LAYER_FREQ, 'model.moe.layerFrequency');
  if (freq === undefined) return 1;
  if (freq > 1 && r.keyFor('model.moe.layerFrequency')?.endsWith('decoder_sparse_step')) {
    r.note(
      `decoder_sparse_step ${freq}: Qwen puts experts in layers ${freq - 1}, ${2 * freq - 1}, ...; the scenario in layers 0, ${freq}, ${2 * freq}, ... (the same count when the layers divide evenly)`,
    );
  }
  return freq;
}

/** Keys that matter to a reader but set no model field: said in a note so they are not silently lost. */
function noteContext(r: ConfigReader): void {
  const found = r.find(K.CONTEXT);
  if (found && typeof found.value === 'number') {
    r.note(
      `${r.name(found.key)} ${found.value}: the context length is a workload setting (workload.seqLen), not part of the model`,
    );
  }
}

/** DeepSeek-V3's multi-token-prediction modules (model.mtpDepth): charged in training, not in the parameter count. */
function readMtp(r: ConfigReader): Pick<ModelSpec, 'mtpDepth'> {
  const mtp = r.raw(K.MTP);
  if (typeof mtp !== 'number' || !Number.isInteger(mtp) || mtp <= 0 || mtp > 16) return {};
  r.use(K.MTP, 'model.mtpDepth', mtp);
  r.note(
    `${r.name(K.MTP)} ${mtp}: the multi-token-prediction modules are trained beside the model (model.mtpDepth ${mtp}) and left out of its parameter count, as in the published one`,
  );
  return { mtpDepth: mtp };
}
