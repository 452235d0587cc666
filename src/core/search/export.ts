/**
 * The search's results as documents: rows with their scenario's parallel and
 * workload settings (JSON), and a flat table (CSV). The CLI and the page's
 * export buttons print the same.
 */
import type { ParallelSpec, Scenario, WorkloadSpec } from '../scenario/types';
import { ROW_METRIC_IDS, ROW_METRICS, type RowMetricId, type SearchRow, type TargetName } from './rows';
import { TARGET_IDS, TARGETS } from '../metrics/targets';
import { applyStrategy } from './space';
import { csvField } from '../format/csv';

export interface ExportedRow {
  rank: number;
  id: number;
  parallel: ParallelSpec;
  workload: WorkloadSpec;
  feasible: boolean;
  /** The row's figures, as the row holds them (ROW_METRICS in rows.ts). */
  metrics: Pick<SearchRow, RowMetricId>;
  targets: Record<TargetName, boolean | null>;
  meetsTargets: boolean;
  /** Its ranking figure is within the model's error of the best's (ties.ts); false when nothing ties. */
  tiedWithinError: boolean;
  violation: string | null;
}

export function exportRow(base: Scenario, r: SearchRow, rank: number, tied = false): ExportedRow {
  const s = applyStrategy(base, r.strategy);
  return {
    rank,
    id: r.id,
    parallel: s.parallel,
    workload: s.workload,
    feasible: r.feasible,
    metrics: Object.fromEntries(ROW_METRIC_IDS.map((k) => [k, r[k]])) as Pick<SearchRow, RowMetricId>,
    targets: r.targets,
    meetsTargets: r.meetsTargets,
    tiedWithinError: tied,
    violation: r.violation,
  };
}

/** CSV columns: the strategy, then its figures (units in the header) and each target's verdict, from the registries. */
export const CSV_COLUMNS: readonly {
  header: string;
  /** `tied`: the ids tied within the model's error of the best (ties.ts). */
  value: (r: SearchRow, tied: ReadonlySet<number>) => string | number | boolean | null;
}[] = [
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
  { header: 'tied_within_error', value: (r, tied) => tied.has(r.id) },
  ...ROW_METRIC_IDS.map((k) => ({ header: ROW_METRICS[k].csvHeader, value: (r: SearchRow) => r[k] })),
  // Each target's verdict: true passes, false misses, empty when the scenario sets none.
  ...TARGET_IDS.map((t) => ({ header: TARGETS[t].csvHeader, value: (r: SearchRow) => r.targets[t] })),
  { header: 'violation', value: (r) => r.violation },
];

/** Rows (best first) as CSV with a header line; `tied` marks the rows tied within the model's error. */
export function rowsToCsv(rows: readonly SearchRow[], tied: ReadonlySet<number> = new Set()): string {
  const lines = [CSV_COLUMNS.map((c) => c.header).join(',')];
  rows.forEach((r, i) =>
    lines.push(CSV_COLUMNS.map((c) => (c.header === 'rank' ? String(i + 1) : csvField(c.value(r, tied)))).join(',')),
  );
  return lines.join('\n') + '\n';
}
