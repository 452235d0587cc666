/**
 * After the last backward of a step: every pipeline stage syncs its gradients
 * over its data-parallel groups, then the optimizer updates the weights. Both
 * read the bytes per parameter and the ZeRO sharding that memory holds
 * (core/physics), so traffic and memory cannot disagree.
 */
import type { Scenario } from '../scenario/types';
import type { Device } from '../compute/device';
import { memoryOpTiming } from '../compute/roofline';
import { gradientSync, type GradientSync, type Links } from '../comm/costs';
import type { GroupKind, GroupSpan } from '../comm/layout';
import { replicaGroups } from '../physics/groupSizes';
import type { ParamsOnGpu } from '../physics/modelState';
import { optimizerStepBytes } from '../physics/optimizerStep';
import { bytesPerParam } from '../physics/paramBytes';

export interface WeightUpdate {
  /** DP sync of each pipeline device (zeros when serving). */
  sync: GradientSync[];
  /** HBM bytes the optimizer step moves on one GPU of each pipeline device. */
  optimizerBytes: number[];
  /** The slowest device's optimizer step: the one the step waits for. */
  optimizerSeconds: number;
}

/** Kernels of one optimizer step (multi-tensor apply): each pays the fixed launch cost. */
export const OPTIMIZER_KERNELS = 4;

const NO_SYNC: GradientSync = { reduceSeconds: 0, gatherSeconds: 0, reducedBytes: 0 };

export function weightUpdate(
  s: Scenario,
  stageParams: ParamsOnGpu[],
  spans: Record<GroupKind, GroupSpan>,
  links: Links,
  device: Device,
): WeightUpdate {
  const w = s.workload;
  if (w.mode !== 'training')
    return { sync: stageParams.map(() => NO_SYNC), optimizerBytes: stageParams.map(() => 0), optimizerSeconds: 0 };
  const bytes = bytesPerParam(w);
  const groups = replicaGroups(s.parallel);
  const sync = stageParams.map((params) =>
    gradientSync({
      params,
      bytes,
      zeroStage: w.zeroStage,
      microBatches: w.microBatches,
      dpSpan: spans.dp,
      edpSpan: spans.edp,
      links,
    }),
  );
  // Optimizer step: memory-bound over this GPU's shard of the state.
  const optimizerBytes = stageParams.map((params) => optimizerStepBytes(params, groups, bytes, w.zeroStage));
  const worst = Math.max(0, ...optimizerBytes);
  return { sync, optimizerBytes, optimizerSeconds: memoryOpTiming(worst, device, OPTIMIZER_KERNELS).seconds };
}
