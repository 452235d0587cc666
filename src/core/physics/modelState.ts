/**
 * Bytes of weights, gradients and optimizer state one GPU holds (cost-model.md
 * §3): dense parameters are replicated over the data-parallel group, routed
 * experts over the expert-data-parallel group, and ZeRO shards each state over
 * its group by stage.
 */
import type { ReplicaGroups } from './groupSizes';
import type { BytesPerParam } from './paramBytes';
import { zeroSharding, type ZeroStage } from './zero';

/** Parameters on one GPU, split by the group that replicates them. */
export interface ParamsOnGpu {
  dense: number;
  expert: number;
}

export interface ModelStateBytes {
  weights: number;
  gradients: number;
  optimizer: number;
}

/** All parameters the GPU's layers have. */
export function allParams(p: ParamsOnGpu): number {
  return p.dense + p.expert;
}

/** The GPU's ZeRO shard: dense parameters over the DP group, expert parameters over the expert-DP group. */
export function shardParams(p: ParamsOnGpu, g: ReplicaGroups): number {
  return p.dense / g.dataParallel + p.expert / g.expertDataParallel;
}

export function modelStateBytes(
  p: ParamsOnGpu,
  g: ReplicaGroups,
  bytes: BytesPerParam,
  zeroStage: ZeroStage,
): ModelStateBytes {
  const z = zeroSharding(zeroStage);
  const all = allParams(p);
  const shard = shardParams(p, g);
  return {
    weights: z.weights
      ? (p.dense / g.dataParallel) * bytes.weights + (p.expert / g.expertDataParallel) * bytes.expertWeights
      : p.dense * bytes.weights + p.expert * bytes.expertWeights,
    gradients: (z.gradients ? shard : all) * bytes.gradients,
    optimizer: (z.optimizer ? shard : all) * bytes.optimizer,
  };
}
