/**
 * Published serving measurements (../shared/fixtures/framework-serving-runs.json)
 * turned into scenarios, each with the serving metric it was measured as
 * (core/serving/summary.ts). Pure: the caller reads the fixture file.
 *
 * Settings the rows leave implicit come from the engines they ran on:
 * - TensorRT-LLM 0.9 (gptSessionBenchmark): static batches, FP8 weights and
 *   FP8 KV cache on H100 (FP16 both on A100), tensor-parallel all-reduces
 *   without sequence parallelism, dropless MoE.
 * - gpt-fast: PyTorch + torch.compile, bf16 weights and KV cache, TP.
 * - SGLang large-scale EP: DeepSeek-V3's FP8 weights, bf16 KV cache (the
 *   engine's default "auto" takes the model's activation type), DP attention
 *   with DeepEP expert parallelism, two-batch overlap (`epOverlap`).
 */
import type { Evaluation, ServingSummary } from '../core/evaluation';
import type { CalibrationRow } from './rows';
import { generationOf } from './trainingRows';

export type ServingKind = 'ttft' | 'prefill_tput' | 'decode_bs' | 'decode_tput' | 'static';

export interface ServingRunRow {
  id: string;
  kind: ServingKind;
  model: Record<string, unknown> & { preset?: string; moe?: Record<string, number> | null; mla?: unknown };
  gpu: string;
  count: number;
  precision: 'fp16' | 'bf16' | 'fp8';
  tp: number;
  etp: number;
  ep: number;
  dp: number;
  batch: number;
  inputLen: number;
  outputLen?: number;
  epOverlap?: boolean;
  measured: Record<string, number>;
  class: string[];
  suspect?: boolean;
  source: string;
  notes?: string;
}

/** How each kind of row is read: the measured field, its unit, and the same quantity from the serving summary. */
interface Metric {
  field: string;
  unit: string;
  kind: 'time' | 'rate';
  phase: 'prefill' | 'decode';
  predict: (sv: ServingSummary, row: ServingRunRow) => number;
}

const GPUS_PER_NODE = 8;
const nodes = (row: ServingRunRow) => row.count / GPUS_PER_NODE;

export const SERVING_METRICS: Record<ServingKind, Metric> = {
  ttft: { field: 'ttftMs', unit: 'ms to first token', kind: 'time', phase: 'prefill', predict: (sv) => sv.ttftSeconds * 1e3 },
  prefill_tput: {
    field: 'prefillTokPerSecPerNode', unit: 'prompt tok/s per node', kind: 'rate', phase: 'prefill',
    predict: (sv, row) => sv.prefillTokensPerSec / nodes(row),
  },
  decode_bs: { field: 'tokPerSecPerUser', unit: 'tok/s per user', kind: 'rate', phase: 'decode', predict: (sv) => sv.tokensPerSecPerUser },
  decode_tput: {
    field: 'decodeTokPerSecPerNode', unit: 'output tok/s per node', kind: 'rate', phase: 'decode',
    predict: (sv, row) => sv.decodeTokensPerSec / nodes(row),
  },
  static: { field: 'outTokPerSecPerGpu', unit: 'output tok/s per GPU', kind: 'rate', phase: 'decode', predict: (sv) => sv.outputTokensPerSecPerGpu },
};

/** KV-cache format each engine used (see the header). */
function kvCachePrecision(row: ServingRunRow): 'fp16' | 'bf16' | 'fp8' {
  if (row.id.startsWith('sglang-')) return 'bf16';
  return row.precision;
}

function modelOf(row: ServingRunRow): Record<string, unknown> {
  const { preset, ...rest } = row.model;
  if (preset) return { preset, ...rest };
  return { preset: null, ...rest };
}

export function scenarioOfServingRun(row: ServingRunRow): Record<string, unknown> {
  const metric = SERVING_METRICS[row.kind];
  return {
    model: modelOf(row),
    hardware: { gpu: row.gpu, count: row.count, gpusPerNode: GPUS_PER_NODE },
    workload: {
      mode: 'inference',
      phase: metric.phase,
      precision: row.precision,
      globalBatch: row.batch,
      seqLen: row.inputLen,
      seqLenRange: null,
      decodeTokens: Math.max(1, row.outputLen ?? 1),
      // A static batch runs as one batch (no pipeline, so no micro-batching).
      microBatches: 1,
      sequenceParallel: false,
      flashAttention: true,
      dropout: false,
      kvCachePrecision: kvCachePrecision(row),
    },
    parallel: {
      tp: row.tp, pp: 1, dp: row.dp, ep: row.ep, etp: row.etp,
      virtualStages: 1,
      schedule: '1f1b',
      // Serving engines route dropless; the rows' "perfect EPLB" is uniform routing.
      capacityFactor: null,
      routing: { distribution: 'uniform', skew: 0, seed: 1 },
      overlap: { dpGrad: false, tpComm: false, epComm: row.epOverlap ?? false },
    },
    claims: null,
    targets: { latencyMs: null, commOverheadPct: null, loadBalancePct: null, gpuUtilizationPct: null, throughputTokensPerSec: null, memoryPct: null },
  };
}

/** DeepSeek-V3 (256 routed experts of 2048) is fine-grained; Mixtral (8 of 14336) coarse. */
function granularity(row: ServingRunRow): string | null {
  const moe = row.model.moe ?? null;
  const preset = row.model.preset;
  if (preset === 'deepseek-v3') return 'moe-fine';
  if (preset === 'mixtral-8x7b') return 'moe-coarse';
  if (!moe) return null;
  return (moe.experts ?? 0) >= 32 ? 'moe-fine' : 'moe-coarse';
}

/** Class tags: dense/moe, granularity, precision (fp16 counts as bf16), phase (prefill, decode, or static = both), GPU generation. */
export function servingClasses(row: ServingRunRow): string[] {
  const g = granularity(row);
  const phase = row.kind === 'static' ? 'static' : SERVING_METRICS[row.kind].phase;
  return [g ? 'moe' : 'dense', ...(g ? [g] : []), row.precision === 'fp8' ? 'fp8' : 'bf16', phase, generationOf(row.gpu)];
}

/** Rows whose error comes from an engine effect the scenario cannot express (see CalibrationRow.exception). */
const EXCEPTIONS: Record<string, string> = {};

export function servingRunRows(rows: ServingRunRow[]): CalibrationRow[] {
  return rows.map((row) => {
    const metric = SERVING_METRICS[row.kind];
    return {
      id: row.id,
      classes: servingClasses(row),
      source: row.source,
      scenario: scenarioOfServingRun(row),
      measured: row.measured[metric.field],
      unit: metric.unit,
      kind: metric.kind,
      predict: (e: Evaluation) => (e.serving ? metric.predict(e.serving, row) : NaN),
      ...(row.suspect ? { suspect: row.notes ?? 'breaks a physical limit' } : {}),
      ...(EXCEPTIONS[row.id] ? { exception: EXCEPTIONS[row.id] } : {}),
    };
  });
}
