/**
 * Published framework training runs (../shared/fixtures/framework-training-runs.json)
 * turned into scenarios. Pure: the caller reads the fixture file.
 *
 * Settings the rows leave implicit come from the frameworks they ran on
 * (Megatron-Core/Megatron-Bridge, NeMo, PyTorch FSDP2 in NeMo AutoModel,
 * llm-foundry): FlashAttention, no dropout, overlapped gradient reduction,
 * Megatron's distributed optimizer (ZeRO-1) unless the row says otherwise.
 */
import type { Evaluation } from '../core/evaluation';
import type { CalibrationRow } from './rows';

export interface TrainingRunRow {
  id: string;
  gpu: string;
  count: number;
  precision: 'bf16' | 'fp16' | 'fp8';
  model: Record<string, unknown> & {
    moe?: { experts: number; topK: number; expertHidden: number; sharedExperts?: number; sharedExpertHidden?: number; denseLayers?: number };
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

/** Each row's settings the fixture gives only in prose (its source or note), read from there. */
export interface RowSettings {
  /** All-to-all overlapped with compute (Megatron's 1F1B A2A overlap, DualPipe). */
  epOverlap?: boolean;
  /** Engine effect the scenario cannot express, if any (see CalibrationRow.exception). */
  exception?: string;
}

const ROW_SETTINGS: Record<string, RowSettings> = {
  // Recipe qwen3_235b_a22b_pretrain_256gpu_h100_fp8cs_config: "EP A2A overlap on" (the row's source).
  'bridge260401-h100-qwen3-235b-fp8': { epOverlap: true },
  // DualPipe overlaps the forward and backward all-to-all of two micro-batches (DeepSeek-V3 report, 3.2.1).
  'deepseek-v3-report-h800': { epOverlap: true },
};

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
          experts: moe.experts, topK: moe.topK, expertHidden: moe.expertHidden,
          sharedExperts: moe.sharedExperts ?? 0, sharedExpertHidden: moe.sharedExpertHidden ?? moe.expertHidden,
          denseLayers: moe.denseLayers ?? 0, layerFrequency: 1,
        }
      : null,
    mla: mla ?? null,
    statedParams: null,
  };
}

export function scenarioOfTrainingRun(row: TrainingRunRow): Record<string, unknown> {
  const v = row.virtualStages ?? 1;
  const settings = ROW_SETTINGS[row.id] ?? {};
  return {
    model: modelOf(row),
    hardware: { gpu: row.gpu, count: row.count, gpusPerNode: 8 },
    workload: {
      mode: 'training',
      precision: row.precision,
      globalBatch: row.globalBatch,
      seqLen: row.seqLen,
      seqLenRange: null,
      microBatches: row.globalBatch / (row.dp * row.microBatchSize),
      recompute: row.recompute,
      zeroStage: row.zeroStage ?? 1,
      sequenceParallel: row.sp,
      flashAttention: true,
      dropout: false,
    },
    parallel: {
      tp: row.tp, pp: row.pp, dp: row.dp, ep: row.ep ?? 1, etp: 1,
      virtualStages: v,
      schedule: v > 1 ? 'interleaved-1f1b' : '1f1b',
      capacityFactor: row.dropless === false ? 1 : row.model.moe ? null : 1,
      overlap: { dpGrad: true, tpComm: false, epComm: settings.epOverlap ?? false },
    },
    claims: null,
    targets: { latencyMs: null, commOverheadPct: null, loadBalancePct: null, gpuUtilizationPct: null, throughputTokensPerSec: null, memoryPct: null },
  };
}

const GENERATION: Record<string, string> = {
  'a100-80gb': 'ampere', 'a100-40gb': 'ampere', 'h100-sxm': 'hopper', 'h200-sxm': 'hopper', 'h800-sxm': 'hopper', b200: 'blackwell',
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
    ...(ROW_SETTINGS[row.id]?.exception ? { exception: ROW_SETTINGS[row.id].exception } : {}),
  }));
}
