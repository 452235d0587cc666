/**
 * The Pareto front of the search: strategies that no other beats on both
 * axes (more throughput, or less latency, for no more memory per GPU).
 */
import type { SearchRow } from '../../core';

export type ParetoAxis = 'throughput' | 'latency';

export function yValue(r: SearchRow, axis: ParetoAxis): number | null {
  return axis === 'throughput' ? r.throughputTokensPerSec : r.latencyMs;
}

/** Rows on the front, by memory ascending. Only strategies that can run count. */
export function paretoFront(rows: readonly SearchRow[], axis: ParetoAxis): SearchRow[] {
  const better = axis === 'throughput' ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  const pts = rows.filter((r) => r.feasible && yValue(r, axis) !== null);
  pts.sort((a, b) => a.memoryPerGpuGB - b.memoryPerGpuGB || (better(yValue(a, axis)!, yValue(b, axis)!) ? -1 : 1));
  const front: SearchRow[] = [];
  let best: number | null = null;
  for (const r of pts) {
    const y = yValue(r, axis)!;
    if (best === null || better(y, best)) {
      front.push(r);
      best = y;
    }
  }
  return front;
}

/**
 * Rows whose results equal an earlier row's on every metric, target and
 * verdict (e.g. schedules of a one-stage pipeline, which run identically):
 * the table can hide them. Keeps the first of each group, in the given order.
 */
export function withoutEquivalents(rows: readonly SearchRow[], prefer: number | null = null): SearchRow[] {
  const seen = new Set<string>();
  const preferred = rows.find((r) => r.id === prefer);
  // The preferred row (the one on screen) stands for its group wherever it is ranked.
  if (preferred) seen.add(equivalenceKey(preferred));
  return rows.filter((r) => {
    if (r === preferred) return true;
    const key = equivalenceKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A metric as the table shows it (columns.tsx): rows that read the same are the same result to the user. */
const shown = (x: number | null | undefined, decimals: number) => (x == null ? null : Number(x.toFixed(decimals)));

function equivalenceKey(r: SearchRow): string {
  return JSON.stringify([
    r.feasible,
    shown(r.memoryPerGpuGB, 1),
    shown(r.latencyMs, 1),
    shown(r.throughputTokensPerSec, 0),
    shown(r.mfuPct, 1),
    shown(r.commOverheadPct, 1),
    shown(r.loadBalancePct, 1),
    shown(r.gpuUtilizationPct, 1),
    shown(r.bubblePct, 1),
    r.targets,
    r.violation,
    // Strategies that differ in more than the pipeline schedule stay apart even when their numbers agree.
    { ...r.strategy, schedule: '', virtualStages: 0 },
  ]);
}
