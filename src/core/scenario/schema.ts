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
import { GPU_PRESET_IDS } from '../catalog/gpus';
import { MODEL_PRESET_IDS } from '../catalog/models';
import { SCHEDULE_IDS } from '../pipeline/registry';
import { FRAMEWORK_IDS } from '../catalog/frameworks';
import { MODEL_ROWS } from '../fields/model-rows';
import {
  BIG,
  bool,
  DEGREE,
  DISTRIBUTIONS,
  FROM_PRESET,
  group,
  int,
  MAX_GPUS,
  MIN_RATE,
  MODES,
  nullable,
  nullableGroup,
  num,
  oneOf,
  optional,
  OPTIMIZERS,
  PHASES,
  positive,
  PRECISIONS,
  RECOMPUTES,
  STORAGE_PRECISIONS,
  str,
  UNITLESS,
  type FieldDef,
  type InferRow,
  type ObjectDef,
  type Row,
  type Shape,
} from '../fields/rows';

export { FROM_PRESET, MAX_GPUS, UNITLESS, type FieldDef, type FieldType, type ObjectDef } from '../fields/rows';
export { DISTRIBUTIONS, MODES, OPTIMIZERS, PHASES, PRECISIONS, RECOMPUTES, STORAGE_PRECISIONS } from '../fields/rows';

/** Every order of the four dimensions, innermost first ("tp-ep-dp-pp": TP neighbours on adjacent ranks). */
function permutations(items: readonly string[]): string[] {
  if (items.length <= 1) return [items.join('-')];
  return items.flatMap((first, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => `${first}-${rest}`),
  );
}
export const RANK_ORDERS: readonly string[] = permutations(['tp', 'ep', 'dp', 'pp']);

/** The scenario format version this code writes and reads; older documents and links are migrated (migrations.ts). */
export const SCENARIO_VERSION = 1;

/**
 * The scenario, row by row, in the order the UI lists and links write the
 * fields. Model fields and the GPU's own figures default FROM_PRESET: the
 * seed model (`seed-moe`) and the seed GPU (`seed-gpu`) unless a preset is named.
 */
export const SCENARIO_SCHEMA = group(
  'Scenario',
  'One document: model, hardware, workload, strategy, claims and targets.',
  {
    version: int<typeof SCENARIO_VERSION>(
      1,
      SCENARIO_VERSION,
      'Format version',
      UNITLESS,
      'Version of the scenario format.',
      {
        default: SCENARIO_VERSION,
        allowed: `${SCENARIO_VERSION} (the only version this parser reads; older documents are migrated before parsing)`,
      },
    ),

    model: group('Model', 'The transformer being split across GPUs.', {
      preset: nullable(
        oneOf(MODEL_PRESET_IDS, 'Model preset', 'Published model to start from; the model fields given override it.'),
        null,
      ),
      ...MODEL_ROWS,
    }),

    hardware: group('Hardware', 'The GPUs and how they are connected.', {
      gpu: oneOf(GPU_PRESET_IDS, 'GPU', 'GPU preset; the hardware fields given override it.', { default: 'seed-gpu' }),
      count: int(1, MAX_GPUS, 'GPUs', 'GPUs', 'Total number of GPUs in the cluster.', { default: 16 }),
      gpusPerNode: int(
        1,
        4096,
        'GPUs per node',
        'GPUs',
        'GPUs joined by the fast intra-node links (NVLink, Infinity Fabric).',
        { default: 8 },
      ),
      peakTflops: num(
        MIN_RATE,
        1_000_000,
        'Peak TFLOP/s',
        'TFLOP/s',
        'Dense tensor throughput of one GPU at the workload precision.',
        { default: FROM_PRESET },
      ),
      // Fraction of peak that large, square GEMMs reach (see core/compute/efficiency.ts).
      computeEfficiency: num(
        MIN_RATE,
        1,
        'Compute efficiency',
        UNITLESS,
        'Fraction of peak that large matrix multiplications reach.',
        { default: FROM_PRESET },
      ),
      memoryGB: num(MIN_RATE, 100_000, 'GPU memory', 'GB', 'Memory of one GPU.', { default: FROM_PRESET }),
      memoryBandwidthTBps: num(MIN_RATE, 1000, 'Memory bandwidth', 'TB/s', 'Memory bandwidth of one GPU.', {
        default: FROM_PRESET,
      }),
      memoryBandwidthEfficiency: num(
        MIN_RATE,
        1,
        'Bandwidth efficiency',
        UNITLESS,
        'Fraction of the memory bandwidth that kernels reach.',
        { default: FROM_PRESET },
      ),
      intraNodeGBps: num(
        MIN_RATE,
        100_000,
        'Intra-node bandwidth',
        'GB/s',
        'Per GPU, one direction, to GPUs in the same node.',
        { default: FROM_PRESET },
      ),
      interNodeGBps: num(
        MIN_RATE,
        100_000,
        'Inter-node bandwidth',
        'GB/s',
        'Per GPU, one direction, to GPUs in other nodes.',
        { default: FROM_PRESET },
      ),
      // α of the α–β model.
      linkLatencyUs: num(0, 1_000_000, 'Link latency', 'µs', 'Latency of one step of a collective operation.', {
        default: 5,
      }),
      runtimeReserveGB: num(
        0,
        10_000,
        'Runtime reserve',
        'GB',
        'Memory per GPU kept for the CUDA context, NCCL buffers and allocator slack.',
        { default: 2 },
      ),
    }),

    workload: group('Workload', 'What the cluster runs: training or inference, batch and sequence sizes.', {
      mode: oneOf(MODES, 'Mode', 'Training (forward, backward, optimizer) or inference (forward only).', {
        default: 'inference',
      }),
      phase: oneOf(
        PHASES,
        'Inference phase',
        'Prefill processes whole prompts; decode generates one token at a time.',
        { default: 'prefill' },
      ),
      globalBatch: int(1, BIG, 'Global batch', 'sequences', 'Sequences per training step or per inference batch.', {
        default: 128,
      }),
      seqLen: int(1, BIG, 'Sequence length', 'tokens', 'Tokens per sequence.', { default: 2048 }),
      seqLenRange: nullableGroup(
        'Sequence length range',
        'Also report the metrics across this range of sequence lengths; null to skip.',
        'fields',
        {
          min: int(1, BIG, 'Shortest sequence', 'tokens', 'Shortest sequence length of the range report.', {
            default: 128,
          }),
          max: int(1, BIG, 'Longest sequence', 'tokens', 'Longest sequence length of the range report.', {
            default: 10240,
          }),
        },
      ),
      decodeTokens: int(1, BIG, 'Decode tokens', 'tokens', 'Tokens generated per sequence in decode.', {
        default: 128,
      }),
      microBatches: int(
        1,
        100_000,
        'Micro-batches',
        UNITLESS,
        'Micro-batches per pipeline per step; micro-batch size = global batch / (DP × micro-batches).',
        { default: 8 },
      ),
      precision: oneOf(PRECISIONS, 'Precision', 'Number format of the matrix multiplications.', { default: 'fp16' }),
      optimizer: oneOf(OPTIMIZERS, 'Optimizer', 'Adam keeps two moments per parameter; SGD with momentum keeps one.', {
        default: 'adam',
      }),
      zeroStage: int<0 | 1 | 2 | 3>(
        0,
        3,
        'ZeRO stage',
        UNITLESS,
        'Shards optimizer state (1), also gradients (2), also weights (3) over the data-parallel GPUs.',
        { default: 1 },
      ),
      fp32MainGrads: bool(
        'FP32 main gradients',
        'Keep gradients in fp32 as Megatron does (18 bytes per parameter with Adam instead of 16).',
        { default: true },
      ),
      recompute: oneOf(
        RECOMPUTES,
        'Recompute',
        'Recompute activations in the backward pass to save memory: none, the attention core, or whole layers.',
        { default: 'selective' },
      ),
      sequenceParallel: bool(
        'Sequence parallelism',
        'Split the norm and dropout activations over the tensor-parallel GPUs too.',
        { default: true },
      ),
      flashAttention: bool(
        'FlashAttention',
        'Fused attention that never stores the sequence × sequence score matrix.',
        { default: true },
      ),
      dropout: bool('Dropout', 'Train with dropout (GPT-3-era models); it stores a mask per dropout layer.', {
        default: false,
      }),
      fp8Attention: bool(
        'FP8 attention',
        'With FP8 precision, run the attention core in FP8 too; otherwise only the linear and expert matrix multiplications use FP8.',
        { default: false },
      ),
      fp8ActivationCache: bool(
        'FP8 activation cache',
        "With FP8 precision, also keep the activation function's inputs in FP8 for the backward pass (DeepSeek-V3), not only the matrix-multiplication inputs.",
        { default: false },
      ),
      recomputeNormsAndUpProjections: bool(
        'Recompute norms and MLA up-projections',
        "Training: keep only each RMSNorm's input and MLA's latents, and redo the norms and the up-projections to queries, keys and values in the backward pass (DeepSeek-V3).",
        { default: false },
      ),
      routingWeightInExpert: bool(
        'Routing weight inside the expert',
        "Training: multiply each token's routing weight into the expert's activation output, so the combine keeps no copy of the expert outputs for the backward pass.",
        { default: false },
      ),
      bf16OptimizerMoments: bool(
        'BF16 optimizer moments',
        "Training: keep the optimizer's moments in BF16 instead of fp32; master weights stay fp32 (DeepSeek-V3).",
        { default: false },
      ),
      denseExperts: bool(
        'Every expert on every token',
        "No MoE kernel: each routed expert runs on every token and the router weights mask the outputs (TensorRT-LLM's plugin-free MoE): experts ÷ top-k times the expert work.",
        { default: false },
      ),
      framework: oneOf(
        FRAMEWORK_IDS,
        'Framework',
        "The software that runs it; its defaults fill the engine switches left at 'framework default' (auto = Megatron-Core in training, a CUDA-graph serving engine like vLLM in inference).",
        { default: 'auto' },
      ),
      cudaGraphs: nullable(
        bool(
          'CUDA graphs',
          "Replay recorded kernel launches, so the CPU no longer limits small layers (dropless MoE layers only up to the token-count sync); null = the framework's default.",
        ),
        null,
      ),
      weightPrecision: nullable(
        oneOf(
          STORAGE_PRECISIONS,
          'Weight format',
          'Serving: format the weights are stored and read in; fp4 = MXFP4 (4.25 bits); null = 8-bit with fp8 precision, else 16-bit.',
        ),
        null,
      ),
      expertWeightPrecision: nullable(
        oneOf(
          STORAGE_PRECISIONS,
          'Expert weight format',
          'Serving: format of the routed-expert weights (gpt-oss ships them in MXFP4); null = the weight format.',
        ),
        null,
      ),
      kvCachePrecision: nullable(
        oneOf(
          PRECISIONS,
          'KV cache format',
          'Serving: format of the cached keys and values (fp8 halves the cache); null = the weight format, but at least 8 bits (fp8 beside fp4 weights).',
        ),
        null,
      ),
    }),

    parallel: group('Parallel strategy', 'How the model and batch are divided over the GPUs.', {
      tp: int(1, DEGREE, 'TP', UNITLESS, 'Tensor parallelism: GPUs that split every matrix of a layer.', {
        default: 4,
      }),
      pp: int(1, DEGREE, 'PP', UNITLESS, 'Pipeline parallelism: stages the layers are divided into.', { default: 4 }),
      dp: int(1, DEGREE, 'DP', UNITLESS, 'Data parallelism: model replicas that each take part of the batch.', {
        default: 2,
      }),
      ep: int(1, DEGREE, 'EP', UNITLESS, 'Expert parallelism: GPUs the experts of a layer are spread over.', {
        default: 16,
      }),
      etp: int(1, DEGREE, 'ETP', UNITLESS, 'Tensor parallelism inside each expert.', { default: 1 }),
      virtualStages: int(
        1,
        1024,
        'Virtual stages',
        UNITLESS,
        'Model chunks per GPU with the interleaved schedule; 1 otherwise (ZB-V and DualPipe place their two chunks per GPU themselves).',
        { default: 1 },
      ),
      schedule: oneOf(
        SCHEDULE_IDS,
        'Pipeline schedule',
        'Order in which the stages run forward and backward passes of the micro-batches.',
        { default: '1f1b' },
      ),
      capacityFactor: nullable(
        num(
          MIN_RATE,
          64,
          'Capacity factor',
          UNITLESS,
          'How many tokens an expert accepts, relative to an even share; null = dropless.',
        ),
        1.1,
      ),
      routing: group('Routing', 'How tokens choose experts in the simulation.', {
        distribution: oneOf(
          DISTRIBUTIONS,
          'Routing distribution',
          'How popular each expert is in the routing simulation.',
          { default: 'zipf' },
        ),
        skew: num(
          0,
          4,
          'Routing skew',
          UNITLESS,
          'Zipf exponent of expert popularity; 0 = every expert equally likely.',
          { default: 0 },
        ),
        seed: int(
          0,
          4_294_967_295,
          'Routing seed',
          UNITLESS,
          'Random seed of the routing simulation, so results repeat.',
          { default: 1 },
        ),
      }),
      overlap: group('Overlap', 'Which communication runs hidden behind computation.', {
        dpGrad: bool('Overlap DP gradients', 'Gradient all-reduce runs during the backward pass.', { default: true }),
        tpComm: nullable(
          bool(
            'Overlap TP communication',
            "Tensor-parallel collectives run behind the matrix multiplications; null = the framework's default.",
          ),
          null,
        ),
        epComm: nullable(
          bool(
            'Overlap EP communication',
            "Expert all-to-alls run behind computation; null = the framework's default.",
          ),
          null,
        ),
      }),
      epFp8Dispatch: nullable(
        bool(
          'FP8 dispatch',
          "The expert all-to-all sends tokens in FP8 (DeepEP); results come back in 16-bit; null = the framework's default.",
        ),
        null,
      ),
      epNodeDedup: nullable(
        bool(
          'Node-level dedup',
          "DeepEP/HybridEP kernels: a token crosses the network once per destination node and is forwarded over NVLink there, and the kernels gather and sum the token copies themselves (no separate permutation); null = the framework's default.",
        ),
        null,
      ),
      /** Innermost dimension first: "tp-ep-dp-pp" puts TP neighbours on adjacent ranks. */
      rankOrder: oneOf(
        RANK_ORDERS,
        'Rank order',
        'How parallel dimensions map onto GPU numbers, innermost first; inner groups stay inside a node.',
        { default: 'tp-ep-dp-pp' },
      ),
    }),

    claims: nullableGroup(
      'Claims',
      "A document's stated results, audited against the computed ones; never used for math.",
      null,
      {
        source: str(500, 'Source', 'The document that states the claims.', {
          default: 'stated claims (no source given)',
        }),
        latencyMs: optional(num(0, 1e9, 'Claimed latency', 'ms', 'Latency the document states.')),
        throughputTokensPerSec: optional(
          num(0, 1e15, 'Claimed throughput', 'tokens/s', 'Throughput the document states.'),
        ),
        commOverheadPct: optional(
          num(0, 100_000, 'Claimed comm overhead', '%', 'Communication overhead the document states.'),
        ),
        loadBalancePct: optional(num(0, 100, 'Claimed load balance', '%', 'Expert load balance the document states.')),
        gpuUtilizationPct: optional(
          num(0, 100, 'Claimed GPU utilization', '%', 'GPU utilization the document states.'),
        ),
        memoryPerGpuGB: optional(
          num(0, 100_000, 'Claimed memory per GPU', 'GB', 'Memory per GPU the document states.'),
        ),
        bubblePct: optional(num(0, 100, 'Claimed pipeline bubble', '%', 'Pipeline bubble the document states.')),
        totalParams: optional(
          num(0, 1e16, 'Claimed parameters', 'params', 'Total parameter count the document states.'),
        ),
      },
    ),

    targets: group('Targets', 'Goals the strategy must meet; null switches a target off.', {
      latencyMs: nullable(
        num(0, 1e9, 'Latency target', 'ms', 'Upper bound on latency; null = no target.', positive),
        50,
      ),
      commOverheadPct: nullable(
        num(0, 100_000, 'Comm overhead target', '%', 'Upper bound on exposed communication over compute time.'),
        20,
      ),
      loadBalancePct: nullable(
        num(0, 100, 'Load balance target', '%', 'Lower bound on mean / max expert load per GPU.'),
        90,
      ),
      gpuUtilizationPct: nullable(
        num(0, 100, 'GPU utilization target', '%', 'Lower bound on the time GPUs spend computing.'),
        90,
      ),
      throughputTokensPerSec: nullable(
        num(0, 1e15, 'Throughput target', 'tokens/s', 'Lower bound on tokens processed per second.'),
        20000,
      ),
      memoryPct: nullable(
        num(0, 1000, 'Memory target', '%', 'Upper bound on peak memory per GPU, as a share of its capacity.', positive),
        100,
      ),
    }),
  },
);

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
