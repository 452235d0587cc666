/**
 * Monte Carlo of MoE routing for one micro-batch of one expert-parallel group
 * (cost-model.md §7): which experts the tokens pick, how many tokens each
 * expert keeps under a capacity factor, and how unevenly that loads the GPUs.
 *
 * Up to `maxExactTokens` tokens are sampled one by one (exact.ts); above that,
 * per-expert counts are drawn directly (counts.ts), which is exact in law for
 * top-1 and matches means and (co)variances for top-k (see counts.ts).
 */
import type { RoutingDistribution } from '../scenario/types';
import { byExpertId, checkDistribution, isUniform, popularityOrder, routingProbabilities } from './distribution';
import { sampleExactDemand } from './exact';
import { sampleCounts, uniformCountModel, zipfCountModelByRank, type CountModel } from './counts';
import { createRng } from './random';

export interface RoutingInput {
  /** Tokens entering the MoE layer across the EP group for one micro-batch (integer ≥ 0). */
  tokens: number;
  /** E. */
  experts: number;
  /** k distinct experts per token, 1 ≤ k ≤ E. */
  topK: number;
  /** GPUs in the EP group; experts sit on them in contiguous blocks (gpuExpertRanges). */
  epSize: number;
  /** null = dropless; otherwise capacity per expert = ⌈C · tokens · k / E⌉. */
  capacityFactor: number | null;
  distribution: RoutingDistribution;
  /** Zipf exponent s: p_rank ∝ 1/rank^s; 0 = uniform. Ignored for 'uniform'. */
  skew: number;
  seed: number;
  /** Sample tokens one by one up to this many (and up to MAX_EXACT_ASSIGNMENTS token–expert pairs); above it draw counts. Default 4096. */
  maxExactTokens?: number;
}

export interface RoutingResult {
  /** Tokens each expert processes (after the capacity drop). */
  expertLoad: number[];
  /** Tokens routed to each expert before the drop. */
  expertDemand: number[];
  /** Tokens processed per EP GPU (sum over its experts, after the drop). */
  gpuLoad: number[];
  capacityPerExpert: number | null;
  /** Dropped token-expert assignments / (tokens·k) × 100. */
  tokenDropPct: number;
  /** mean / max of gpuLoad × 100 (100 = perfect; 100 when all loads are 0). */
  loadBalancePct: number;
  /** max / mean of gpuLoad, ≥ 1; 1 when all loads are 0. */
  stragglerFactor: number;
  /** True when every token was sampled individually. */
  sampledExactly: boolean;
}

/** 4,096 token samples cost ~0.1 ms (top-1) to ~0.5 ms (top-8). */
export const DEFAULT_MAX_EXACT_TOKENS = 4096;
/**
 * Most token–expert assignments (tokens · k) sampled one by one: 4,096 tokens
 * × top-64. The exact path costs O(tokens · k); top-16,384 of 16,384 experts
 * would be 67 M draws per micro-batch, so wide top-k goes to the count path
 * (O(E)) above this.
 */
export const MAX_EXACT_ASSIGNMENTS = 4096 * 64;
/** Stream id of the token draws (the expert shuffle uses SHUFFLE_STREAM). */
export const SAMPLE_STREAM = 2;

/**
 * Experts of each EP GPU: a contiguous block; when E % epSize ≠ 0 the first
 * E % epSize GPUs get one expert more. With epSize > E the last GPUs hold none.
 */
export function gpuExpertRanges(experts: number, epSize: number): { first: number; count: number }[] {
  const base = Math.floor(experts / epSize);
  const extra = experts % epSize;
  const out: { first: number; count: number }[] = [];
  let first = 0;
  for (let g = 0; g < epSize; g++) {
    const count = base + (g < extra ? 1 : 0);
    out.push({ first, count });
    first += count;
  }
  return out;
}

/**
 * ⌈C · tokens · k / E⌉ (Fedus et al. 2021, "Switch Transformers", eq. 3 with
 * k assignments per token as in GShard). A product within 1e-9 of an integer
 * is taken as that integer, so 1.1 · 100 / 10 = 11.000000000000002 gives 11,
 * not 12.
 */
export function capacityPerExpert(
  capacityFactor: number | null,
  tokens: number,
  topK: number,
  experts: number,
): number | null {
  if (capacityFactor === null) return null;
  const x = (capacityFactor * tokens * topK) / experts;
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, x) ? r : Math.ceil(x);
}

export function simulateRouting(input: RoutingInput): RoutingResult {
  validate(input);
  const { tokens, experts, topK: k, epSize, capacityFactor, distribution, skew, seed } = input;
  const maxExact = input.maxExactTokens ?? DEFAULT_MAX_EXACT_TOKENS;
  const rng = createRng(seed, SAMPLE_STREAM);
  const sampledExactly = tokens <= maxExact && tokens * k <= MAX_EXACT_ASSIGNMENTS;

  let demand: Float64Array;
  if (sampledExactly) {
    demand = sampleExactDemand(rng, tokens, k, routingProbabilities(experts, distribution, skew, seed));
  } else {
    demand = sampleCounts(rng, tokens, k, countModel(experts, k, distribution, skew, seed));
  }

  const capacity = capacityPerExpert(capacityFactor, tokens, k, experts);
  const expertLoad = new Array<number>(experts);
  const expertDemand = new Array<number>(experts);
  let kept = 0;
  for (let e = 0; e < experts; e++) {
    expertDemand[e] = demand[e];
    // Token dropping: an expert over capacity processes `capacity` tokens and
    // the overflow skips the expert via the residual connection.
    expertLoad[e] = capacity === null ? demand[e] : Math.min(demand[e], capacity);
    kept += expertLoad[e];
  }

  const gpuLoad = gpuExpertRanges(experts, epSize).map(({ first, count }) => {
    let s = 0;
    for (let e = first; e < first + count; e++) s += expertLoad[e];
    return s;
  });
  let max = 0;
  for (const g of gpuLoad) if (g > max) max = g;
  const mean = kept / epSize;
  const assignments = tokens * k;

  return {
    expertLoad,
    expertDemand,
    gpuLoad,
    capacityPerExpert: capacity,
    // Clamped at 0: with huge counts the sum of the kept loads can round a hair above the assignments.
    tokenDropPct: assignments > 0 ? Math.max(0, ((assignments - kept) / assignments) * 100) : 0,
    loadBalancePct: max > 0 ? (mean / max) * 100 : 100,
    stragglerFactor: max > 0 ? max / mean : 1,
    sampledExactly,
  };
}

/** π and variance shares per expert id for the count path. */
function countModel(
  experts: number,
  k: number,
  distribution: RoutingDistribution,
  skew: number,
  seed: number,
): CountModel {
  if (isUniform(distribution, skew)) return uniformCountModel(experts, k);
  const byRank = zipfCountModelByRank(experts, k, skew);
  const order = popularityOrder(experts, seed);
  return { pi: byExpertId(byRank.pi, order), a: byExpertId(byRank.a, order) };
}

function validate(input: RoutingInput): void {
  const { tokens, experts, topK, epSize, capacityFactor, distribution, skew, seed, maxExactTokens } = input;
  checkDistribution(experts, distribution, skew);
  const int = (name: string, v: number, min: number): void => {
    if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${v}`);
  };
  // Tokens are counted, not listed, above maxExactTokens, so any finite whole count works (beyond 2^53 every double is whole).
  if (!(Number.isInteger(tokens) && tokens >= 0)) throw new RangeError(`tokens must be an integer ≥ 0, got ${tokens}`);
  int('topK', topK, 1);
  int('epSize', epSize, 1);
  if (topK > experts) throw new RangeError(`topK (${topK}) cannot exceed experts (${experts})`);
  if (capacityFactor !== null && !(Number.isFinite(capacityFactor) && capacityFactor > 0)) {
    throw new RangeError(`capacityFactor must be > 0 or null (dropless), got ${capacityFactor}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (maxExactTokens !== undefined) int('maxExactTokens', maxExactTokens, 0);
}
