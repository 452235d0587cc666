/**
 * The Pareto front of the search: strategies that no other beats on both
 * axes (more throughput, or less latency, for no more memory per GPU).
 */
import type { SearchRow } from '../../core/search';

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
