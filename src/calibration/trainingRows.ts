/**
 * Published framework training runs (../shared/fixtures/framework-training-runs.json)
 * turned into scenarios. Pure: the caller reads the fixture file.
 *
 * Settings the rows leave implicit come from the frameworks they ran on
 * (Megatron-Core/Megatron-Bridge, NeMo, PyTorch FSDP2 in NeMo AutoModel,
 * llm-foundry): FlashAttention, no dropout, overlapped gradient reduction,
 * Megatron's distributed optimizer (ZeRO-1) unless the row says otherwise.
 */
import { modelPreset, type Evaluation } from '../core';
import { NO_TARGETS } from '../presets/targets';
import type { CalibrationRow } from './rows';

export interface TrainingRunRow {
  id: string;
  gpu: string;
  count: number;
  precision: 'bf16' | 'fp16' | 'fp8';
  model: Record<string, unknown> & {
    moe?: {
      experts: number;
      topK: number;
      expertHidden: number;
      sharedExperts?: number;
      sharedExpertHidden?: number;
      denseLayers?: number;
      /** Node-limited routing, where the source states it (DeepSeek-V3 report §2.1.2: 4). */
      maxNodesPerToken?: number;
    };
    mla?: Record<string, number>;
    ffnHidden?: number;
    hidden: number;
  };
  seqLen: number;
  tp: number;
  pp: number;
  dp: number;
  ep?: number;
  globalBatch: number;
  microBatchSize: number;
  virtualStages?: number;
  recompute: 'none' | 'selective' | 'full';
  sp: boolean;
  zeroStage?: 0 | 1 | 2 | 3;
  dropless?: boolean;
  measured: { stepSeconds: number };
  modelName?: string;
  class: string;
  trust?: string;
  source: string;
  note?: string;
}

/**
 * Each row's settings that the fixture gives only in prose or in the recipe
 * its source names, with where they come from. Never a constant fitted to a
 * row: only switches the run really used.
 */
export interface RowSettings {
  /** Model fields the fixture's model block leaves out (e.g. a module the run trained). */
  model?: Record<string, unknown>;
  workload?: Record<string, unknown>;
  parallel?: Record<string, unknown>;
  /** Where the settings come from. */
  why: string;
  /** Engine effect the scenario cannot express, if any (see CalibrationRow.exception). */
  exception?: string;
}

const BRIDGE = 'Megatron-Bridge scripts/performance/configs';

export const ROW_SETTINGS: Record<string, RowSettings> = {
  'bridge260401-h100-qwen3-235b-fp8': {
    parallel: { epNodeDedup: false, overlap: { epComm: true } },
    why: "the row's recipe: alltoall dispatcher (not DeepEP/HybridEP), EP all-to-all overlap on",
  },
  'bridge2509-h100-deepseek-v3-fp8': {
    workload: { recompute: 'selective' },
    why: `${BRIDGE}/deepseek H100: HybridEP dispatcher, no all-to-all overlap; recompute of MLA up-projections and dense MLPs`,
  },
  'bridge260401-b200-qwen3-30b-mxfp8': {
    workload: { cudaGraphs: true },
    why: `${BRIDGE}/qwen B200: HybridEP, CUDA graphs over attention, router and MoE pre-processing`,
  },
  'bridge260401-b200-deepseek-v3-mxfp8': {
    workload: { cudaGraphs: true, recompute: 'selective' },
    parallel: { overlap: { epComm: true } },
    why: `${BRIDGE}/deepseek B200 FP8_MX_V2: DeepEP dispatcher, all-to-all overlap, CUDA graphs over attention, router and pre-processing; recompute of MLA up-projections and dense MLPs`,
  },
  'bridge260401-b200-gpt-oss-120b-bf16': {
    workload: { recompute: 'selective' },
    parallel: { epNodeDedup: false },
    why: `${BRIDGE}/gpt_oss B200 BF16_V2: recompute of the norms and the expert activation (Megatron's recompute-modules layernorm, moe_act), alltoall dispatcher`,
    exception:
      "gpt-oss's own layer: 128-token sliding-window attention on every other layer with learned attention sinks, a clamped SwiGLU and expert biases, none of which the scenario expresses; Megatron-Bridge runs this model far below its other MoE models on every GPU (163 model TFLOP/s per H100 in 26.02.01, against 242 for Qwen3-235B in FP8 and 245 in BF16), and the same physics predicts its 64-H100 row (5,984 tokens/s/GPU, not a calibration row) about 45% fast as well: a model-specific engine effect, not a constant of the GPU or the framework",
  },
  'automodel-h100-qwen3-30b-bf16': {
    workload: { framework: 'pytorch-eager', fp32MainGrads: false },
    parallel: { epNodeDedup: true },
    why: "NeMo AutoModel config qwen3_moe_30b_te_deepep.yaml: DeepEP; PyTorch FSDP2 keeps fp32 sharded parameters, fp32 gradients and Adam moments, 16 bytes per parameter (the ZeRO paper's accounting, not Megatron's 18)",
  },
  'nemo2407-h100-llama2-70b-fp8': {
    workload: { framework: 'nemo' },
    why: "NeMo's Llama 2 70B pre-training configuration overlaps the tensor-parallel collectives with the GEMMs (ub_tp_comm_overlap, Transformer Engine userbuffers)",
  },
  'foundry-h100-mpt7b-bf16-s2048': {
    workload: { framework: 'pytorch-eager', fp32MainGrads: false },
    why: 'llm-foundry runs PyTorch FSDP: 16 bytes per parameter of weights, gradients and Adam state',
  },
  'foundry-h100-mpt30b-bf16-s2048-32gpu': {
    workload: { framework: 'pytorch-eager', fp32MainGrads: false },
    why: 'llm-foundry runs PyTorch FSDP: 16 bytes per parameter of weights, gradients and Adam state',
  },
  'deepseek-v3-report-h800': {
    model: { mtpDepth: 1 },
    workload: {
      recompute: 'selective',
      recomputeNormsAndUpProjections: true,
      fp8ActivationCache: true,
      routingWeightInExpert: true,
      bf16OptimizerMoments: true,
    },
    parallel: {
      schedule: 'dualpipe',
      epNodeDedup: true,
      epFp8Dispatch: true,
      overlap: { epComm: true },
    },
    why: 'DeepSeek-V3 report: 2.2 one multi-token-prediction module trained with the model; 3.2.1 DualPipe overlaps the all-to-all of one micro-batch with the compute of another; 3.2.2 tokens cross InfiniBand once per node (at most 4 nodes) and are forwarded over NVLink, dispatched in FP8 and combined in BF16; 3.2.3 RMSNorm and the MLA up-projections recomputed in the backward; 3.3 activations (the SwiGLU inputs too) cached in FP8, AdamW moments in BF16; the routing weight applied inside the expert follows from caching only the SwiGLU inputs',
  },
};

/**
 * The node limit of the model's routing when the fixture's model block leaves
 * it out: an architecture fact of the model (DeepSeek-V3 report §2.1.2: at
 * most 4 nodes per token), the same for every run of it, read from the
 * model's preset in the catalogue rather than written again here.
 */
function nodeLimitOf(row: TrainingRunRow): number | undefined {
  const stated = row.model.moe?.maxNodesPerToken;
  return stated ?? (row.modelName ? modelPreset(row.modelName)?.spec.moe?.maxNodesPerToken : undefined) ?? undefined;
}

function modelOf(row: TrainingRunRow): Record<string, unknown> {
  const { moe, mla, ffnHidden, ...dims } = row.model;
  const hidden = dims.hidden;
  const heads = dims.heads as number;
  return {
    name: row.modelName ?? row.id,
    ...dims,
    kvHeads: (dims.kvHeads as number | undefined) ?? heads,
    headDim: (dims.headDim as number | undefined) ?? hidden / heads,
    gatedFfn: (dims.gatedFfn as boolean | undefined) ?? false,
    tiedEmbeddings: (dims.tiedEmbeddings as boolean | undefined) ?? false,
    ffnHidden: ffnHidden ?? moe?.expertHidden ?? 4 * hidden,
    moe: moe
      ? {
          experts: moe.experts,
          topK: moe.topK,
          expertHidden: moe.expertHidden,
          sharedExperts: moe.sharedExperts ?? 0,
          sharedExpertHidden: moe.sharedExpertHidden ?? moe.expertHidden,
          denseLayers: moe.denseLayers ?? 0,
          layerFrequency: 1,
          ...(nodeLimitOf(row) !== undefined ? { maxNodesPerToken: nodeLimitOf(row) } : {}),
        }
      : null,
    mla: mla ?? null,
    statedParams: null,
  };
}

/** The workload fields every published training run states: batch, sequence, micro-batch size, precision, recompute. */
export function trainingWorkloadOf(row: {
  precision: string;
  globalBatch: number;
  seqLen: number;
  dp: number;
  microBatchSize: number;
  recompute: string;
}) {
  return {
    mode: 'training',
    precision: row.precision,
    globalBatch: row.globalBatch,
    seqLen: row.seqLen,
    seqLenRange: null,
    microBatches: row.globalBatch / (row.dp * row.microBatchSize),
    recompute: row.recompute,
  };
}

export function scenarioOfTrainingRun(row: TrainingRunRow): Record<string, unknown> {
  const v = row.virtualStages ?? 1;
  const settings = ROW_SETTINGS[row.id];
  const base = {
    model: modelOf(row),
    hardware: { gpu: row.gpu, count: row.count, gpusPerNode: 8 },
    workload: {
      ...trainingWorkloadOf(row),
      zeroStage: row.zeroStage ?? 1,
      // Megatron-Bridge's performance recipes set ddp.grad_reduce_in_fp32 = False:
      // gradients are kept and reduced in BF16 (scripts/performance, *_common_configs).
      fp32MainGrads: !row.id.startsWith('bridge'),
      sequenceParallel: row.sp,
      flashAttention: true,
      dropout: false,
    },
    parallel: {
      tp: row.tp,
      pp: row.pp,
      dp: row.dp,
      ep: row.ep ?? 1,
      etp: 1,
      virtualStages: v,
      schedule: v > 1 ? 'interleaved-1f1b' : '1f1b',
      capacityFactor: row.dropless === false ? 1 : row.model.moe ? null : 1,
      overlap: { dpGrad: true, tpComm: false, epComm: false },
    },
    claims: null,
    targets: { ...NO_TARGETS },
  };
  if (!settings) return base;
  return {
    ...base,
    model: { ...base.model, ...settings.model },
    workload: { ...base.workload, ...settings.workload },
    parallel: { ...base.parallel, ...settings.parallel },
  };
}

const GENERATION: Record<string, string> = {
  'a100-80gb': 'ampere',
  'a100-40gb': 'ampere',
  'h100-sxm': 'hopper',
  'h200-sxm': 'hopper',
  'h800-sxm': 'hopper',
  b200: 'blackwell',
};

export function generationOf(gpu: string): string {
  return GENERATION[gpu] ?? gpu;
}

/** Class tags of a training row: dense/MoE, expert granularity, precision, phase, GPU generation. */
export function trainingClasses(isMoe: boolean, granularity: string | null, precision: string, gpu: string): string[] {
  const tags = [isMoe ? 'moe' : 'dense'];
  if (isMoe && granularity) tags.push(granularity);
  tags.push(precision === 'fp8' ? 'fp8' : 'bf16', 'training', generationOf(gpu));
  return tags;
}

export function trainingRunRows(rows: TrainingRunRow[]): CalibrationRow[] {
  return rows.map((row) => ({
    id: row.id,
    classes: trainingClasses(!!row.model.moe, row.model.moe ? row.class : null, row.precision, row.gpu),
    source: row.source,
    scenario: scenarioOfTrainingRun(row),
    measured: row.measured.stepSeconds,
    unit: 's/step',
    kind: 'time' as const,
    predict: (e: Evaluation) => e.time.stepSeconds,
    ...(ROW_SETTINGS[row.id] ? { settings: ROW_SETTINGS[row.id].why } : {}),
    ...(ROW_SETTINGS[row.id]?.exception ? { exception: ROW_SETTINGS[row.id].exception } : {}),
  }));
}
