/**
 * The search's results as documents: rows with their scenario's parallel and
 * workload settings (JSON), and a flat table (CSV). The CLI and the page's
 * export buttons print the same.
 */
import type { ParallelSpec, Scenario, WorkloadSpec } from '../scenario/types';
import type { SearchRow, TargetName } from './rows';
import { applyStrategy } from './space';
import { csvField } from '../format/csv';

export interface ExportedRow {
  rank: number;
  id: number;
  parallel: ParallelSpec;
  workload: WorkloadSpec;
  feasible: boolean;
  /** The table's metrics, as the row holds them (rows.ts). */
  metrics: Pick<
    SearchRow,
    | 'memoryPerGpuGB'
    | 'memoryPct'
    | 'latencyMs'
    | 'throughputTokensPerSec'
    | 'mfuPct'
    | 'commOverheadPct'
    | 'loadBalancePct'
    | 'gpuUtilizationPct'
    | 'bubblePct'
    | 'gpuHoursPerMTokens'
  >;
  targets: Record<TargetName, boolean | null>;
  meetsTargets: boolean;
  violation: string | null;
}

export function exportRow(base: Scenario, r: SearchRow, rank: number): ExportedRow {
  const s = applyStrategy(base, r.strategy);
  return {
    rank,
    id: r.id,
    parallel: s.parallel,
    workload: s.workload,
    feasible: r.feasible,
    metrics: {
      memoryPerGpuGB: r.memoryPerGpuGB,
      memoryPct: r.memoryPct,
      latencyMs: r.latencyMs,
      throughputTokensPerSec: r.throughputTokensPerSec,
      mfuPct: r.mfuPct,
      commOverheadPct: r.commOverheadPct,
      loadBalancePct: r.loadBalancePct,
      gpuUtilizationPct: r.gpuUtilizationPct,
      bubblePct: r.bubblePct,
      gpuHoursPerMTokens: r.gpuHoursPerMTokens,
    },
    targets: r.targets,
    meetsTargets: r.meetsTargets,
    violation: r.violation,
  };
}

/** CSV columns: the strategy, then metrics with units in the header. */
export const CSV_COLUMNS: readonly { header: string; value: (r: SearchRow) => string | number | boolean | null }[] = [
  { header: 'rank', value: () => null },
  { header: 'tp', value: (r) => r.strategy.tp },
  { header: 'pp', value: (r) => r.strategy.pp },
  { header: 'dp', value: (r) => r.strategy.dp },
  { header: 'ep', value: (r) => r.strategy.ep },
  { header: 'etp', value: (r) => r.strategy.etp },
  { header: 'schedule', value: (r) => r.strategy.schedule },
  { header: 'virtual_stages', value: (r) => r.strategy.virtualStages },
  { header: 'micro_batches', value: (r) => r.strategy.microBatches },
  { header: 'recompute', value: (r) => r.strategy.recompute },
  { header: 'zero_stage', value: (r) => r.strategy.zeroStage },
  { header: 'sequence_parallel', value: (r) => r.strategy.sequenceParallel },
  { header: 'feasible', value: (r) => r.feasible },
  { header: 'meets_targets', value: (r) => r.meetsTargets },
  { header: 'memory_per_gpu_GB', value: (r) => r.memoryPerGpuGB },
  { header: 'latency_ms', value: (r) => r.latencyMs },
  { header: 'throughput_tokens_per_s', value: (r) => r.throughputTokensPerSec },
  { header: 'mfu_pct', value: (r) => r.mfuPct },
  { header: 'comm_overhead_pct', value: (r) => r.commOverheadPct },
  { header: 'load_balance_pct', value: (r) => r.loadBalancePct },
  { header: 'gpu_utilization_pct', value: (r) => r.gpuUtilizationPct },
  { header: 'bubble_pct', value: (r) => r.bubblePct },
  { header: 'gpu_hours_per_M_tokens', value: (r) => r.gpuHoursPerMTokens },
  { header: 'violation', value: (r) => r.violation },
];

/** Rows (best first) as CSV with a header line. */
export function rowsToCsv(rows: readonly SearchRow[]): string {
  const lines = [CSV_COLUMNS.map((c) => c.header).join(',')];
  rows.forEach((r, i) =>
    lines.push(CSV_COLUMNS.map((c) => (c.header === 'rank' ? String(i + 1) : csvField(c.value(r)))).join(',')),
  );
  return lines.join('\n') + '\n';
}
