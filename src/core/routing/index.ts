/** MoE expert-routing Monte Carlo (cost-model.md §7). */
export {
  simulateRouting,
  gpuExpertRanges,
  capacityPerExpert,
  DEFAULT_MAX_EXACT_TOKENS,
  type RoutingInput,
  type RoutingResult,
} from './simulate';
export { routingProbabilities, zipfByRank, popularityOrder } from './distribution';
export { inclusionProbabilities } from './inclusion';
export { createRng, binomial, type Rng } from './random';
