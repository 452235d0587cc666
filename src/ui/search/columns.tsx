/**
 * Columns of the results table (TanStack Table 9): the strategy, each metric
 * with its unit, pass/fail per target and the first violation. Module scope
 * keeps features and columns stable, as v9 requires.
 */
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
} from '@tanstack/react-table';
import type { SearchRow, TargetName } from '../../core';
import { TARGETS } from '../../core';
import { strategyLabel } from './strategyDoc';
import { fixed } from '../format';

export const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
});

const helper = createColumnHelper<typeof features, SearchRow>();

const num = (x: number | null, digits: number) => (x === null ? '–' : fixed(x, digits));

/** "all 6 met", or the targets missed. */
export function targetsText(r: SearchRow): string {
  const set = Object.entries(r.targets).filter(([, p]) => p !== null);
  const failed = set.filter(([, p]) => p === false).map(([k]) => TARGETS[k as TargetName].short);
  if (set.length === 0) return 'none set';
  return failed.length === 0 ? `all ${set.length} met` : `misses ${failed.join(', ')}`;
}

/** Numeric sort that puts "not computed" (null) last whichever way. */
const numeric = { sortUndefined: 'last' as const, sortDescFirst: true };

export function makeColumns(training: boolean) {
  return helper.columns([
    helper.accessor((r) => strategyLabel(r.strategy, training), {
      id: 'strategy',
      header: 'Strategy',
      enableSorting: false,
      filterFn: (row, id, value: string) =>
        row.getValue<string>(id).toLowerCase().includes(String(value).toLowerCase()),
    }),
    helper.accessor('memoryPerGpuGB', {
      header: 'Memory/GPU (GB)',
      cell: (c) => num(c.getValue(), 1),
      sortDescFirst: false,
    }),
    helper.accessor((r) => r.latencyMs ?? undefined, {
      id: 'latencyMs',
      header: training ? 'Step time (ms)' : 'Latency (ms)',
      cell: (c) => num(c.getValue() ?? null, 1),
      ...numeric,
      sortDescFirst: false,
    }),
    helper.accessor((r) => r.throughputTokensPerSec ?? undefined, {
      id: 'throughput',
      header: 'Throughput (tokens/s)',
      cell: (c) => num(c.getValue() ?? null, 0),
      ...numeric,
    }),
    helper.accessor((r) => r.mfuPct ?? undefined, {
      id: 'mfu',
      header: 'MFU (%)',
      cell: (c) => num(c.getValue() ?? null, 1),
      ...numeric,
    }),
    helper.accessor((r) => r.commOverheadPct ?? undefined, {
      id: 'comm',
      header: 'Comm (% of compute)',
      cell: (c) => num(c.getValue() ?? null, 1),
      ...numeric,
      sortDescFirst: false,
    }),
    helper.accessor((r) => r.loadBalancePct ?? undefined, {
      id: 'balance',
      header: 'Load balance (%)',
      cell: (c) => num(c.getValue() ?? null, 1),
      ...numeric,
    }),
    helper.accessor((r) => r.gpuUtilizationPct ?? undefined, {
      id: 'util',
      header: 'Utilization (%)',
      cell: (c) => num(c.getValue() ?? null, 1),
      ...numeric,
    }),
    helper.accessor('meetsTargets', {
      header: 'Targets',
      cell: (c) => targetsText(c.row.original),
      filterFn: (row, id, value: boolean) => !value || row.getValue<boolean>(id),
    }),
    helper.accessor('feasible', {
      header: 'Can run',
      cell: (c) => (c.getValue() ? 'yes' : (c.row.original.violation ?? 'no')),
      filterFn: (row, id, value: boolean) => !value || row.getValue<boolean>(id),
    }),
  ]);
}
