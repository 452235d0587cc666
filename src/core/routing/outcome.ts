/**
 * Expert routing for one scenario (cost-model.md §7): samples one micro-batch
 * of one EP group and turns the loads into what the time and memory models
 * need: how many token–expert assignments the busiest GPU processes.
 */
import type { RoutingSummary } from '../evaluation';
import { simulateRouting } from './';
import type { Scenario } from '../scenario/types';

export interface RoutingOutcome {
  summary: RoutingSummary | null;
  loadBalancePct: number;
  tokenDropPct: number;
  /** Assignments the busiest GPU's experts process per micro-batch. */
  busiestAssignments: number;
  /** Experts of the busiest GPU that received at least one token. */
  busiestActiveExperts: number;
  expertsPerGpu: number;
  /** Busiest GPU's assignments per routed copy it owns (≈ 1 uniform, more when skewed, etp with expert TP): scales the all-to-all. */
  dispatchFactor: number;
  /** Busiest GPU's assignments per token it owns, per expert-TP rank (≈ k): scales expert activations. */
  expertTokensFactor: number;
  /** Per EP rank, load relative to the mean. */
  relativeGpuLoad: number[];
}

const DENSE: RoutingOutcome = {
  summary: null,
  loadBalancePct: 100,
  tokenDropPct: 0,
  busiestAssignments: 0,
  busiestActiveExperts: 0,
  expertsPerGpu: 0,
  dispatchFactor: 0,
  expertTokensFactor: 0,
  relativeGpuLoad: [1],
};

/** What routing one micro-batch reads: the experts, the degrees, the routing settings and the pass's shape. */
export interface RoutingInput {
  experts: number;
  topK: number;
  tp: number;
  ep: number;
  etp: number;
  capacityFactor: number | null;
  /** 'uniform' when skew is 0 (the distribution then draws nothing else). */
  distribution: Scenario['parallel']['routing']['distribution'];
  skew: number;
  seed: number;
  /** New tokens per sequence in the pass. */
  tokens: number;
  /** Sequences per micro-batch. */
  microBatch: number;
}

/** The routing inputs of a MoE model's scenario, for one pass shape. */
export function routingInput(
  s: Scenario,
  moe: NonNullable<Scenario['model']['moe']>,
  tokens: number,
  microBatch: number,
): RoutingInput {
  const { tp, ep, etp, capacityFactor, routing } = s.parallel;
  return {
    experts: moe.experts,
    topK: moe.topK,
    tp,
    ep,
    etp,
    capacityFactor,
    distribution: routing.skew > 0 ? routing.distribution : 'uniform',
    skew: routing.skew,
    seed: routing.seed,
    tokens,
    microBatch,
  };
}

/**
 * `tokens` are new tokens per sequence in the pass, `microBatch` sequences.
 * Each GPU owns tokens·b/t tokens (sequence-sharded over TP), so an EP group
 * of ep·etp GPUs routes tokens·b·ep·etp/t of them per micro-batch.
 */
export function routeExperts(s: Scenario, tokens: number, microBatch: number): RoutingOutcome {
  return s.model.moe ? routeMoe(routingInput(s, s.model.moe, tokens, microBatch)) : DENSE;
}

/** routeExperts of a MoE model, from exactly what it reads. */
export function routeMoe(input: RoutingInput): RoutingOutcome {
  const { experts, tp, ep, etp, capacityFactor, tokens, microBatch } = input;
  const epSize = Math.max(1, Math.min(ep, experts));
  const groupTokens = Math.max(1, Math.round((tokens * microBatch * epSize * etp) / tp));
  const r = simulateRouting({
    tokens: groupTokens,
    experts,
    topK: Math.min(input.topK, experts),
    epSize,
    capacityFactor,
    distribution: input.distribution,
    skew: input.skew,
    seed: input.seed,
  });
  const meanLoad = r.gpuLoad.reduce((a, b) => a + b, 0) / r.gpuLoad.length;
  let busiest = 0;
  for (let g = 1; g < r.gpuLoad.length; g++) if (r.gpuLoad[g] > r.gpuLoad[busiest]) busiest = g;
  const expertsPerGpu = experts / epSize;
  const first = Math.floor((busiest * experts) / epSize);
  const last = Math.floor(((busiest + 1) * experts) / epSize);
  let active = 0;
  for (let e = first; e < last; e++) if (r.expertLoad[e] > 0) active++;
  const busiestAssignments = r.gpuLoad[busiest] ?? 0;
  // Tokens each GPU owns (sequence-sharded over TP); it sends their k copies
  // and receives what its experts process.
  const ownTokens = (tokens * microBatch) / tp;
  return {
    summary: {
      tokensPerMicroBatch: groupTokens,
      expertsPerGpu,
      capacityPerExpert: r.capacityPerExpert,
      stragglerFactor: r.stragglerFactor,
      expertLoad: r.expertLoad,
      gpuLoad: r.gpuLoad,
    },
    loadBalancePct: r.loadBalancePct,
    tokenDropPct: r.tokenDropPct,
    busiestAssignments,
    busiestActiveExperts: active,
    expertsPerGpu,
    dispatchFactor: ownTokens > 0 ? busiestAssignments / (ownTokens * input.topK) : 0,
    // activations.ts multiplies by etp/t itself.
    expertTokensFactor: ownTokens > 0 ? busiestAssignments / (ownTokens * etp) : 0,
    relativeGpuLoad: r.gpuLoad.map((g) => (meanLoad > 0 ? g / meanLoad : 1)),
  };
}
