/**
 * The seed document "Optimized Parallel Strategy for 30B MoE Model" beyond
 * its "after" strategy (which is the default scenario, core/scenario/defaults):
 * its claimed results and its "before" strategy, for the seed presets.
 */
import { deepFreeze } from '../core/freeze/deepFreeze';
import type { Claims, ParallelSpec } from '../core/scenario/types';

/** The seed document's claimed results (a scenario's `claims` defaults to null). */
export const SEED_CLAIMS: Claims = deepFreeze<Claims>({
  source: 'Optimized Parallel Strategy for 30B MoE Model',
  latencyMs: 27,
  throughputTokensPerSec: 38000,
  commOverheadPct: 1.5,
  loadBalancePct: 92,
  gpuUtilizationPct: 94,
  memoryPerGpuGB: 11.6,
  bubblePct: 5,
});

/**
 * The seed document's "before" strategy: TP 8, EP 8, PP 2, DP 1, 32
 * micro-batches, capacity factor 1.2, top-2. Top-2 is a model change, so it
 * is given as the `model.moe.topK` override beside the parallel fields.
 */
export const SEED_BEFORE = deepFreeze({
  parallel: { tp: 8, ep: 8, pp: 2, dp: 1, capacityFactor: 1.2 } satisfies Partial<ParallelSpec>,
  workload: { microBatches: 32 },
  model: { moe: { topK: 2 } },
});
