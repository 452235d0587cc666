/** MoE expert-routing Monte Carlo (cost-model.md §7). */
export {
  simulateRouting,
  gpuExpertRanges,
  capacityPerExpert,
  DEFAULT_MAX_EXACT_TOKENS,
  MAX_EXACT_ASSIGNMENTS,
  type RoutingInput,
  type RoutingResult,
} from './simulate';
export { routingProbabilities, zipfByRank, popularityOrder } from './distribution';
export { inclusionProbabilities } from './inclusion';
export { routingWork } from './work';
export { createRng, binomial, type Rng } from './random';
