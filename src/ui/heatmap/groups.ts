/**
 * Which GPUs work with a given GPU, from the coordinates in Evaluation.perGpu
 * (the same rules as the core's groups, src/core/comm/layout.ts SHARED_COORDS):
 *
 * - TP group: same (pp, dp) — the ranks that split each layer's matrices.
 * - Pipeline stage: same pp — every GPU holding the same layers.
 * - DP replicas: same (pp, tp) — the GPU and its copies on other dp indices,
 *   which average gradients together.
 * - EP group: same (pp, edp, etp) — the ranks that exchange tokens in the
 *   all-to-all, each holding a different slice of the experts.
 * Every set includes the GPU itself.
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
  const { tp, pp, dp, etp, edp } = me.coords;
  const groups: GpuGroups = { rank, tp: new Set(), ep: new Set(), stage: new Set(), dp: new Set() };
  for (const g of perGpu) {
    const c = g.coords;
    if (c.pp !== pp) continue;
    groups.stage.add(g.rank);
    if (c.dp === dp) groups.tp.add(g.rank);
    if (c.tp === tp) groups.dp.add(g.rank);
    if (c.edp === edp && c.etp === etp) groups.ep.add(g.rank);
  }
  return groups;
}
