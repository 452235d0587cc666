/**
 * Every leaf field of a scenario, in one declarative table: its path, type,
 * range, unit and a one-line description in a user's words. The parser
 * validates against it, the UI builds controls from it (ranges, labels,
 * units) and permalinks name parameters by its paths, so a field added here
 * is accepted, shown and linkable at once.
 */
import { GPU_PRESET_IDS } from '../../presets/gpus';
import { MODEL_PRESET_IDS } from '../../presets/models';
import { SCHEDULE_IDS } from '../pipeline/registry';
import type { Mode, Optimizer, Phase, Precision, Recompute, RoutingDistribution, StoragePrecision } from './types';

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
  unit?: string;
  /** Short label for a control. */
  label: string;
  /** One line a user understands. */
  description: string;
  /** Left out of the normalized scenario when not given (the optional claims). */
  optional?: boolean;
  /** Replaces the generated "allowed" text where that would mislead. */
  allowed?: string;
}

/** Object-valued fields; nullable ones may be null as a whole (`model.moe: null` = dense). */
export interface ObjectDef {
  path: string;
  nullable: boolean;
  label: string;
  description: string;
}

export const OBJECTS: readonly ObjectDef[] = [
  { path: 'model', nullable: false, label: 'Model', description: 'The transformer being split across GPUs.' },
  { path: 'model.moe', nullable: true, label: 'Mixture of experts', description: 'The expert layers; null for a dense model.' },
  { path: 'model.mla', nullable: true, label: 'Multi-head latent attention', description: 'DeepSeek-style compressed attention; null for standard attention.' },
  { path: 'hardware', nullable: false, label: 'Hardware', description: 'The GPUs and how they are connected.' },
  { path: 'workload', nullable: false, label: 'Workload', description: 'What the cluster runs: training or inference, batch and sequence sizes.' },
  { path: 'workload.seqLenRange', nullable: true, label: 'Sequence length range', description: 'Also report the metrics across this range of sequence lengths; null to skip.' },
  { path: 'parallel', nullable: false, label: 'Parallel strategy', description: 'How the model and batch are divided over the GPUs.' },
  { path: 'parallel.routing', nullable: false, label: 'Routing', description: 'How tokens choose experts in the simulation.' },
  { path: 'parallel.overlap', nullable: false, label: 'Overlap', description: 'Which communication runs hidden behind computation.' },
  { path: 'claims', nullable: true, label: 'Claims', description: "A document's stated results, audited against the computed ones; never used for math." },
  { path: 'targets', nullable: false, label: 'Targets', description: 'Goals the strategy must meet; null switches a target off.' },
];

type Opts = Partial<Omit<FieldDef, 'path' | 'type' | 'label' | 'description'>>;

const int = (path: string, min: number, max: number, label: string, description: string, o: Opts = {}): FieldDef =>
  ({ path, type: 'int', nullable: false, min, max, label, description, ...o });
const num = (path: string, min: number, max: number, label: string, description: string, o: Opts = {}): FieldDef =>
  ({ path, type: 'number', nullable: false, min, max, label, description, ...o });
const bool = (path: string, label: string, description: string): FieldDef =>
  ({ path, type: 'boolean', nullable: false, label, description });
const oneOf = (path: string, values: readonly string[], label: string, description: string, o: Opts = {}): FieldDef =>
  ({ path, type: 'enum', nullable: false, values, label, description, ...o });
const str = (path: string, maxLength: number, label: string, description: string, o: Opts = {}): FieldDef =>
  ({ path, type: 'string', nullable: false, maxLength, label, description, ...o });

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

const PRECISIONS: readonly Precision[] = ['fp16', 'bf16', 'fp8'];
const STORAGE_PRECISIONS: readonly StoragePrecision[] = ['fp16', 'bf16', 'fp8', 'fp4'];
const MODES: readonly Mode[] = ['training', 'inference'];
const PHASES: readonly Phase[] = ['prefill', 'decode'];
const OPTIMIZERS: readonly Optimizer[] = ['adam', 'sgd'];
const RECOMPUTES: readonly Recompute[] = ['none', 'selective', 'full'];
const DISTRIBUTIONS: readonly RoutingDistribution[] = ['uniform', 'zipf'];

/** Every order of the four dimensions, innermost first ("tp-ep-dp-pp": TP neighbours on adjacent ranks). */
function permutations(items: readonly string[]): string[] {
  if (items.length <= 1) return [items.join('-')];
  return items.flatMap((first, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => `${first}-${rest}`));
}
export const RANK_ORDERS: readonly string[] = permutations(['tp', 'ep', 'dp', 'pp']);

export const FIELDS: readonly FieldDef[] = [
  int('version', 1, 1, 'Format version', 'Version of the scenario format.', {
    allowed: '1 (the only version this parser reads; older documents are migrated before parsing)',
  }),

  // model
  oneOf('model.preset', MODEL_PRESET_IDS, 'Model preset', 'Published model to start from; the model fields given override it.', { nullable: true }),
  str('model.name', 200, 'Name', 'Display name of the model.'),
  int('model.layers', 1, 10_000, 'Layers', 'Number of transformer layers (blocks).'),
  int('model.hidden', 1, 1_000_000, 'Hidden size', 'Width of the residual stream (d_model).'),
  int('model.heads', 1, 100_000, 'Attention heads', 'Number of query heads per attention layer.'),
  int('model.kvHeads', 1, 100_000, 'KV heads', 'Key/value heads; fewer than the query heads means grouped-query attention.'),
  // As wide as the hidden size allows: the default hidden / heads (one head) must be a value the schema takes back.
  int('model.headDim', 1, 1_000_000, 'Head dimension', 'Width of one attention head; defaults to hidden / heads.'),
  int('model.ffnHidden', 1, BIG, 'Dense FFN size', 'Intermediate width of the dense (non-expert) feed-forward layers.'),
  bool('model.gatedFfn', 'Gated FFN', 'SwiGLU-style feed-forward with three weight matrices instead of two.'),
  int('model.vocab', 1, BIG, 'Vocabulary', 'Number of tokens in the vocabulary.', { unit: 'tokens' }),
  bool('model.tiedEmbeddings', 'Tied embeddings', 'The input embedding and the output head share one matrix.'),
  int('model.moe.experts', 1, MAX_EXPERTS, 'Experts', 'Routed experts in each MoE layer.'),
  int('model.moe.topK', 1, 100_000, 'Top-k', 'How many experts each token is sent to.'),
  int('model.moe.expertHidden', 1, BIG, 'Expert FFN size', 'Intermediate width of one expert.'),
  int('model.moe.sharedExperts', 0, 1024, 'Shared experts', 'Experts every token always uses, beside the routed ones.'),
  int('model.moe.sharedExpertHidden', 1, BIG, 'Shared expert size', 'Intermediate width of one shared expert.'),
  int('model.moe.denseLayers', 0, 10_000, 'Leading dense layers', 'The first N layers use a dense FFN instead of experts.'),
  int('model.moe.layerFrequency', 1, 10_000, 'MoE layer frequency', 'Every Nth remaining layer is an MoE layer; 1 = all of them.'),
  int('model.mla.qLoraRank', 0, 1_000_000, 'Query LoRA rank', 'Rank of the compressed query projection; 0 = full-rank queries.'),
  int('model.mla.kvLoraRank', 1, 1_000_000, 'KV LoRA rank', 'Width of the compressed key/value latent that the KV cache stores.'),
  int('model.mla.qkNopeHeadDim', 0, 100_000, 'QK head dim (no RoPE)', 'Per-head query/key width without rotary position encoding.'),
  int('model.mla.qkRopeHeadDim', 0, 100_000, 'QK head dim (RoPE)', 'Per-head query/key width that carries rotary position encoding.'),
  int('model.mla.vHeadDim', 1, 100_000, 'Value head dim', 'Per-head width of the values.'),
  num('model.statedParams', 0, 1e16, 'Stated parameters', 'Parameter count a document claims; audited, never used for math.', { ...positive, nullable: true, unit: 'params' }),

  // hardware
  oneOf('hardware.gpu', GPU_PRESET_IDS, 'GPU', 'GPU preset; the hardware fields given override it.'),
  int('hardware.count', 1, MAX_GPUS, 'GPUs', 'Total number of GPUs in the cluster.', { unit: 'GPUs' }),
  int('hardware.gpusPerNode', 1, 4096, 'GPUs per node', 'GPUs joined by the fast intra-node links (NVLink, Infinity Fabric).', { unit: 'GPUs' }),
  num('hardware.peakTflops', MIN_RATE, 1_000_000, 'Peak TFLOP/s', 'Dense tensor throughput of one GPU at the workload precision.', { unit: 'TFLOP/s' }),
  num('hardware.computeEfficiency', MIN_RATE, 1, 'Compute efficiency', 'Fraction of peak that large matrix multiplications reach.'),
  num('hardware.memoryGB', MIN_RATE, 100_000, 'GPU memory', 'Memory of one GPU.', { unit: 'GB' }),
  num('hardware.memoryBandwidthTBps', MIN_RATE, 1000, 'Memory bandwidth', 'Memory bandwidth of one GPU.', { unit: 'TB/s' }),
  num('hardware.memoryBandwidthEfficiency', MIN_RATE, 1, 'Bandwidth efficiency', 'Fraction of the memory bandwidth that kernels reach.'),
  num('hardware.intraNodeGBps', MIN_RATE, 100_000, 'Intra-node bandwidth', 'Per GPU, one direction, to GPUs in the same node.', { unit: 'GB/s' }),
  num('hardware.interNodeGBps', MIN_RATE, 100_000, 'Inter-node bandwidth', 'Per GPU, one direction, to GPUs in other nodes.', { unit: 'GB/s' }),
  num('hardware.linkLatencyUs', 0, 1_000_000, 'Link latency', 'Latency of one step of a collective operation.', { unit: 'µs' }),
  num('hardware.runtimeReserveGB', 0, 10_000, 'Runtime reserve', 'Memory per GPU kept for the CUDA context, NCCL buffers and allocator slack.', { unit: 'GB' }),

  // workload
  oneOf('workload.mode', MODES, 'Mode', 'Training (forward, backward, optimizer) or inference (forward only).'),
  oneOf('workload.phase', PHASES, 'Inference phase', 'Prefill processes whole prompts; decode generates one token at a time.'),
  int('workload.globalBatch', 1, BIG, 'Global batch', 'Sequences per training step or per inference batch.', { unit: 'sequences' }),
  int('workload.seqLen', 1, BIG, 'Sequence length', 'Tokens per sequence.', { unit: 'tokens' }),
  int('workload.seqLenRange.min', 1, BIG, 'Shortest sequence', 'Shortest sequence length of the range report.', { unit: 'tokens' }),
  int('workload.seqLenRange.max', 1, BIG, 'Longest sequence', 'Longest sequence length of the range report.', { unit: 'tokens' }),
  int('workload.decodeTokens', 1, BIG, 'Decode tokens', 'Tokens generated per sequence in decode.', { unit: 'tokens' }),
  int('workload.microBatches', 1, 100_000, 'Micro-batches', 'Micro-batches per pipeline per step; micro-batch size = global batch / (DP × micro-batches).'),
  oneOf('workload.precision', PRECISIONS, 'Precision', 'Number format of the matrix multiplications.'),
  oneOf('workload.optimizer', OPTIMIZERS, 'Optimizer', 'Adam keeps two moments per parameter; SGD with momentum keeps one.'),
  int('workload.zeroStage', 0, 3, 'ZeRO stage', 'Shards optimizer state (1), also gradients (2), also weights (3) over the data-parallel GPUs.'),
  bool('workload.fp32MainGrads', 'FP32 main gradients', 'Keep gradients in fp32 as Megatron does (18 bytes per parameter with Adam instead of 16).'),
  oneOf('workload.recompute', RECOMPUTES, 'Recompute', 'Recompute activations in the backward pass to save memory: none, the attention core, or whole layers.'),
  bool('workload.sequenceParallel', 'Sequence parallelism', 'Split the norm and dropout activations over the tensor-parallel GPUs too.'),
  bool('workload.flashAttention', 'FlashAttention', 'Fused attention that never stores the sequence × sequence score matrix.'),
  bool('workload.dropout', 'Dropout', 'Train with dropout (GPT-3-era models); it stores a mask per dropout layer.'),
  bool('workload.fp8Attention', 'FP8 attention', 'With FP8 precision, run the attention core in FP8 too; otherwise only the linear and expert matrix multiplications use FP8.'),
  bool('workload.fp8ActivationCache', 'FP8 activation cache', 'With FP8 precision, also keep the activation function\'s inputs in FP8 for the backward pass (DeepSeek-V3), not only the matrix-multiplication inputs.'),
  bool('workload.denseExperts', 'Every expert on every token', 'No MoE kernel: each routed expert runs on every token and the router weights mask the outputs (TensorRT-LLM\'s plugin-free MoE): experts ÷ top-k times the expert work.'),
  bool('workload.cudaGraphs', 'CUDA graphs', 'Replay recorded kernel launches, so the CPU no longer limits small layers (dropless MoE layers only up to the token-count sync).'),
  oneOf('workload.weightPrecision', STORAGE_PRECISIONS, 'Weight format', 'Serving: format the weights are stored and read in; fp4 = MXFP4 (4.25 bits); null = 8-bit with fp8 precision, else 16-bit.', { nullable: true }),
  oneOf('workload.expertWeightPrecision', STORAGE_PRECISIONS, 'Expert weight format', 'Serving: format of the routed-expert weights (gpt-oss ships them in MXFP4); null = the weight format.', { nullable: true }),
  oneOf('workload.kvCachePrecision', PRECISIONS, 'KV cache format', 'Serving: format of the cached keys and values (fp8 halves the cache); null = the weight format, but at least 8 bits (fp8 beside fp4 weights).', { nullable: true }),

  // parallel
  int('parallel.tp', 1, DEGREE, 'TP', 'Tensor parallelism: GPUs that split every matrix of a layer.'),
  int('parallel.pp', 1, DEGREE, 'PP', 'Pipeline parallelism: stages the layers are divided into.'),
  int('parallel.dp', 1, DEGREE, 'DP', 'Data parallelism: model replicas that each take part of the batch.'),
  int('parallel.ep', 1, DEGREE, 'EP', 'Expert parallelism: GPUs the experts of a layer are spread over.'),
  int('parallel.etp', 1, DEGREE, 'ETP', 'Tensor parallelism inside each expert.'),
  int('parallel.virtualStages', 1, 1024, 'Virtual stages', 'Model chunks per GPU with the interleaved schedule; 1 otherwise (ZB-V and DualPipe place their two chunks per GPU themselves).'),
  oneOf('parallel.schedule', SCHEDULE_IDS, 'Pipeline schedule', 'Order in which the stages run forward and backward passes of the micro-batches.'),
  num('parallel.capacityFactor', MIN_RATE, 64, 'Capacity factor', 'How many tokens an expert accepts, relative to an even share; null = dropless.', { nullable: true }),
  oneOf('parallel.routing.distribution', DISTRIBUTIONS, 'Routing distribution', 'How popular each expert is in the routing simulation.'),
  num('parallel.routing.skew', 0, 4, 'Routing skew', 'Zipf exponent of expert popularity; 0 = every expert equally likely.'),
  int('parallel.routing.seed', 0, 4_294_967_295, 'Routing seed', 'Random seed of the routing simulation, so results repeat.'),
  bool('parallel.overlap.dpGrad', 'Overlap DP gradients', 'Gradient all-reduce runs during the backward pass.'),
  bool('parallel.overlap.tpComm', 'Overlap TP communication', 'Tensor-parallel collectives run behind the matrix multiplications.'),
  bool('parallel.overlap.epComm', 'Overlap EP communication', 'Expert all-to-alls run behind computation.'),
  bool('parallel.epFp8Dispatch', 'FP8 dispatch', 'The expert all-to-all sends tokens in FP8 (DeepEP); results come back in 16-bit.'),
  bool('parallel.epNodeDedup', 'Node-level dedup', 'DeepEP/HybridEP kernels: a token crosses the network once per destination node and is forwarded over NVLink there, and the kernels gather and sum the token copies themselves (no separate permutation).'),
  oneOf('parallel.rankOrder', RANK_ORDERS, 'Rank order', 'How parallel dimensions map onto GPU numbers, innermost first; inner groups stay inside a node.'),

  // claims
  str('claims.source', 500, 'Source', 'The document that states the claims.'),
  num('claims.latencyMs', 0, 1e9, 'Claimed latency', 'Latency the document states.', { optional: true, unit: 'ms' }),
  num('claims.throughputTokensPerSec', 0, 1e15, 'Claimed throughput', 'Throughput the document states.', { optional: true, unit: 'tokens/s' }),
  num('claims.commOverheadPct', 0, 100_000, 'Claimed comm overhead', 'Communication overhead the document states.', { optional: true, unit: '%' }),
  num('claims.loadBalancePct', 0, 100, 'Claimed load balance', 'Expert load balance the document states.', { optional: true, unit: '%' }),
  num('claims.gpuUtilizationPct', 0, 100, 'Claimed GPU utilization', 'GPU utilization the document states.', { optional: true, unit: '%' }),
  num('claims.memoryPerGpuGB', 0, 100_000, 'Claimed memory per GPU', 'Memory per GPU the document states.', { optional: true, unit: 'GB' }),
  num('claims.bubblePct', 0, 100, 'Claimed pipeline bubble', 'Pipeline bubble the document states.', { optional: true, unit: '%' }),
  num('claims.totalParams', 0, 1e16, 'Claimed parameters', 'Total parameter count the document states.', { optional: true, unit: 'params' }),

  // targets
  num('targets.latencyMs', 0, 1e9, 'Latency target', 'Upper bound on latency; null = no target.', { ...positive, nullable: true, unit: 'ms' }),
  num('targets.commOverheadPct', 0, 100_000, 'Comm overhead target', 'Upper bound on exposed communication over compute time.', { nullable: true, unit: '%' }),
  num('targets.loadBalancePct', 0, 100, 'Load balance target', 'Lower bound on mean / max expert load per GPU.', { nullable: true, unit: '%' }),
  num('targets.gpuUtilizationPct', 0, 100, 'GPU utilization target', 'Lower bound on the time GPUs spend computing.', { nullable: true, unit: '%' }),
  num('targets.throughputTokensPerSec', 0, 1e15, 'Throughput target', 'Lower bound on tokens processed per second.', { nullable: true, unit: 'tokens/s' }),
  num('targets.memoryPct', 0, 1000, 'Memory target', 'Upper bound on peak memory per GPU, as a share of its capacity.', { ...positive, nullable: true, unit: '%' }),
];

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
