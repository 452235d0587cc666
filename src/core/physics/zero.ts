/**
 * Which model states ZeRO shards over the data-parallel group (Rajbhandari et
 * al. 2020): stage 1 the optimizer state, stage 2 also the gradients, stage 3
 * also the weights.
 */
export type ZeroStage = 0 | 1 | 2 | 3;

export interface ZeroSharding {
  optimizer: boolean;
  gradients: boolean;
  weights: boolean;
}

export function zeroSharding(stage: ZeroStage): ZeroSharding {
  return { optimizer: stage >= 1, gradients: stage >= 2, weights: stage >= 3 };
}
