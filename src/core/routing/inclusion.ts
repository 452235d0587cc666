/**
 * Inclusion probabilities π_i = P(expert i is among a token's k distinct
 * experts) when the k are drawn without replacement with weights w
 * (successive renormalised draws, the same law as Gumbel-top-k).
 *
 * There is no closed form for unequal weights, so we integrate the
 * exponential-race representation: give expert j an alarm T_j ~ Exp(w_j); the
 * order in which alarms ring is exactly successive sampling, so
 *
 *   π_i = ∫₀^∞ w_i e^{−w_i t} · P(fewer than k of the other alarms by t) dt.
 *
 * The inner probability is a Poisson-binomial tail, computed for every i at
 * once with prefix/suffix convolutions truncated at k − 1 (O(E·k) per node).
 * With t = e^x the integrand is a smooth bump in x, so the trapezoidal rule
 * converges geometrically (error ~ e^{−π²/h}); h = 0.4 gives |error| ≤ 1e-9
 * against exhaustive enumeration (tests). This is a deterministic number (no
 * sampling noise) at O(nodes·E·k): ~0.2 ms for E = 64, ~0.9 ms for E = 256
 * with k = 8 once the JIT is warm; counts.ts memoises it per (E, k, skew).
 *
 * Above E·k = EXACT_INCLUSION_BUDGET the integral would cost too much (16,384
 * experts with top-16,000 is ~10^10 steps and a 2 GB table), and there E and
 * k are large enough for Rosén's limit law of successive sampling: π_i →
 * 1 − e^{−w_i τ} with τ solving Σ_j (1 − e^{−w_j τ}) = k (B. Rosén 1972,
 * "Asymptotic theory for successive sampling with varying probabilities
 * without replacement", Ann. Math. Statist. 43(2), Theorem 5.1 ff.): the
 * k-th alarm of the race concentrates at τ. O(E) per Newton step.
 */
import { detExp, detExpm1, detLog } from './detmath';
import { routingWork } from './work';

const STEP = 0.4;
// The grid starts at t = T_MIN. Below it no other alarm has rung yet
// (P ≤ T_MIN^k/k!), so the integrand there is w·t·e^{−wt} ≈ w·t − w²t², and
// the trapezoid nodes the grid would have had to the left (t_min·e^{−nh},
// n ≥ 1) sum in closed form: see leftTail. That saves the ~30 nodes a plain
// cut at 1e-9 would need, with a relative error ~T_MIN^3 ≈ 1e-12.
const T_MIN = 1e-4;
// Right end: 40 / w_min leaves e^{−40} of the slowest alarm.
const T_MAX_SCALE = 40;
const RHO = detExp(-STEP);
const GEO1 = (STEP * RHO) / (1 - RHO); // h·Σ_{n≥1} ρ^n
const GEO2 = (STEP * RHO * RHO) / (1 - RHO * RHO); // h·Σ_{n≥1} ρ^{2n}
/** Largest E·k integrated exactly (~60 nodes × E·k steps: ~15 M, tens of ms); above it, Rosén's limit. */
export const EXACT_INCLUSION_BUDGET = 1 << 18;

/** Trapezoid contribution of the grid nodes left of T_MIN, for weight w. */
function leftTail(w: number): number {
  const y = w * T_MIN;
  return y * GEO1 - y * y * GEO2;
}

/**
 * π for weights `w` (any order, summing to 1) and k distinct picks.
 * Σπ = k; π_i ≥ w_i; k = 1 gives w; k ≥ E gives all ones.
 */
export function inclusionProbabilities(w: Float64Array, k: number): Float64Array {
  const n = w.length;
  const pi = new Float64Array(n);
  if (k >= n) return pi.fill(1);
  if (k <= 1) {
    pi.set(w);
    return pi;
  }
  if (n * k > EXACT_INCLUSION_BUDGET) return rosenLimit(w, k);
  let wMin = Infinity;
  for (let i = 0; i < n; i++) if (w[i] < wMin) wMin = w[i];
  const xLo = detLog(T_MIN);
  const xHi = detLog(T_MAX_SCALE / wMin);
  const nodes = Math.ceil((xHi - xLo) / STEP);

  const q = new Float64Array(n); // P(alarm j rang by t)
  const prefix = new Float64Array((n + 1) * k); // counts 0..k−1 among experts < i
  const suffix = new Float64Array(k); // counts among experts > i
  const cum = new Float64Array(k);
  for (let node = 0; node <= nodes; node++) {
    // detExp, not Math.exp: π feeds Math.floor(N·π) in the count sampler, so
    // even a last-bit difference between engines must not be possible.
    const t = detExp(xLo + node * STEP);
    // Full weight at the first node: the grid continues to the left (leftTail).
    const weight = node === nodes ? STEP / 2 : STEP;
    for (let j = 0; j < n; j++) {
      const y = w[j] * t;
      // 1 − e^{−y} rounds to exactly 1 for y > 38 (e^{−38} < 2^−54): skip the series.
      q[j] = y > 38 ? 1 : -detExpm1(-y);
    }

    prefix.fill(0, 0, k);
    prefix[0] = 1;
    for (let j = 0; j < n; j++) {
      const a = j * k;
      const b = a + k;
      const qj = q[j];
      const pj = 1 - qj;
      prefix[b] = prefix[a] * pj;
      for (let c = 1; c < k; c++) prefix[b + c] = prefix[a + c] * pj + prefix[a + c - 1] * qj;
    }

    suffix.fill(0);
    suffix[0] = 1;
    for (let i = n - 1; i >= 0; i--) {
      // P(others < k) = Σ_a prefix_i[a] · P(suffix ≤ k−1−a)
      let acc = 0;
      for (let c = 0; c < k; c++) {
        acc += suffix[c];
        cum[c] = acc;
      }
      const a = i * k;
      let g = 0;
      for (let c = 0; c < k; c++) g += prefix[a + c] * cum[k - 1 - c];
      // dt = t·dx; w_i e^{−w_i t} = w_i (1 − q_i)
      pi[i] += weight * w[i] * t * (1 - q[i]) * g;
      // add expert i to the suffix
      const qi = q[i];
      const pq = 1 - qi;
      for (let c = k - 1; c >= 1; c--) suffix[c] = suffix[c] * pq + suffix[c - 1] * qi;
      suffix[0] *= pq;
    }
  }
  for (let i = 0; i < n; i++) pi[i] += leftTail(w[i]);
  routingWork.steps += (nodes + 1) * n * k;
  // Quadrature error is ≤ 1e-9; renormalise so Σπ = k holds exactly for the
  // conservation of N·k assignments, and clamp to the valid range.
  return renormalise(pi, k);
}

/** π_i = 1 − e^{−w_i τ} with Σπ = k (Rosén 1972; see the header), for 1 < k < E. */
export function rosenLimit(w: Float64Array, k: number): Float64Array {
  const n = w.length;
  const pi = new Float64Array(n);
  // f(τ) = Σ(1 − e^{−w τ}) − k is increasing and concave, so Newton's method
  // from τ = 0 climbs to the root from below without overshooting.
  let tau = 0;
  for (let it = 0; it < 200; it++) {
    routingWork.steps += n;
    let f = -k;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      const stay = -detExpm1(-w[i] * tau); // 1 − e^{−wτ}, exact near 0
      f += stay;
      slope += w[i] * (1 - stay);
    }
    if (!(slope > 0)) break;
    const step = -f / slope;
    if (!(step > 1e-15 * tau)) break;
    tau += step;
  }
  for (let i = 0; i < n; i++) pi[i] = -detExpm1(-w[i] * tau);
  return renormalise(pi, k);
}

function renormalise(pi: Float64Array, k: number): Float64Array {
  const n = pi.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += pi[i];
  for (let i = 0; i < n; i++) pi[i] = Math.min(1, (pi[i] * k) / sum);
  return pi;
}
