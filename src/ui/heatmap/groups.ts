/**
 * Which GPUs work with a given GPU, from the coordinates in Evaluation.perGpu.
 *
 * - TP group: same (pp, dp) — the ranks that split each layer's matrices.
 * - Pipeline stage: same pp — every GPU holding the same layers.
 * - DP replicas: same (tp, pp) — the GPU and its copies on other dp indices,
 *   which average gradients together.
 * - EP group: same pp, and the same *occurrence index* of its ep coordinate
 *   among the stage's ranks in rank order (the k-th GPU of the stage with
 *   ep = 0 is in the same EP group as the k-th GPU with ep = 1, …).
 * Every set includes the GPU itself.
 *
 * GpuEntry carries no expert-data-parallel (edp) index, so the EP rule is an
 * assumption. It reproduces the core's grouping (same pp, edp and etp in
 * src/core/comm/layout.ts) for every rank order when ep·etp divides tp·dp; for
 * the default order tp-ep-dp-pp with etp = 1 it is the same as
 * "floor(index in stage / number of distinct ep values)". When the strategy is
 * infeasible (ep wraps), it still gives one GPU per ep value.
 */
import type { GpuEntry } from '../../core';

export interface GpuGroups {
  rank: number;
  tp: Set<number>;
  ep: Set<number>;
  stage: Set<number>;
  dp: Set<number>;
}

/** The groups of `rank`, or null when no GPU has that rank. */
export function groupOf(perGpu: GpuEntry[], rank: number): GpuGroups | null {
  const me = perGpu.find((g) => g.rank === rank);
  if (!me) return null;
  const { tp, pp, dp } = me.coords;
  const groups: GpuGroups = { rank, tp: new Set(), ep: new Set(), stage: new Set(), dp: new Set() };
  const stage = perGpu.filter((g) => g.coords.pp === pp).sort((a, b) => a.rank - b.rank);
  const occurrence = new Map<number, number>();
  const seen = new Map<number, number>();
  for (const g of stage) {
    const k = seen.get(g.coords.ep) ?? 0;
    seen.set(g.coords.ep, k + 1);
    occurrence.set(g.rank, k);
  }
  const mine = occurrence.get(rank);
  for (const g of stage) {
    groups.stage.add(g.rank);
    if (g.coords.dp === dp) groups.tp.add(g.rank);
    if (g.coords.tp === tp) groups.dp.add(g.rank);
    if (occurrence.get(g.rank) === mine) groups.ep.add(g.rank);
  }
  return groups;
}
