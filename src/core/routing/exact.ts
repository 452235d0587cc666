/**
 * The exact path: every token draws its k distinct experts one at a time, each
 * from the routing distribution renormalised over the experts it has not yet
 * picked (successive sampling, the same law as Gumbel-top-k).
 *
 * Implementation: Walker/Vose alias table for O(1) draws, and rejection of
 * already-picked experts. Rejecting and redrawing from p is exactly a draw
 * from p restricted to the unpicked experts and renormalised, so the law is
 * unchanged. When the unpicked mass gets small (heavy skew, or k near E) the
 * expected number of redraws 1/mass grows, so below MIN_REJECT_MASS we switch
 * to a linear scan over the unpicked experts.
 */
import type { Rng } from './random';

const MIN_REJECT_MASS = 0.25;

export interface AliasTable {
  prob: Float64Array;
  alias: Int32Array;
  uniform: boolean;
}

/** Vose's alias method: O(E) build; only + − × ÷, so deterministic. */
export function buildAlias(p: Float64Array): AliasTable {
  const n = p.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  let uniform = true;
  for (let i = 0; i < n; i++) {
    scaled[i] = p[i] * n;
    if (p[i] !== p[0]) uniform = false;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  // Leftovers are 1 up to rounding.
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return { prob, alias, uniform };
}

function drawAlias(rng: Rng, t: AliasTable, n: number): number {
  const i = rng.nextInt(n);
  if (t.uniform) return i; // skip the coin: saves half the draws for uniform routing
  return rng.next() < t.prob[i] ? i : t.alias[i];
}

/**
 * The experts chosen by each token: out[t·k + j] is token t's j-th pick; the
 * k picks of a token are distinct. Requires 1 ≤ k ≤ p.length.
 */
export function sampleAssignments(rng: Rng, tokens: number, k: number, p: Float64Array): Int32Array {
  const n = p.length;
  const table = buildAlias(p);
  const out = new Int32Array(tokens * k);
  const stamp = new Int32Array(n).fill(-1); // stamp[e] = last token that picked e
  for (let t = 0; t < tokens; t++) {
    let mass = 1; // routing mass of the experts token t has not picked yet
    for (let j = 0; j < k; j++) {
      let e: number;
      if (mass >= MIN_REJECT_MASS) {
        do e = drawAlias(rng, table, n);
        while (stamp[e] === t);
      } else {
        e = scanUnpicked(rng, p, stamp, t, mass);
      }
      stamp[e] = t;
      mass -= p[e];
      out[t * k + j] = e;
    }
  }
  return out;
}

function scanUnpicked(rng: Rng, p: Float64Array, stamp: Int32Array, t: number, mass: number): number {
  let u = rng.next() * mass;
  let lastFree = -1;
  for (let e = 0; e < p.length; e++) {
    if (stamp[e] === t) continue;
    lastFree = e;
    u -= p[e];
    if (u < 0) return e;
  }
  return lastFree; // rounding left u ≥ 0 after the last unpicked expert
}

/** Demand per expert from individually sampled tokens. */
export function sampleExactDemand(rng: Rng, tokens: number, k: number, p: Float64Array): Float64Array {
  const picks = sampleAssignments(rng, tokens, k, p);
  const demand = new Float64Array(p.length);
  for (let i = 0; i < picks.length; i++) demand[picks[i]]++;
  return demand;
}
