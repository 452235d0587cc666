/**
 * The scenario schema: every field in ONE row (path from its place in the
 * tree, type, range, default, label, unit and a one-line description in a
 * user's words). Everything else is derived from these rows: the TypeScript
 * types of the scenario (types.ts, by inference), the defaults (defaults.ts),
 * the parser's checks, the UI's controls and the permalink's parameter names,
 * so a field added here is typed, accepted, defaulted, shown and linkable at
 * once. (The pattern of tldraw's record schemas: validators, defaults and
 * migrations beside the fields, not restated elsewhere.)
 */
import { GPU_PRESET_IDS } from '../../presets/gpus';
import { MODEL_PRESET_IDS } from '../../presets/models';
import { SCHEDULE_IDS } from '../pipeline/registry';

export type FieldType = 'int' | 'number' | 'boolean' | 'enum' | 'string';

export interface FieldDef {
  /** Dotted path, e.g. "parallel.tp"; also the permalink parameter name. */
  path: string;
  type: FieldType;
  /** null is a valid value (e.g. a target switched off, capacityFactor null = dropless). */
  nullable: boolean;
  /** Bounds for int and number; inclusive unless the matching *Exclusive flag is set. */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** The allowed values of an enum. */
  values?: readonly string[];
  /** Longest accepted string. */
  maxLength?: number;
  /** Unit shown beside the value; absent exactly when `unitless` is set. */
  unit?: string;
  /** The row says explicitly that the value has no unit (a count, a ratio, a choice). */
  unitless?: true;
  /** Short label for a control. */
  label: string;
  /** One line a user understands. */
  description: string;
  /** Left out of the normalized scenario when not given (the optional claims). */
  optional?: boolean;
  /** Replaces the generated "allowed" text where that would mislead. */
  allowed?: string;
  /**
   * What `{}` gives this field: a value, FROM_PRESET (the model preset's or
   * GPU preset's figure, resolved by the parser), or undefined for a field
   * that has none (an optional claim, a field of an object that is null by default).
   */
  default?: unknown;
}

/** Object-valued fields; nullable ones may be null as a whole (`model.moe: null` = dense). */
export interface ObjectDef {
  path: string;
  nullable: boolean;
  label: string;
  description: string;
  /** What `{}` gives: 'fields' (the object with its fields' defaults), null, or FROM_PRESET. */
  default: 'fields' | null | typeof FROM_PRESET;
}

/** The default of a field the model preset or GPU preset supplies (model.*, hardware.peakTflops, ...). */
export const FROM_PRESET = 'from-preset' as const;
type FromPreset = typeof FROM_PRESET;
/** The unit argument of a row without a unit: says so explicitly, so a forgotten unit is a type error. */
export const UNITLESS = null;
type Unit = string | typeof UNITLESS;

// ---- rows: a field's static type rides along with its runtime definition ----

/** One leaf row. `T` is the field's TypeScript type; `O` whether it may be absent (an optional claim). */
export interface FieldRow<T, O extends boolean = false> {
  readonly kind: 'field';
  readonly def: Omit<FieldDef, 'path'>;
  /** Phantom: carries T for inference only; never set. */
  readonly _type?: T;
  readonly _optional?: O;
}

export interface GroupRow<S extends Shape, N extends boolean = boolean> {
  readonly kind: 'group';
  readonly children: S;
  readonly def: Omit<ObjectDef, 'path'> & { nullable: N };
}

type Row = FieldRow<unknown, boolean> | GroupRow<any, boolean>;
type Shape = { readonly [key: string]: Row };

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends FieldRow<any, true> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
/** The TypeScript type of a row: a leaf's value, or a group's object (| null when nullable). */
export type InferRow<R> =
  R extends FieldRow<infer T, any> ? T
  : R extends GroupRow<infer S, infer N> ? InferShape<S> | (N extends true ? null : never)
  : never;
export type InferShape<S extends Shape> = Simplify<
  { -readonly [K in RequiredKeys<S>]: InferRow<S[K]> } & { -readonly [K in OptionalKeys<S>]?: InferRow<S[K]> }
>;

interface RangeOpts<T> {
  default?: T | FromPreset;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  allowed?: string;
}
interface Opts<T> {
  default?: T | FromPreset;
  allowed?: string;
}

function leaf<T>(def: Omit<FieldDef, 'path' | 'unit' | 'unitless'>, unit: Unit): FieldRow<T> {
  return { kind: 'field', def: { ...def, ...(unit === UNITLESS ? { unitless: true } : { unit }) } };
}
/** An integer in [min, max]; `T` narrows it where only some integers are meant (zeroStage: 0 | 1 | 2 | 3). */
const int = <T extends number = number>(min: number, max: number, label: string, unit: Unit, description: string, o: RangeOpts<T> = {}) =>
  leaf<T>({ type: 'int', nullable: false, min, max, label, description, ...o }, unit);
const num = (min: number, max: number, label: string, unit: Unit, description: string, o: RangeOpts<number> = {}) =>
  leaf<number>({ type: 'number', nullable: false, min, max, label, description, ...o }, unit);
const bool = (label: string, description: string, o: Opts<boolean> = {}) =>
  leaf<boolean>({ type: 'boolean', nullable: false, label, description, ...o }, UNITLESS);
const oneOf = <const V extends readonly string[]>(values: V, label: string, description: string, o: Opts<V[number]> = {}) =>
  leaf<V[number]>({ type: 'enum', nullable: false, values, label, description, ...o }, UNITLESS);
const str = (maxLength: number, label: string, description: string, o: Opts<string> = {}) =>
  leaf<string>({ type: 'string', nullable: false, maxLength, label, description, ...o }, UNITLESS);
/** The same field, also taking null; `dflt` is its default (null, a value, or FROM_PRESET). */
const nullable = <T>(row: FieldRow<T>, dflt: T | null | FromPreset): FieldRow<T | null> =>
  ({ kind: 'field', def: { ...row.def, nullable: true, default: dflt } });
/** A field that may be left out of the normalized scenario (a claim not stated). */
const optional = <T>(row: FieldRow<T>): FieldRow<T, true> => ({ kind: 'field', def: { ...row.def, optional: true, default: undefined } });
const group = <const S extends Shape>(label: string, description: string, children: S): GroupRow<S, false> =>
  ({ kind: 'group', children, def: { nullable: false, label, description, default: 'fields' } });
/** An object that may be null as a whole; `dflt`: what `{}` gives. */
const nullableGroup = <const S extends Shape>(label: string, description: string, dflt: ObjectDef['default'], children: S): GroupRow<S, true> =>
  ({ kind: 'group', children, def: { nullable: true, label, description, default: dflt } });

// Ranges are wide sanity bounds, not recommendations: they stop typos (0,
// negative, 1e300) without refusing an unusual but real configuration.
const BIG = 10_000_000;
const DEGREE = 65_536;
const positive = { minExclusive: true } as const;
/**
 * Least rate, efficiency, memory or capacity factor: values below it
 * (denormals such as 5e-324) would turn block times into Infinity or NaN,
 * and no real GPU is a thousand times slower than this.
 */
const MIN_RATE = 0.001;
/** Largest cluster the explorer evaluates in bounded time (budget.ts MAX_RANKS matches it); today's largest are about 200,000 GPUs. */
export const MAX_GPUS = 262_144;
/** Most routed experts: the routing simulation draws each expert's load, so its time grows with the count; published models have at most a few hundred. */
const MAX_EXPERTS = 16_384;

export const PRECISIONS = ['fp16', 'bf16', 'fp8'] as const;
/**
 * How served weights or the KV cache are stored: the compute formats, or
 * 'fp4' (MXFP4: 4-bit elements with one 8-bit scale per 32, as gpt-oss ships
 * its expert weights). Storage decides bytes held and read, not GEMM speed.
 */
export const STORAGE_PRECISIONS = ['fp16', 'bf16', 'fp8', 'fp4'] as const;
export const MODES = ['training', 'inference'] as const;
export const PHASES = ['prefill', 'decode'] as const;
export const OPTIMIZERS = ['adam', 'sgd'] as const;
export const RECOMPUTES = ['none', 'selective', 'full'] as const;
export const DISTRIBUTIONS = ['uniform', 'zipf'] as const;

/** Every order of the four dimensions, innermost first ("tp-ep-dp-pp": TP neighbours on adjacent ranks). */
function permutations(items: readonly string[]): string[] {
  if (items.length <= 1) return [items.join('-')];
  return items.flatMap((first, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => `${first}-${rest}`));
}
export const RANK_ORDERS: readonly string[] = permutations(['tp', 'ep', 'dp', 'pp']);

/** The scenario format version this code writes and reads; older documents and links are migrated (migrations.ts). */
export const SCENARIO_VERSION = 1;

/**
 * The scenario, row by row, in the order the UI lists and links write the
 * fields. Model fields and the GPU's own figures default FROM_PRESET: the
 * seed model (`seed-moe`) and the seed GPU (`seed-gpu`) unless a preset is named.
 */
export const SCENARIO_SCHEMA = group('Scenario', 'One document: model, hardware, workload, strategy, claims and targets.', {
  version: int<typeof SCENARIO_VERSION>(1, SCENARIO_VERSION, 'Format version', UNITLESS, 'Version of the scenario format.', {
    default: SCENARIO_VERSION,
    allowed: `${SCENARIO_VERSION} (the only version this parser reads; older documents are migrated before parsing)`,
  }),

  model: group('Model', 'The transformer being split across GPUs.', {
    preset: nullable(oneOf(MODEL_PRESET_IDS, 'Model preset', 'Published model to start from; the model fields given override it.'), null),
    name: str(200, 'Name', 'Display name of the model.', { default: FROM_PRESET }),
    layers: int(1, 10_000, 'Layers', UNITLESS, 'Number of transformer layers (blocks).', { default: FROM_PRESET }),
    hidden: int(1, 1_000_000, 'Hidden size', UNITLESS, 'Width of the residual stream (d_model).', { default: FROM_PRESET }),
    heads: int(1, 100_000, 'Attention heads', UNITLESS, 'Number of query heads per attention layer.', { default: FROM_PRESET }),
    kvHeads: int(1, 100_000, 'KV heads', UNITLESS, 'Key/value heads; fewer than the query heads means grouped-query attention.', { default: FROM_PRESET }),
    // As wide as the hidden size allows: the default hidden / heads (one head) must be a value the schema takes back.
    headDim: int(1, 1_000_000, 'Head dimension', UNITLESS, 'Width of one attention head; defaults to hidden / heads.', { default: FROM_PRESET }),
    ffnHidden: int(1, BIG, 'Dense FFN size', UNITLESS, 'Intermediate width of the dense (non-expert) feed-forward layers.', { default: FROM_PRESET }),
    gatedFfn: bool('Gated FFN', 'SwiGLU-style feed-forward with three weight matrices instead of two.', { default: FROM_PRESET }),
    vocab: int(1, BIG, 'Vocabulary', 'tokens', 'Number of tokens in the vocabulary.', { default: FROM_PRESET }),
    tiedEmbeddings: bool('Tied embeddings', 'The input embedding and the output head share one matrix.', { default: FROM_PRESET }),
    moe: nullableGroup('Mixture of experts', 'The expert layers; null for a dense model.', FROM_PRESET, {
      experts: int(1, MAX_EXPERTS, 'Experts', UNITLESS, 'Routed experts in each MoE layer.', { default: FROM_PRESET }),
      topK: int(1, 100_000, 'Top-k', UNITLESS, 'How many experts each token is sent to.', { default: FROM_PRESET }),
      expertHidden: int(1, BIG, 'Expert FFN size', UNITLESS, 'Intermediate width of one expert.', { default: FROM_PRESET }),
      sharedExperts: int(0, 1024, 'Shared experts', UNITLESS, 'Experts every token always uses, beside the routed ones.', { default: FROM_PRESET }),
      sharedExpertHidden: int(1, BIG, 'Shared expert size', UNITLESS, 'Intermediate width of one shared expert.', { default: FROM_PRESET }),
      /** The first N layers use a dense FFN (of `ffnHidden`) instead of experts. */
      denseLayers: int(0, 10_000, 'Leading dense layers', UNITLESS, 'The first N layers use a dense FFN instead of experts.', { default: FROM_PRESET }),
      layerFrequency: int(1, 10_000, 'MoE layer frequency', UNITLESS, 'Every Nth remaining layer is an MoE layer; 1 = all of them.', { default: FROM_PRESET }),
    }),
    // Multi-head latent attention (DeepSeek-V2/V3); with no preset MLA to complete from, all five fields are needed.
    mla: nullableGroup('Multi-head latent attention', 'DeepSeek-style compressed attention; null for standard attention.', FROM_PRESET, {
      qLoraRank: int(0, 1_000_000, 'Query LoRA rank', UNITLESS, 'Rank of the compressed query projection; 0 = full-rank queries.'),
      kvLoraRank: int(1, 1_000_000, 'KV LoRA rank', UNITLESS, 'Width of the compressed key/value latent that the KV cache stores.'),
      qkNopeHeadDim: int(0, 100_000, 'QK head dim (no RoPE)', UNITLESS, 'Per-head query/key width without rotary position encoding.'),
      qkRopeHeadDim: int(0, 100_000, 'QK head dim (RoPE)', UNITLESS, 'Per-head query/key width that carries rotary position encoding.'),
      vHeadDim: int(1, 100_000, 'Value head dim', UNITLESS, 'Per-head width of the values.'),
    }),
    statedParams: nullable(num(0, 1e16, 'Stated parameters', 'params', 'Parameter count a document claims; audited, never used for math.', positive), FROM_PRESET),
  }),

  hardware: group('Hardware', 'The GPUs and how they are connected.', {
    gpu: oneOf(GPU_PRESET_IDS, 'GPU', 'GPU preset; the hardware fields given override it.', { default: 'seed-gpu' }),
    count: int(1, MAX_GPUS, 'GPUs', 'GPUs', 'Total number of GPUs in the cluster.', { default: 16 }),
    gpusPerNode: int(1, 4096, 'GPUs per node', 'GPUs', 'GPUs joined by the fast intra-node links (NVLink, Infinity Fabric).', { default: 8 }),
    peakTflops: num(MIN_RATE, 1_000_000, 'Peak TFLOP/s', 'TFLOP/s', 'Dense tensor throughput of one GPU at the workload precision.', { default: FROM_PRESET }),
    // Fraction of peak that large, square GEMMs reach (see core/compute/efficiency.ts).
    computeEfficiency: num(MIN_RATE, 1, 'Compute efficiency', UNITLESS, 'Fraction of peak that large matrix multiplications reach.', { default: FROM_PRESET }),
    memoryGB: num(MIN_RATE, 100_000, 'GPU memory', 'GB', 'Memory of one GPU.', { default: FROM_PRESET }),
    memoryBandwidthTBps: num(MIN_RATE, 1000, 'Memory bandwidth', 'TB/s', 'Memory bandwidth of one GPU.', { default: FROM_PRESET }),
    memoryBandwidthEfficiency: num(MIN_RATE, 1, 'Bandwidth efficiency', UNITLESS, 'Fraction of the memory bandwidth that kernels reach.', { default: FROM_PRESET }),
    intraNodeGBps: num(MIN_RATE, 100_000, 'Intra-node bandwidth', 'GB/s', 'Per GPU, one direction, to GPUs in the same node.', { default: FROM_PRESET }),
    interNodeGBps: num(MIN_RATE, 100_000, 'Inter-node bandwidth', 'GB/s', 'Per GPU, one direction, to GPUs in other nodes.', { default: FROM_PRESET }),
    // α of the α–β model.
    linkLatencyUs: num(0, 1_000_000, 'Link latency', 'µs', 'Latency of one step of a collective operation.', { default: 5 }),
    runtimeReserveGB: num(0, 10_000, 'Runtime reserve', 'GB', 'Memory per GPU kept for the CUDA context, NCCL buffers and allocator slack.', { default: 2 }),
  }),

  workload: group('Workload', 'What the cluster runs: training or inference, batch and sequence sizes.', {
    mode: oneOf(MODES, 'Mode', 'Training (forward, backward, optimizer) or inference (forward only).', { default: 'inference' }),
    phase: oneOf(PHASES, 'Inference phase', 'Prefill processes whole prompts; decode generates one token at a time.', { default: 'prefill' }),
    globalBatch: int(1, BIG, 'Global batch', 'sequences', 'Sequences per training step or per inference batch.', { default: 128 }),
    seqLen: int(1, BIG, 'Sequence length', 'tokens', 'Tokens per sequence.', { default: 2048 }),
    seqLenRange: nullableGroup('Sequence length range', 'Also report the metrics across this range of sequence lengths; null to skip.', 'fields', {
      min: int(1, BIG, 'Shortest sequence', 'tokens', 'Shortest sequence length of the range report.', { default: 128 }),
      max: int(1, BIG, 'Longest sequence', 'tokens', 'Longest sequence length of the range report.', { default: 10240 }),
    }),
    decodeTokens: int(1, BIG, 'Decode tokens', 'tokens', 'Tokens generated per sequence in decode.', { default: 128 }),
    microBatches: int(1, 100_000, 'Micro-batches', UNITLESS, 'Micro-batches per pipeline per step; micro-batch size = global batch / (DP × micro-batches).', { default: 8 }),
    precision: oneOf(PRECISIONS, 'Precision', 'Number format of the matrix multiplications.', { default: 'fp16' }),
    optimizer: oneOf(OPTIMIZERS, 'Optimizer', 'Adam keeps two moments per parameter; SGD with momentum keeps one.', { default: 'adam' }),
    zeroStage: int<0 | 1 | 2 | 3>(0, 3, 'ZeRO stage', UNITLESS, 'Shards optimizer state (1), also gradients (2), also weights (3) over the data-parallel GPUs.', { default: 1 }),
    fp32MainGrads: bool('FP32 main gradients', 'Keep gradients in fp32 as Megatron does (18 bytes per parameter with Adam instead of 16).', { default: true }),
    recompute: oneOf(RECOMPUTES, 'Recompute', 'Recompute activations in the backward pass to save memory: none, the attention core, or whole layers.', { default: 'selective' }),
    sequenceParallel: bool('Sequence parallelism', 'Split the norm and dropout activations over the tensor-parallel GPUs too.', { default: true }),
    flashAttention: bool('FlashAttention', 'Fused attention that never stores the sequence × sequence score matrix.', { default: true }),
    dropout: bool('Dropout', 'Train with dropout (GPT-3-era models); it stores a mask per dropout layer.', { default: false }),
    fp8Attention: bool('FP8 attention', 'With FP8 precision, run the attention core in FP8 too; otherwise only the linear and expert matrix multiplications use FP8.', { default: false }),
    fp8ActivationCache: bool('FP8 activation cache', 'With FP8 precision, also keep the activation function\'s inputs in FP8 for the backward pass (DeepSeek-V3), not only the matrix-multiplication inputs.', { default: false }),
    denseExperts: bool('Every expert on every token', 'No MoE kernel: each routed expert runs on every token and the router weights mask the outputs (TensorRT-LLM\'s plugin-free MoE): experts ÷ top-k times the expert work.', { default: false }),
    cudaGraphs: bool('CUDA graphs', 'Replay recorded kernel launches, so the CPU no longer limits small layers (dropless MoE layers only up to the token-count sync).', { default: false }),
    weightPrecision: nullable(oneOf(STORAGE_PRECISIONS, 'Weight format', 'Serving: format the weights are stored and read in; fp4 = MXFP4 (4.25 bits); null = 8-bit with fp8 precision, else 16-bit.'), null),
    expertWeightPrecision: nullable(oneOf(STORAGE_PRECISIONS, 'Expert weight format', 'Serving: format of the routed-expert weights (gpt-oss ships them in MXFP4); null = the weight format.'), null),
    kvCachePrecision: nullable(oneOf(PRECISIONS, 'KV cache format', 'Serving: format of the cached keys and values (fp8 halves the cache); null = the weight format, but at least 8 bits (fp8 beside fp4 weights).'), null),
  }),

  parallel: group('Parallel strategy', 'How the model and batch are divided over the GPUs.', {
    tp: int(1, DEGREE, 'TP', UNITLESS, 'Tensor parallelism: GPUs that split every matrix of a layer.', { default: 4 }),
    pp: int(1, DEGREE, 'PP', UNITLESS, 'Pipeline parallelism: stages the layers are divided into.', { default: 4 }),
    dp: int(1, DEGREE, 'DP', UNITLESS, 'Data parallelism: model replicas that each take part of the batch.', { default: 2 }),
    ep: int(1, DEGREE, 'EP', UNITLESS, 'Expert parallelism: GPUs the experts of a layer are spread over.', { default: 16 }),
    etp: int(1, DEGREE, 'ETP', UNITLESS, 'Tensor parallelism inside each expert.', { default: 1 }),
    virtualStages: int(1, 1024, 'Virtual stages', UNITLESS, 'Model chunks per GPU with the interleaved schedule; 1 otherwise (ZB-V and DualPipe place their two chunks per GPU themselves).', { default: 1 }),
    schedule: oneOf(SCHEDULE_IDS, 'Pipeline schedule', 'Order in which the stages run forward and backward passes of the micro-batches.', { default: '1f1b' }),
    capacityFactor: nullable(num(MIN_RATE, 64, 'Capacity factor', UNITLESS, 'How many tokens an expert accepts, relative to an even share; null = dropless.'), 1.1),
    routing: group('Routing', 'How tokens choose experts in the simulation.', {
      distribution: oneOf(DISTRIBUTIONS, 'Routing distribution', 'How popular each expert is in the routing simulation.', { default: 'zipf' }),
      skew: num(0, 4, 'Routing skew', UNITLESS, 'Zipf exponent of expert popularity; 0 = every expert equally likely.', { default: 0 }),
      seed: int(0, 4_294_967_295, 'Routing seed', UNITLESS, 'Random seed of the routing simulation, so results repeat.', { default: 1 }),
    }),
    overlap: group('Overlap', 'Which communication runs hidden behind computation.', {
      dpGrad: bool('Overlap DP gradients', 'Gradient all-reduce runs during the backward pass.', { default: true }),
      tpComm: bool('Overlap TP communication', 'Tensor-parallel collectives run behind the matrix multiplications.', { default: false }),
      epComm: bool('Overlap EP communication', 'Expert all-to-alls run behind computation.', { default: false }),
    }),
    epFp8Dispatch: bool('FP8 dispatch', 'The expert all-to-all sends tokens in FP8 (DeepEP); results come back in 16-bit.', { default: false }),
    epNodeDedup: bool('Node-level dedup', 'DeepEP/HybridEP kernels: a token crosses the network once per destination node and is forwarded over NVLink there, and the kernels gather and sum the token copies themselves (no separate permutation).', { default: false }),
    /** Innermost dimension first: "tp-ep-dp-pp" puts TP neighbours on adjacent ranks. */
    rankOrder: oneOf(RANK_ORDERS, 'Rank order', 'How parallel dimensions map onto GPU numbers, innermost first; inner groups stay inside a node.', { default: 'tp-ep-dp-pp' }),
  }),

  claims: nullableGroup('Claims', "A document's stated results, audited against the computed ones; never used for math.", null, {
    source: str(500, 'Source', 'The document that states the claims.', { default: 'stated claims (no source given)' }),
    latencyMs: optional(num(0, 1e9, 'Claimed latency', 'ms', 'Latency the document states.')),
    throughputTokensPerSec: optional(num(0, 1e15, 'Claimed throughput', 'tokens/s', 'Throughput the document states.')),
    commOverheadPct: optional(num(0, 100_000, 'Claimed comm overhead', '%', 'Communication overhead the document states.')),
    loadBalancePct: optional(num(0, 100, 'Claimed load balance', '%', 'Expert load balance the document states.')),
    gpuUtilizationPct: optional(num(0, 100, 'Claimed GPU utilization', '%', 'GPU utilization the document states.')),
    memoryPerGpuGB: optional(num(0, 100_000, 'Claimed memory per GPU', 'GB', 'Memory per GPU the document states.')),
    bubblePct: optional(num(0, 100, 'Claimed pipeline bubble', '%', 'Pipeline bubble the document states.')),
    totalParams: optional(num(0, 1e16, 'Claimed parameters', 'params', 'Total parameter count the document states.')),
  }),

  targets: group('Targets', 'Goals the strategy must meet; null switches a target off.', {
    latencyMs: nullable(num(0, 1e9, 'Latency target', 'ms', 'Upper bound on latency; null = no target.', positive), 50),
    commOverheadPct: nullable(num(0, 100_000, 'Comm overhead target', '%', 'Upper bound on exposed communication over compute time.'), 20),
    loadBalancePct: nullable(num(0, 100, 'Load balance target', '%', 'Lower bound on mean / max expert load per GPU.'), 90),
    gpuUtilizationPct: nullable(num(0, 100, 'GPU utilization target', '%', 'Lower bound on the time GPUs spend computing.'), 90),
    throughputTokensPerSec: nullable(num(0, 1e15, 'Throughput target', 'tokens/s', 'Lower bound on tokens processed per second.'), 20000),
    memoryPct: nullable(num(0, 1000, 'Memory target', '%', 'Upper bound on peak memory per GPU, as a share of its capacity.', positive), 100),
  }),
});

/** The normalized scenario's type, inferred from the rows (types.ts names its parts). */
export type ScenarioShape = InferRow<typeof SCENARIO_SCHEMA>;

// ---- derived tables: the flat field list, the objects, the defaults ----

const fields: FieldDef[] = [];
const objects: ObjectDef[] = [];
(function flatten(shape: Shape, prefix: string): void {
  for (const [key, row] of Object.entries(shape)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (row.kind === 'field') fields.push({ path, ...row.def });
    else {
      objects.push({ path, ...row.def });
      flatten(row.children, path);
    }
  }
})(SCENARIO_SCHEMA.children, '');

/** Every leaf field, in the schema's order (the order of a link's parameters). */
export const FIELDS: readonly FieldDef[] = fields;
/** Every object field below the root. */
export const OBJECTS: readonly ObjectDef[] = objects;

const BY_PATH = new Map(FIELDS.map((f) => [f.path, f]));

/** The field with this dotted path, or undefined for an object path or an unknown one. */
export function fieldByPath(path: string): FieldDef | undefined {
  return BY_PATH.get(path);
}

const OBJECT_BY_PATH = new Map(OBJECTS.map((o) => [o.path, o]));

/** The object field with this path ("model.moe"), or undefined. */
export function objectByPath(path: string): ObjectDef | undefined {
  return OBJECT_BY_PATH.get(path);
}

/**
 * The rows' defaults for the object at `path` ("parallel"), in the schema's
 * key order: nested objects filled, a null-by-default object null, optional
 * fields left out, and FROM_PRESET leaves as `undefined` placeholders that
 * the resolver fills from the preset. A fresh object on every call.
 */
export function rowDefaults(path: string): Record<string, unknown> {
  let row: Row = SCENARIO_SCHEMA;
  for (const key of path ? path.split('.') : []) {
    if (row.kind !== 'group' || !(key in row.children)) throw new Error(`schema: no object ${path}`);
    row = row.children[key]!;
  }
  if (row.kind !== 'group') throw new Error(`schema: ${path} is a field, not an object`);
  return defaultsOf(row.children);
}

function defaultsOf(shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, row] of Object.entries(shape)) {
    if (row.kind === 'field') {
      if (row.def.optional) continue;
      out[key] = row.def.default === FROM_PRESET ? undefined : row.def.default;
    } else {
      out[key] = row.def.default === 'fields' ? defaultsOf(row.children) : row.def.default === null ? null : undefined;
    }
  }
  return out;
}
