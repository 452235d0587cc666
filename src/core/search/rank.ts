/**
 * Ranking: strategies that can run come first, best by the chosen objective;
 * then those that cannot, closest to fitting first.
 */
import type { SearchRow } from './rows';

export type Objective = 'throughput' | 'latency' | 'memory' | 'cost';
export const OBJECTIVES: readonly Objective[] = ['throughput', 'latency', 'memory', 'cost'];

/** The value an objective minimises (throughput is negated); Infinity when not computed. */
export function objectiveValue(r: SearchRow, o: Objective): number {
  const v =
    o === 'throughput'
      ? r.throughputTokensPerSec === null
        ? null
        : -r.throughputTokensPerSec
      : o === 'latency'
        ? r.latencyMs
        : o === 'memory'
          ? r.memoryPerGpuGB
          : r.gpuHoursPerMTokens;
  return v === null || !Number.isFinite(v) ? Infinity : v;
}

/** Best first: feasible before infeasible, then by objective, then by less memory, then enumeration order. */
export function compareRows(o: Objective) {
  return (a: SearchRow, b: SearchRow): number => {
    if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
    if (!a.feasible) return a.memoryPerGpuGB - b.memoryPerGpuGB || a.id - b.id;
    return objectiveValue(a, o) - objectiveValue(b, o) || a.memoryPerGpuGB - b.memoryPerGpuGB || a.id - b.id;
  };
}

export function rankRows(rows: SearchRow[], o: Objective): SearchRow[] {
  return [...rows].sort(compareRows(o));
}

/** Id of the best feasible row under each objective (the table marks them), or null. */
export function bestIds(rows: readonly SearchRow[]): Record<Objective, number | null> {
  const out = { throughput: null, latency: null, memory: null, cost: null } as Record<Objective, number | null>;
  for (const o of OBJECTIVES) {
    let best: SearchRow | null = null;
    const cmp = compareRows(o);
    for (const r of rows) if (r.feasible && (best === null || cmp(r, best) < 0)) best = r;
    out[o] = best ? best.id : null;
  }
  return out;
}
