/**
 * HBM traffic of the optimizer step on one GPU, from the same byte counts
 * memory holds (paramBytes.ts): the GPU updates the parameters whose optimizer
 * state it keeps (its ZeRO shard from stage 1 on, else all of them), reading
 * that state and the gradient and writing the state and the working weights.
 *   Adam: read fp32 master + m + v (12) and the gradient, write master + m + v
 *   (12) and the 16-bit weights (2): 30 bytes per parameter with fp32
 *   gradients, 28 with 16-bit ones.
 *   SGD with momentum: read master + momentum (8) and the gradient, write them
 *   (8) and the weights (2): 22, or 20.
 */
import type { ReplicaGroups } from './groupSizes';
import { allParams, shardParams, type ParamsOnGpu } from './modelState';
import type { BytesPerParam } from './paramBytes';
import { zeroSharding, type ZeroStage } from './zero';

/** Bytes moved per updated parameter: the state twice (read, written), the gradient read, the weights written. */
export function optimizerStepBytesPerParam(bytes: BytesPerParam): number {
  return 2 * bytes.optimizer + bytes.gradients + bytes.weights;
}

/** Parameters whose update this GPU computes. */
export function updatedParams(p: ParamsOnGpu, g: ReplicaGroups, zeroStage: ZeroStage): number {
  return zeroSharding(zeroStage).optimizer ? shardParams(p, g) : allParams(p);
}

export function optimizerStepBytes(
  p: ParamsOnGpu,
  g: ReplicaGroups,
  bytes: BytesPerParam,
  zeroStage: ZeroStage,
): number {
  return updatedParams(p, g, zeroStage) * optimizerStepBytesPerParam(bytes);
}
