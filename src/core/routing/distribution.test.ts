import { describe, it, expect } from 'vitest';
import { popularityOrder, routingProbabilities, zipfByRank } from './distribution';
import { gpuExpertRanges } from './simulate';

/** Generalised harmonic number H(n, s) = Σ_{r=1..n} r^−s. */
function harmonic(n: number, s: number): number {
  let h = 0;
  for (let r = 1; r <= n; r++) h += Math.pow(r, -s);
  return h;
}

const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((x, y) => x + y, 0);

describe('routingProbabilities', () => {
  it('uniform gives 1/E to every expert', () => {
    const p = routingProbabilities(64, 'uniform', 3, 1); // skew ignored for uniform
    expect(Array.from(p)).toEqual(new Array(64).fill(1 / 64));
  });

  it('Zipf skew 0 is uniform', () => {
    const p = routingProbabilities(10, 'zipf', 0, 5);
    for (const x of p) expect(x).toBeCloseTo(0.1, 15);
  });

  it('Zipf skew 1.2 on 64 experts: hottest = 1/H(64,1.2), rank r = r^−1.2/H', () => {
    const H = harmonic(64, 1.2);
    const p = routingProbabilities(64, 'zipf', 1.2, 1);
    const sorted = Array.from(p).sort((a, b) => b - a);
    expect(sorted[0]).toBeCloseTo(1 / H, 14);
    expect(1 / H).toBeCloseTo(0.29252, 5); // the number itself, for the reader
    expect(sorted[1]).toBeCloseTo(Math.pow(2, -1.2) / H, 14);
    expect(sorted[63]).toBeCloseTo(Math.pow(64, -1.2) / H, 14);
    expect(sum(p)).toBeCloseTo(1, 14);
  });

  it('assigns ranks to ids by a seeded permutation', () => {
    const order = popularityOrder(64, 7);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(Array.from(popularityOrder(64, 7))).toEqual(Array.from(order));
    expect(Array.from(popularityOrder(64, 8))).not.toEqual(Array.from(order));
    const p = routingProbabilities(64, 'zipf', 1.2, 7);
    const w = zipfByRank(64, 1.2);
    for (let r = 0; r < 64; r++) expect(p[order[r]]).toBe(w[r]);
  });

  it('does not pile the hottest experts onto GPU 0', () => {
    // Over many seeds, the hottest expert lands on each of 16 GPUs about equally.
    const ranges = gpuExpertRanges(64, 16);
    const hits = new Array(16).fill(0);
    for (let seed = 1; seed <= 1600; seed++) {
      const hottest = popularityOrder(64, seed)[0];
      hits[ranges.findIndex((g) => hottest >= g.first && hottest < g.first + g.count)]++;
    }
    for (const h of hits) expect(h).toBeGreaterThan(60); // expectation 100, sd ≈ 9.7
    // and for one seed the top 4 are not all in one GPU's block
    const top4 = Array.from(popularityOrder(64, 1).slice(0, 4)).map((e) => Math.floor(e / 4));
    expect(new Set(top4).size).toBeGreaterThan(1);
  });

  it('rejects bad input', () => {
    expect(() => routingProbabilities(0, 'uniform', 0, 1)).toThrow(RangeError);
    expect(() => routingProbabilities(8, 'zipf', -1, 1)).toThrow(RangeError);
    expect(() => routingProbabilities(8, 'zipf', NaN, 1)).toThrow(RangeError);
  });
});
