/**
 * The scenario: one JSON document that the core, worker, CLI, permalinks and
 * presets all speak (../shared/spec/scenario-format.md, version 1).
 *
 * These are the *normalized* types: every field present, defaults applied,
 * presets resolved. `parseScenario` turns any `unknown` into one of these or
 * into a list of field errors.
 */
import type { ScheduleId } from '../pipeline/registry';

export type Precision = 'fp16' | 'bf16' | 'fp8';
/**
 * How served weights or the KV cache are stored: the compute formats, or
 * 'fp4' (MXFP4: 4-bit elements with one 8-bit scale per 32, as gpt-oss ships
 * its expert weights). Storage decides bytes held and read, not GEMM speed.
 */
export type StoragePrecision = Precision | 'fp4';
export type Mode = 'training' | 'inference';
export type Phase = 'prefill' | 'decode';
export type Recompute = 'none' | 'selective' | 'full';
export type Optimizer = 'adam' | 'sgd';
/** A pipeline schedule id; the list lives in core/pipeline/registry.ts. */
export type Schedule = ScheduleId;
export type RoutingDistribution = 'uniform' | 'zipf';
/** Innermost dimension first: "tp-ep-dp-pp" puts TP neighbours on adjacent ranks. */
export type RankOrder = string;

/** Multi-head latent attention (DeepSeek-V2/V3). */
export interface MlaSpec {
  qLoraRank: number; // 0 = no low-rank query projection (DeepSeek-V2-Lite)
  kvLoraRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
}

export interface MoeSpec {
  experts: number;
  topK: number;
  expertHidden: number;
  sharedExperts: number;
  sharedExpertHidden: number;
  /** The first N layers use a dense FFN (of `ffnHidden`) instead of experts. */
  denseLayers: number;
  /** Every Nth remaining layer is MoE; the others are dense. */
  layerFrequency: number;
}

export interface ModelSpec {
  /** Preset the model started from (`model=<id>` in a link), or null. Fields below override it. */
  preset: string | null;
  name: string;
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  ffnHidden: number;
  gatedFfn: boolean;
  vocab: number;
  tiedEmbeddings: boolean;
  moe: MoeSpec | null;
  mla: MlaSpec | null;
  /** What a document claims; audited, never used for math. */
  statedParams: number | null;
}

export interface HardwareSpec {
  /** GPU preset id; the fields below override the preset. */
  gpu: string;
  count: number;
  gpusPerNode: number;
  /** Dense tensor TFLOP/s at `workload.precision`. */
  peakTflops: number;
  /** Fraction of peak that large, square GEMMs reach (see core/compute/efficiency.ts). */
  computeEfficiency: number;
  memoryGB: number;
  memoryBandwidthTBps: number;
  memoryBandwidthEfficiency: number;
  /** Per GPU, one direction, inside a node. */
  intraNodeGBps: number;
  /** Per GPU, one direction, between nodes. */
  interNodeGBps: number;
  /** α of the α–β model: latency per collective step. */
  linkLatencyUs: number;
  /** Fixed per-GPU reserve for the CUDA context, NCCL and allocator slack. */
  runtimeReserveGB: number;
}

export interface WorkloadSpec {
  mode: Mode;
  phase: Phase;
  globalBatch: number;
  seqLen: number;
  seqLenRange: { min: number; max: number } | null;
  decodeTokens: number;
  microBatches: number;
  precision: Precision;
  optimizer: Optimizer;
  zeroStage: 0 | 1 | 2 | 3;
  /** Megatron keeps fp32 main gradients (18 bytes/param with Adam); false: 16-bit gradients (16 bytes, ZeRO paper). */
  fp32MainGrads: boolean;
  recompute: Recompute;
  sequenceParallel: boolean;
  flashAttention: boolean;
  /** Dropout in training (GPT-3-era models use it; Mixtral, Qwen3, DeepSeek train without): adds masks to the stored activations. */
  dropout: boolean;
  /** With precision fp8: the attention core runs in FP8 too (otherwise it stays 16-bit). */
  fp8Attention: boolean;
  /** With precision fp8: the activation function's inputs are also kept in FP8 for the backward (DeepSeek-V3), not only the GEMM inputs. */
  fp8ActivationCache: boolean;
  /** CUDA graphs replay recorded kernel launches: the host's launch cost almost vanishes (all of a layer with token drop; before the token-count sync when dropless). */
  cudaGraphs: boolean;
  /** Every routed expert runs on every token, masked by the router's weights (an engine without a MoE kernel for the mode, e.g. TensorRT-LLM's plugin-free MoE). */
  denseExperts: boolean;
  /** Inference: format the weights are stored and read in; null = 8-bit with fp8 precision, else 16-bit (training always keeps 16-bit weights). */
  weightPrecision: StoragePrecision | null;
  /** Inference: format of the routed-expert weights; null = as weightPrecision (gpt-oss: fp4 experts, 16-bit attention). */
  expertWeightPrecision: StoragePrecision | null;
  /** Inference: format of the KV cache; null = as the weights, but at least 8 bits (fp8 beside fp4 weights). */
  kvCachePrecision: Precision | null;
}

export interface RoutingSpec {
  distribution: RoutingDistribution;
  /** Zipf exponent; 0 = uniform. */
  skew: number;
  seed: number;
}

export interface OverlapSpec {
  dpGrad: boolean;
  tpComm: boolean;
  epComm: boolean;
}

export interface ParallelSpec {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  etp: number;
  virtualStages: number;
  schedule: Schedule;
  /** null = dropless. */
  capacityFactor: number | null;
  routing: RoutingSpec;
  overlap: OverlapSpec;
  rankOrder: RankOrder;
  /** The all-to-all dispatch sends FP8 (DeepEP); the combine stays 16-bit. */
  epFp8Dispatch: boolean;
  /** DeepEP/HybridEP: a token crosses the network once per destination node, then NVLink; the kernels gather and sum the copies themselves. */
  epNodeDedup: boolean;
}

export interface Claims {
  source: string;
  latencyMs?: number;
  throughputTokensPerSec?: number;
  commOverheadPct?: number;
  loadBalancePct?: number;
  gpuUtilizationPct?: number;
  memoryPerGpuGB?: number;
  bubblePct?: number;
  totalParams?: number;
}

export interface Targets {
  latencyMs: number | null;
  commOverheadPct: number | null;
  loadBalancePct: number | null;
  gpuUtilizationPct: number | null;
  throughputTokensPerSec: number | null;
  memoryPct: number | null;
}

export interface Scenario {
  version: 1;
  model: ModelSpec;
  hardware: HardwareSpec;
  workload: WorkloadSpec;
  parallel: ParallelSpec;
  claims: Claims | null;
  targets: Targets;
}

/** A field that could not be accepted: path, the value given, what is allowed. */
export interface FieldError {
  path: string;
  value: unknown;
  allowed: string;
  message: string;
}
