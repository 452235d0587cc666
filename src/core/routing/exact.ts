/**
 * The exact path: every token draws its k distinct experts one at a time, each
 * from the routing distribution renormalised over the experts it has not yet
 * picked (successive sampling, the same law as Gumbel-top-k).
 *
 * Implementation: Walker/Vose alias table for O(1) draws, and rejection of
 * already-picked experts. Rejecting and redrawing from p is exactly a draw
 * from p restricted to the unpicked experts and renormalised, so the law is
 * unchanged. When the unpicked mass gets small (heavy skew, or k near E) the
 * expected number of redraws 1/mass grows, so below MIN_REJECT_MASS the token's
 * remaining picks come from a sum tree over p with its picked experts zeroed:
 * O(log E) per pick. (A linear scan per pick was O(E), which made top-k near
 * E cost O(k·E) per token: 16,384 of 16,384 experts never returned.)
 */
import type { Rng } from './random';
import { routingWork } from './work';

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
  let tree: SumTree | null = null; // built on first need: most scenarios never leave the rejection phase
  let draws = 0;
  let treeSteps = 0;
  for (let t = 0; t < tokens; t++) {
    let mass = 1; // routing mass of the experts token t has not picked yet
    let j = 0;
    for (; j < k && mass >= MIN_REJECT_MASS; j++) {
      let e: number;
      do {
        e = drawAlias(rng, table, n);
        draws++;
      } while (stamp[e] === t);
      stamp[e] = t;
      mass -= p[e];
      out[t * k + j] = e;
    }
    if (j === k) continue;
    tree ??= new SumTree(p);
    const first = t * k;
    for (let i = first; i < first + j; i++) tree.set(out[i], 0);
    for (; j < k; j++) {
      const e = tree.draw(rng);
      tree.set(e, 0);
      out[first + j] = e;
    }
    // Put every weight back: sums are recomputed from the children, so the
    // tree returns bit for bit to its state before this token.
    for (let i = first; i < first + k; i++) tree.set(out[i], p[out[i]]);
    treeSteps += (k + j) * tree.depth; // j zeroed before, k − j drawn and zeroed, k restored
  }
  routingWork.steps += n + draws + treeSteps;
  return out;
}

/**
 * Complete binary tree of partial sums over the weights (leaves at size + i):
 * draw ∝ weight and set one weight, both O(log E). Each inner node is always
 * recomputed as left + right, never updated by a difference, so no rounding
 * drift accumulates over tokens.
 */
class SumTree {
  private readonly size: number;
  private readonly sum: Float64Array;
  /** Levels walked by one set or draw. */
  readonly depth: number;

  constructor(p: Float64Array) {
    let size = 1;
    while (size < p.length) size *= 2;
    this.size = size;
    this.depth = Math.log2(size) + 1;
    this.sum = new Float64Array(2 * size);
    this.sum.set(p, size);
    for (let i = size - 1; i >= 1; i--) this.sum[i] = this.sum[2 * i] + this.sum[2 * i + 1];
  }

  set(leaf: number, w: number): void {
    let i = this.size + leaf;
    this.sum[i] = w;
    for (i >>= 1; i >= 1; i >>= 1) this.sum[i] = this.sum[2 * i] + this.sum[2 * i + 1];
  }

  /** A leaf with probability weight / total; never one of weight 0. */
  draw(rng: Rng): number {
    const s = this.sum;
    let u = rng.next() * s[1];
    let i = 1;
    while (i < this.size) {
      const left = s[2 * i];
      // Rounding can leave u ≥ the left sum with nothing on the right: stay on
      // the side that has weight.
      if (left > 0 && (u < left || s[2 * i + 1] === 0)) i = 2 * i;
      else {
        u -= left;
        i = 2 * i + 1;
      }
    }
    return i - this.size;
  }
}

/** Demand per expert from individually sampled tokens. */
export function sampleExactDemand(rng: Rng, tokens: number, k: number, p: Float64Array): Float64Array {
  const picks = sampleAssignments(rng, tokens, k, p);
  const demand = new Float64Array(p.length);
  for (let i = 0; i < picks.length; i++) demand[picks[i]]++;
  return demand;
}
