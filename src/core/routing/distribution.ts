/**
 * Router probabilities per expert (cost-model.md §7): uniform, or Zipf with
 * exponent `skew` over popularity ranks, p_rank ∝ 1 / rank^skew.
 *
 * Ranks are given to expert ids by a seeded shuffle. Without it the hottest
 * experts would be ids 0, 1, 2…, all in GPU 0's contiguous block, and every
 * skewed scenario would show the worst possible placement instead of a typical
 * one (a real router has no reason to favour low ids).
 */
import type { RoutingDistribution } from '../scenario/types';
import { detPow } from './detmath';
import { createRng } from './random';

/** Stream id of the expert shuffle, so it is independent of the token draws. */
export const SHUFFLE_STREAM = 1;

/**
 * Zipf probabilities by popularity rank (index 0 = hottest), normalised to sum
 * to 1. skew 0 gives the uniform distribution.
 */
export function zipfByRank(experts: number, skew: number): Float64Array {
  const p = new Float64Array(experts);
  let sum = 0;
  for (let r = 0; r < experts; r++) {
    p[r] = detPow(r + 1, -skew);
    sum += p[r];
  }
  for (let r = 0; r < experts; r++) p[r] /= sum;
  return p;
}

/**
 * rankToExpert[r] = expert id holding popularity rank r: a Fisher–Yates
 * shuffle seeded by `seed`, the same in every call with that seed.
 */
export function popularityOrder(experts: number, seed: number): Int32Array {
  const order = new Int32Array(experts);
  for (let i = 0; i < experts; i++) order[i] = i;
  const rng = createRng(seed, SHUFFLE_STREAM);
  for (let i = experts - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Places per-rank values onto expert ids: out[rankToExpert[r]] = byRank[r]. */
export function byExpertId(byRank: Float64Array, rankToExpert: Int32Array): Float64Array {
  const out = new Float64Array(byRank.length);
  for (let r = 0; r < byRank.length; r++) out[rankToExpert[r]] = byRank[r];
  return out;
}

/** True when the distribution is uniform (skew 0 Zipf is uniform too). */
export function isUniform(distribution: RoutingDistribution, skew: number): boolean {
  return distribution === 'uniform' || skew === 0;
}

/**
 * The router's probability of choosing each expert id (for one draw), summing
 * to 1. `skew` is ignored for 'uniform'.
 */
export function routingProbabilities(
  experts: number,
  distribution: RoutingDistribution,
  skew: number,
  seed: number,
): Float64Array {
  checkDistribution(experts, distribution, skew);
  if (isUniform(distribution, skew)) return new Float64Array(experts).fill(1 / experts);
  return byExpertId(zipfByRank(experts, skew), popularityOrder(experts, seed));
}

export function checkDistribution(experts: number, distribution: RoutingDistribution, skew: number): void {
  if (!Number.isInteger(experts) || experts < 1) {
    throw new RangeError(`experts must be a positive integer, got ${experts}`);
  }
  if (distribution !== 'uniform' && distribution !== 'zipf') {
    throw new RangeError(`distribution must be 'uniform' or 'zipf', got ${String(distribution)}`);
  }
  if (distribution === 'zipf' && !(Number.isFinite(skew) && skew >= 0)) {
    throw new RangeError(`zipf skew must be a finite number ≥ 0, got ${skew}`);
  }
}
