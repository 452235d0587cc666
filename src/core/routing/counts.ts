/**
 * The count path: per-expert demand for N tokens drawn directly as counts, in
 * O(E) binomial draws instead of O(N·k) token draws (the lead's budget is ~1 ms
 * for a whole evaluation; 1M tokens × top-8 sampled one by one is 60–200 ms).
 *
 * Target law. Tokens route independently, each including expert i with
 * probability π_i (inclusion.ts), so expert i's demand is exactly
 * Binomial(N, π_i); the k picks of a token are distinct and sum to k, so
 * demands sum to exactly N·k and are negatively correlated.
 *
 * What we draw: demand_i = base_i + m_i, where base_i = ⌊N(π_i − a_i)⌋ is a
 * guaranteed share and m ~ Multinomial(M, r/Σr) spreads the remaining
 * M = N·k − Σ base_i, with r_i = N·a_i + frac(N(π_i − a_i)). Then
 *   mean_i = N·π_i exactly, Σ demand = N·k exactly,
 *   Var_i ≈ N·(a_i − a_i²/A) (A = Σa), Cov_ij ≈ −N·a_i·a_j/A.
 * The "variance shares" a_i are chosen so Var_i = N·π_i(1 − π_i), the true
 * binomial variance. So:
 *  - top-1: a = π = p, base = 0: an exact multinomial (the textbook law);
 *  - uniform top-k: a_i = π(1−π)/(1−1/E); by symmetry this also matches every
 *    covariance (−N·π(1−π)/(E−1)) exactly; k = E gives demand = N exactly;
 *  - Zipf top-k: exact means and variances (except in varianceShares'
 *    extreme-skew fallback); the negative correlation between
 *    experts from distinctness is approximated by the rank-one form above
 *    (a plain Multinomial(N·k, π/k) would ignore it and overstate Var_i by the
 *    factor (1 − π_i/k)/(1 − π_i): +12.5% for uniform E = 64, k = 8, and
 *    without bound for a hot expert with π_i → 1).
 * Other approximations: higher moments (skewness) are a multinomial's, not
 * the exact law's; the binomial sampler uses a normal approximation at means
 * ≥ 100 (random.ts: skewness ≤ 0.1 there, shifting the upper tail by < 4% of
 * one sd, ~0.5% at typical sizes like mean 4096); and demand_i ≤ N is
 * enforced by clamping (see sampleCounts), which binds only for tiny N or
 * π_i ≈ 1.
 */
import { binomial, type Rng } from './random';
import { inclusionProbabilities } from './inclusion';
import { zipfByRank } from './distribution';
import { routingWork } from './work';

export interface CountModel {
  /** Inclusion probability per expert (sums to k). */
  pi: Float64Array;
  /** Variance share per expert (see header). */
  a: Float64Array;
}

/**
 * Variance shares a_i ≤ π_i with a_i − a_i²/A = π_i(1 − π_i), A = Σa. The
 * left side is monotone in A, so we bisect on A. A skewed design can, in
 * principle, have no exact solution (one π_i near ½ with all others tiny); we
 * then take the boundary A = 4·max v, which keeps every a_i valid and only
 * approximates that extreme expert's variance.
 */
export function varianceShares(pi: Float64Array, k: number): Float64Array {
  const n = pi.length;
  const a = new Float64Array(n);
  if (k <= 1) {
    a.set(pi);
    return a;
  }
  const v = new Float64Array(n);
  let vMax = 0;
  let vSum = 0;
  for (let i = 0; i < n; i++) {
    v[i] = pi[i] * (1 - pi[i]);
    if (v[i] > vMax) vMax = v[i];
    vSum += v[i];
  }
  if (vMax <= 0) return a; // k = E: no randomness at all
  // a_i(A) = A(1 − √(1 − 4v/A))/2, written without cancellation.
  const shares = (A: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (2 * v[i]) / (1 + Math.sqrt(Math.max(0, 1 - (4 * v[i]) / A)));
    return s;
  };
  let lo = 4 * vMax;
  let hi = Math.max(lo, 2 * vSum); // a_i ≤ 2v_i, so Σa ≤ 2Σv: the root is below
  let A = lo;
  if (shares(lo) >= lo) {
    for (let it = 0; it < 80 && hi - lo > 1e-15 * hi; it++) {
      const mid = 0.5 * (lo + hi);
      if (shares(mid) >= mid) lo = mid;
      else hi = mid;
    }
    A = 0.5 * (lo + hi);
  }
  for (let i = 0; i < n; i++) {
    const ai = (2 * v[i]) / (1 + Math.sqrt(Math.max(0, 1 - (4 * v[i]) / A)));
    a[i] = Math.min(pi[i], ai);
  }
  return a;
}

/** Uniform top-k: closed forms (see header). */
export function uniformCountModel(experts: number, k: number): CountModel {
  const p = k / experts;
  const share = k === 1 ? p : (p * (1 - p)) / (1 - 1 / experts);
  return {
    pi: new Float64Array(experts).fill(p),
    a: new Float64Array(experts).fill(Math.min(p, share)),
  };
}

const cache = new Map<string, CountModel>();
const CACHE_LIMIT = 64;

/**
 * Zipf top-k by popularity rank. Seed-independent (the seed only permutes
 * ranks onto ids), so it is memoised: the inclusion integral is the one
 * costly step (~0.1–1 ms) and a sweep re-evaluates the same (E, k, skew).
 */
export function zipfCountModelByRank(experts: number, k: number, skew: number): CountModel {
  const key = `${experts}|${k}|${skew}`;
  let m = cache.get(key);
  if (!m) {
    const pi = inclusionProbabilities(zipfByRank(experts, skew), k);
    m = { pi, a: varianceShares(pi, k) };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, m);
  }
  return m;
}

/** Demand per expert for `tokens` tokens (sum = tokens·k exactly). */
export function sampleCounts(rng: Rng, tokens: number, k: number, model: CountModel): Float64Array {
  const { pi, a } = model;
  const n = pi.length;
  routingWork.steps += n;
  const demand = new Float64Array(n);
  const r = new Float64Array(n);
  let baseSum = 0;
  for (let i = 0; i < n; i++) {
    const b = tokens * (pi[i] - a[i]);
    const base = Math.floor(b);
    demand[i] = base;
    baseSum += base;
    r[i] = tokens * a[i] + (b - base);
  }
  let remaining = tokens * k - baseSum;
  // Σπ = k holds to ~1e-15, so ⌊N(π−a)⌋ can overshoot by one in a rare
  // rounding case; take it back from the largest base to keep Σ = N·k exact.
  while (remaining < 0) {
    let big = 0;
    for (let i = 1; i < n; i++) if (demand[i] > demand[big]) big = i;
    demand[big]--;
    remaining++;
  }
  if (remaining === 0) return demand; // k = E: nothing random
  // Multinomial(remaining, r/Σr) as sequential conditional binomials.
  // Suffix sums are precomputed so p = r_i / Σ_{j≥i} r_j carries no drift.
  const tail = new Float64Array(n + 1);
  // room: an expert appears at most once per token, so demand_i ≤ N. A plain
  // multinomial ignores that; it only binds for tiny N or π_i ≈ 1, and there
  // we clamp each draw into what keeps the rest feasible (Σ room ≥ remaining
  // because E ≥ k).
  const roomTail = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    tail[i] = tail[i + 1] + r[i];
    roomTail[i] = roomTail[i + 1] + (tokens - demand[i]);
  }
  for (let i = 0; i < n && remaining > 0; i++) {
    const lo = Math.max(0, remaining - roomTail[i + 1]);
    const hi = Math.min(remaining, tokens - demand[i]);
    const c = tail[i] > 0 ? binomial(rng, remaining, Math.min(1, r[i] / tail[i])) : 0;
    const kept = c < lo ? lo : c > hi ? hi : c;
    demand[i] += kept;
    remaining -= kept;
  }
  return demand;
}
