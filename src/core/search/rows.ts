/**
 * One row of the search table: a strategy, the metrics the table shows and
 * its verdict on each target. Built from an evaluation, or, for a strategy
 * that provably cannot fit in memory, from its memory alone.
 */
import type { ComplianceEntry, Evaluation } from '../evaluation';
import type { Targets } from '../scenario/types';
import { GPU_MEMORY_GB_BYTES } from '../physics/units';
import type { Strategy } from './space';

export type TargetName = keyof Targets;

export interface SearchRow {
  /** Position in the enumeration order (stable for a scenario and narrowing). */
  id: number;
  strategy: Strategy;
  feasible: boolean;
  /** False when the time model was skipped because the strategy cannot fit in memory. */
  timed: boolean;
  memoryPerGpuGB: number;
  memoryPct: number;
  /** Training: step time; inference: latency of the batch. Milliseconds. */
  latencyMs: number | null;
  throughputTokensPerSec: number | null;
  /** Model FLOPs utilization, %. */
  mfuPct: number | null;
  commOverheadPct: number | null;
  loadBalancePct: number | null;
  gpuUtilizationPct: number | null;
  bubblePct: number | null;
  /** GPU-hours per million tokens. */
  gpuHoursPerMTokens: number | null;
  /** Each target the scenario sets: true pass, false fail, null not set (or not computed). */
  targets: Record<TargetName, boolean | null>;
  /** Every set target passes (and the strategy can run). */
  meetsTargets: boolean;
  /** The first reason it cannot run, in words; null when it can. */
  violation: string | null;
}

/** The row's figures: its numeric fields other than the id. */
export type RowMetricId = Exclude<
  { [K in keyof SearchRow]: SearchRow[K] extends number | null ? K : never }[keyof SearchRow],
  'id'
>;

export interface RowMetricDef {
  /** The CSV column, with the unit in its name. */
  csvHeader: string;
  /** In words, with the unit. */
  label: string;
}

/**
 * Every figure a search row holds, one entry each: the JSON export, the CSV
 * and the test that the fast path equals the full evaluation read this
 * record. A numeric field added to SearchRow without an entry does not
 * compile.
 */
export const ROW_METRICS: Record<RowMetricId, RowMetricDef> = {
  memoryPerGpuGB: { csvHeader: 'memory_per_gpu_GB', label: 'peak memory per GPU (GB)' },
  memoryPct: { csvHeader: 'memory_pct', label: 'peak memory as a share of capacity (%)' },
  latencyMs: { csvHeader: 'latency_ms', label: 'latency, or step time in training (ms)' },
  throughputTokensPerSec: { csvHeader: 'throughput_tokens_per_s', label: 'throughput (tokens/s)' },
  mfuPct: { csvHeader: 'mfu_pct', label: 'model FLOPs utilization (%)' },
  commOverheadPct: { csvHeader: 'comm_overhead_pct', label: 'exposed communication over compute (%)' },
  loadBalancePct: { csvHeader: 'load_balance_pct', label: 'expert load balance (%)' },
  gpuUtilizationPct: { csvHeader: 'gpu_utilization_pct', label: 'GPU utilization (%)' },
  bubblePct: { csvHeader: 'bubble_pct', label: 'simulated pipeline bubble (%)' },
  gpuHoursPerMTokens: { csvHeader: 'gpu_hours_per_M_tokens', label: 'GPU-hours per million tokens' },
};

/** The row's figures in the record's order (the CSV's and the export's). */
export const ROW_METRIC_IDS = Object.keys(ROW_METRICS) as RowMetricId[];

function verdicts(compliance: ComplianceEntry[]): Record<TargetName, boolean | null> {
  return Object.fromEntries(compliance.map((c) => [c.target, c.pass])) as Record<TargetName, boolean | null>;
}

function meets(feasible: boolean, targets: Record<TargetName, boolean | null>): boolean {
  return feasible && Object.values(targets).every((p) => p !== false);
}

export function rowOfEvaluation(id: number, strategy: Strategy, e: Evaluation): SearchRow {
  const gpus = e.scenario.parallel.tp * e.scenario.parallel.pp * e.scenario.parallel.dp;
  const targets = verdicts(e.compliance);
  const error = e.violations.find((v) => v.severity === 'error');
  return {
    id,
    strategy,
    feasible: e.feasible,
    timed: true,
    memoryPerGpuGB: e.memory.peakBytes / GPU_MEMORY_GB_BYTES,
    memoryPct: (e.memory.peakBytes / e.memory.capacityBytes) * 100,
    latencyMs: e.latencySeconds * 1e3,
    throughputTokensPerSec: e.throughputTokensPerSec,
    mfuPct: e.mfu * 100,
    commOverheadPct: e.commOverheadPct,
    loadBalancePct: e.loadBalancePct,
    gpuUtilizationPct: e.gpuUtilizationPct,
    bubblePct: e.pipeline.simulatedBubbleFraction * 100,
    gpuHoursPerMTokens: e.throughputTokensPerSec > 0 ? (gpus / 3600 / e.throughputTokensPerSec) * 1e6 : null,
    targets,
    meetsTargets: meets(e.feasible, targets),
    violation: error ? error.message : null,
  };
}

/** A strategy whose busiest GPU needs more memory than it has: no time model run. */
export function rowOutOfMemory(
  id: number,
  strategy: Strategy,
  peak: { peakBytes: number; peakStage: number; capacityBytes: number },
  targets: Targets,
): SearchRow {
  const memoryPct = (peak.peakBytes / peak.capacityBytes) * 100;
  const verdict = Object.fromEntries(Object.keys(targets).map((k) => [k, null])) as Record<TargetName, boolean | null>;
  if (targets.memoryPct !== null) verdict.memoryPct = memoryPct <= targets.memoryPct;
  const need = (peak.peakBytes / GPU_MEMORY_GB_BYTES).toFixed(1);
  const have = (peak.capacityBytes / GPU_MEMORY_GB_BYTES).toFixed(0);
  return {
    id,
    strategy,
    feasible: false,
    timed: false,
    memoryPerGpuGB: peak.peakBytes / GPU_MEMORY_GB_BYTES,
    memoryPct,
    latencyMs: null,
    throughputTokensPerSec: null,
    mfuPct: null,
    commOverheadPct: null,
    loadBalancePct: null,
    gpuUtilizationPct: null,
    bubblePct: null,
    gpuHoursPerMTokens: null,
    targets: verdict,
    meetsTargets: false,
    violation: `The busiest GPU (pipeline stage ${peak.peakStage}) needs ${need} GB but has ${have} GB: it would run out of memory.`,
  };
}
