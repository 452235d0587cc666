/**
 * Published serving measurements (../shared/fixtures/framework-serving-runs.json)
 * turned into scenarios, each with the serving metric it was measured as
 * (core/serving/summary.ts). Pure: the caller reads the fixture file.
 *
 * Settings the rows leave implicit come from the engines they ran on
 * (ENGINES below): KV-cache format, how kernels are launched, and how the
 * expert all-to-all runs.
 */
import type { Evaluation, ServingSummary } from '../core';
import { NO_TARGETS } from '../presets/targets';
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
  ttft: {
    field: 'ttftMs',
    unit: 'ms to first token',
    kind: 'time',
    phase: 'prefill',
    predict: (sv) => sv.ttftSeconds * 1e3,
  },
  prefill_tput: {
    field: 'prefillTokPerSecPerNode',
    unit: 'prompt tok/s per node',
    kind: 'rate',
    phase: 'prefill',
    predict: (sv, row) => sv.prefillTokensPerSec / nodes(row),
  },
  decode_bs: {
    field: 'tokPerSecPerUser',
    unit: 'tok/s per user',
    kind: 'rate',
    phase: 'decode',
    predict: (sv) => sv.tokensPerSecPerUser,
  },
  decode_tput: {
    field: 'decodeTokPerSecPerNode',
    unit: 'output tok/s per node',
    kind: 'rate',
    phase: 'decode',
    predict: (sv, row) => sv.decodeTokensPerSec / nodes(row),
  },
  static: {
    field: 'outTokPerSecPerGpu',
    unit: 'output tok/s per GPU',
    kind: 'rate',
    phase: 'decode',
    predict: (sv) => sv.outputTokensPerSecPerGpu,
  },
};

/** What an engine does that the row leaves implicit. */
interface EngineSettings {
  /** null: the row's precision (FP8 weights with an FP8 cache, 16-bit with 16-bit). */
  kvCachePrecision: 'bf16' | null;
  /** The engine (workload.framework): its runtime's host cost and its defaults (CUDA graphs for decode). */
  framework: 'auto' | 'vllm' | 'sglang' | 'tensorrt-llm';
  /** Only where the source states it beyond the engine's default; null = the framework's default. */
  cudaGraphs: boolean | null;
  epFp8Dispatch: boolean;
  epNodeDedup: boolean;
  /** Every expert on every token (core/serving/denseExperts.ts). */
  denseExperts: boolean;
}

/** What every engine does unless its entry says otherwise: the row's formats, the framework's graphs, plain dispatch. */
const ENGINE_DEFAULTS: Omit<EngineSettings, 'framework'> = {
  kvCachePrecision: null,
  cudaGraphs: null,
  epFp8Dispatch: false,
  epNodeDedup: false,
  denseExperts: false,
};

const ENGINES: { prefix: string; why: string; settings: (row: ServingRunRow) => EngineSettings }[] = [
  {
    prefix: 'trt09-',
    why:
      'TensorRT-LLM 0.9 gptSessionBenchmark: FP8 weights and FP8 KV cache on H100, FP16 on A100 (performance.md); a TensorRT engine launches its kernels from C++, with no Python or autograd per kernel, so its host cost is of the order of a graph replay. ' +
      'Its MoE plugin had no FP8 mode for Mixtral yet (issue #1241; FP8 Mixtral came with 0.10.0), so FP8 MoE layers ran the plugin-free MoeOOTB path: every expert on every token (the "FP8 MoE prefill far below its dense FP8 rate" the fixture names)',
    settings: (row) => ({
      ...ENGINE_DEFAULTS,
      framework: 'tensorrt-llm',
      denseExperts: row.precision === 'fp8' && !!(row.model.preset ?? row.model.moe),
    }),
  },
  {
    prefix: 'nim18-',
    why: 'NVIDIA NIM 1.8 for Llama 3.3 70B on H100: a TensorRT-LLM engine (kernels launched from C++, CUDA graphs for decode), FP8 weights; the KV-cache format is not stated, so it follows the weights',
    settings: () => ({ ...ENGINE_DEFAULTS, framework: 'tensorrt-llm' }),
  },
  {
    prefix: 'gptfast-',
    why: 'gpt-fast: bf16 weights and cache, torch.compile with mode="reduce-overhead" (CUDA graphs, stated, the same as the default engine\'s for decode)',
    settings: () => ({ ...ENGINE_DEFAULTS, framework: 'auto', cudaGraphs: true }),
  },
  {
    prefix: 'sglang-',
    why: 'SGLang large-scale EP (lm-sys blog 2025-05-05): DeepSeek-V3 FP8 weights, bf16 KV cache (kv_cache_dtype "auto" = the model\'s activation type), DeepEP FP8 dispatch and 16-bit combine; prefill: normal kernels (node-level forwarding over NVLink), no CUDA graph; decode: low-latency kernels (direct RDMA to each expert\'s GPU), CUDA graphs',
    settings: (row) => {
      const decode = SERVING_METRICS[row.kind].phase === 'decode';
      return {
        ...ENGINE_DEFAULTS,
        kvCachePrecision: 'bf16',
        framework: 'sglang',
        epFp8Dispatch: true,
        epNodeDedup: !decode,
      };
    },
  },
];

export function engineSettings(row: ServingRunRow): EngineSettings {
  const engine = ENGINES.find((e) => row.id.startsWith(e.prefix));
  if (!engine) throw new Error(`serving row ${row.id}: no engine settings for it`);
  return engine.settings(row);
}

function modelOf(row: ServingRunRow): Record<string, unknown> {
  const { preset, ...rest } = row.model;
  if (preset) return { preset, ...rest };
  return { preset: null, ...rest };
}

export function scenarioOfServingRun(row: ServingRunRow): Record<string, unknown> {
  const metric = SERVING_METRICS[row.kind];
  const engine = engineSettings(row);
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
      // A static batch runs as one batch; two-batch overlap splits it in two
      // micro-batches whose compute and all-to-all alternate (SGLang blog, "Two-batch Overlap").
      microBatches: row.epOverlap ? 2 : 1,
      sequenceParallel: false,
      flashAttention: true,
      dropout: false,
      kvCachePrecision: engine.kvCachePrecision ?? row.precision,
      framework: engine.framework,
      cudaGraphs: engine.cudaGraphs,
      denseExperts: engine.denseExperts,
    },
    parallel: {
      tp: row.tp,
      pp: 1,
      dp: row.dp,
      ep: row.ep,
      etp: row.etp,
      virtualStages: 1,
      schedule: '1f1b',
      // Serving engines route dropless; the rows' "perfect EPLB" is uniform routing.
      capacityFactor: null,
      routing: { distribution: 'uniform', skew: 0, seed: 1 },
      overlap: { dpGrad: false, tpComm: false, epComm: row.epOverlap ?? false },
      epFp8Dispatch: engine.epFp8Dispatch,
      epNodeDedup: engine.epNodeDedup,
    },
    claims: null,
    targets: { ...NO_TARGETS },
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
  return [
    g ? 'moe' : 'dense',
    ...(g ? [g] : []),
    row.precision === 'fp8' ? 'fp8' : 'bf16',
    phase,
    generationOf(row.gpu),
  ];
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
