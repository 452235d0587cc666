/**
 * Sizes of the groups that hold copies of the same parameters.
 *
 * The dense part of a layer is replicated over the data-parallel group (dp
 * ranks). Routed experts are replicated over the expert-data-parallel group:
 * a pipeline stage's tp·dp GPUs are carved into etp × ep × edp (Megatron-Core's
 * expert RankGenerator), so edp = tp·dp / (ep·etp).
 *
 * Rounding: down, and at least 1, as Megatron-Core computes it (world size //
 * (etp·ep·pp)). It is exact whenever ep·etp divides tp·dp, which the
 * evaluator checks; otherwise the strategy is reported infeasible, and the
 * group counts the full groups the layout can form (comm/layout.ts uses the
 * same function).
 */
import type { ParallelSpec } from '../scenario/types';

export type GroupInput = Pick<ParallelSpec, 'tp' | 'dp' | 'ep' | 'etp'>;

export function dataParallelSize(p: Pick<ParallelSpec, 'dp'>): number {
  return p.dp;
}

export function expertDataParallelSize(p: GroupInput): number {
  return Math.max(1, Math.floor((p.tp * p.dp) / (Math.max(1, p.ep) * Math.max(1, p.etp))));
}

/** The two replica groups of one GPU's parameters. */
export interface ReplicaGroups {
  dataParallel: number;
  expertDataParallel: number;
}

export function replicaGroups(p: GroupInput): ReplicaGroups {
  return { dataParallel: dataParallelSize(p), expertDataParallel: expertDataParallelSize(p) };
}
