/**
 * Seeded random numbers for the routing Monte Carlo: xoshiro128** (Blackman &
 * Vigna 2018; period 2^128 − 1, passes BigCrush) plus normal and binomial
 * samplers.
 *
 * Everything is 32-bit integer arithmetic (Math.imul, shifts) or exactly
 * rounded floating point (see detmath.ts), so one seed gives the same stream
 * on Node and in every browser.
 */
import { detExp, detLog } from './detmath';

/** A stream of uniform, normal and binomial draws. */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextU32(): number;
  /** Uniform in [0, 1), 32-bit resolution (enough: draws feed counts, not digits). */
  next(): number;
  /** Uniform in (0, 1): never 0, for logarithms. */
  nextOpen(): number;
  /** Uniform integer in [0, n), n ≤ 2^32. */
  nextInt(n: number): number;
  /** Standard normal. */
  normal(): number;
}

const TWO_POW_32 = 4294967296;

/** Murmur3's 32-bit finaliser: a bijection that spreads every input bit. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

class Xoshiro128ss implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  /** Raw state, for the reference test vector; use createRng otherwise. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128ss {
    const g = new Xoshiro128ss(0, 0);
    g.s0 = s0 | 0;
    g.s1 = s1 | 0;
    g.s2 = s2 | 0;
    g.s3 = s3 | 0;
    return g;
  }

  constructor(seed: number, stream: number) {
    // Integer seeds of any size (and negative ones) map to distinct states:
    // both 32-bit halves are hashed, and the stream id separates independent
    // uses of one seed (expert shuffle vs. sampling).
    const t = Math.trunc(seed);
    const lo = t >>> 0;
    const hi = Math.floor(t / TWO_POW_32) >>> 0;
    let h = mix32(lo ^ mix32(hi ^ mix32((stream + 0x9e3779b9) >>> 0)));
    h = mix32(h + 0x6a09e667);
    this.s0 = mix32(h + 0x243f6a88);
    this.s1 = mix32(h + 0x85a308d3);
    this.s2 = mix32(h + 0x13198a2e);
    this.s3 = mix32(h + 0x03707344);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // all-zero is a fixed point
  }

  nextU32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  next(): number {
    return this.nextU32() / TWO_POW_32;
  }

  nextOpen(): number {
    return (this.nextU32() + 0.5) / TWO_POW_32;
  }

  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  normal(): number {
    // Marsaglia's polar method: needs only log and sqrt (no sin/cos), and both
    // are deterministic here. Makes two normals per accepted pair; keep one.
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * detLog(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Generator from a raw xoshiro128** state (tests against the reference vector). */
export function rngFromState(s0: number, s1: number, s2: number, s3: number): Rng {
  return Xoshiro128ss.fromState(s0, s1, s2, s3);
}

/** A new generator; `stream` gives independent sequences for one seed. */
export function createRng(seed: number, stream = 0): Rng {
  return new Xoshiro128ss(seed, stream);
}

/**
 * Below this mean (n·min(p, 1−p)) the binomial is drawn exactly by inversion;
 * at or above it, by the normal approximation. At 100 the binomial's skewness
 * is ≤ 0.1, so the upper tail (which sets the max over experts, i.e. the
 * straggler) moves by < 4% of one standard deviation there, and by ~0.5% at a
 * typical mean of 4096; inversion below it costs at most ~100 cheap steps.
 */
export const BINOMIAL_NORMAL_THRESHOLD = 100;

/**
 * One draw from Binomial(n, p). Exact (inversion, "BINV" of Kachitvichyanukul &
 * Schmeiser 1988) for small means; normal approximation with continuity
 * correction, clamped to [0, n], for large means.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || !(p > 0)) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const mean = n * p;
  if (mean >= BINOMIAL_NORMAL_THRESHOLD) {
    const sd = Math.sqrt(mean * (1 - p));
    const x = Math.floor(mean + sd * rng.normal() + 0.5);
    return x < 0 ? 0 : x > n ? n : x;
  }
  // Inversion: walk the pmf from 0 using f(x+1) = f(x)·(n−x)/(x+1)·p/q.
  // q^n ≥ e^{−1.39·mean} stays far from underflow because mean < threshold.
  const q = 1 - p;
  const ratio = p / q;
  let f = detExp(n * detLog(q));
  let u = rng.next();
  let x = 0;
  while (u >= f && x < n) {
    u -= f;
    f *= (ratio * (n - x)) / (x + 1);
    x++;
    // Rounding can leave u a hair above the remaining mass; once past the
    // mean with a negligible pmf, stop instead of walking to n.
    if (f < 1e-18 && x > mean) break;
  }
  return x;
}
