import { describe, it, expect } from 'vitest';
import { inclusionProbabilities, rosenLimit } from './inclusion';
import { uniformCountModel, varianceShares } from './counts';
import { zipfByRank } from './distribution';
import { sampleAssignments } from './exact';
import { createRng } from './random';

/** π by enumerating every ordered k-sequence of successive draws (small E only). */
function bruteForce(w: number[], k: number): number[] {
  const pi = new Array(w.length).fill(0);
  const walk = (picked: number[], prob: number, mass: number): void => {
    if (picked.length === k) {
      for (const e of picked) pi[e] += prob;
      return;
    }
    for (let e = 0; e < w.length; e++) {
      if (picked.includes(e)) continue;
      walk([...picked, e], (prob * w[e]) / mass, mass - w[e]);
    }
  };
  walk([], 1, 1);
  return pi;
}

const sum = (a: ArrayLike<number>): number => Array.from(a).reduce((x, y) => x + y, 0);

describe('inclusionProbabilities', () => {
  const cases: [number, number, number][] = [
    [5, 2, 1.5],
    [6, 3, 1.0],
    [7, 4, 2.5],
    [8, 2, 0.3],
  ];
  for (const [E, k, s] of cases) {
    it(`matches exhaustive enumeration for E=${E}, k=${k}, skew=${s}`, () => {
      const w = zipfByRank(E, s);
      const exact = bruteForce(Array.from(w), k);
      const pi = inclusionProbabilities(w, k);
      exact.forEach((x, i) => expect(Math.abs(pi[i] - x)).toBeLessThan(2e-9));
    });
  }

  it('is w for k = 1, all ones for k = E, k/E for uniform; sums to k', () => {
    const w = zipfByRank(16, 1.2);
    expect(Array.from(inclusionProbabilities(w, 1))).toEqual(Array.from(w));
    expect(Array.from(inclusionProbabilities(w, 16))).toEqual(new Array(16).fill(1));
    const u = inclusionProbabilities(new Float64Array(32).fill(1 / 32), 4);
    for (const x of u) expect(x).toBeCloseTo(4 / 32, 7);
    const pi = inclusionProbabilities(zipfByRank(256, 1.2), 8);
    expect(sum(pi)).toBeCloseTo(8, 12);
    // inclusion is at least the first-draw probability and at most 1, decreasing in rank
    const w256 = zipfByRank(256, 1.2);
    for (let i = 0; i < 256; i++) {
      expect(pi[i]).toBeGreaterThanOrEqual(w256[i]);
      expect(pi[i]).toBeLessThanOrEqual(1);
      if (i > 0) expect(pi[i]).toBeLessThanOrEqual(pi[i - 1]);
    }
  });

  it('agrees with the frequencies of individually sampled tokens (E=64, k=4, skew 1.2)', () => {
    const w = zipfByRank(64, 1.2);
    const pi = inclusionProbabilities(w, 4);
    const tokens = 100_000;
    const picks = sampleAssignments(createRng(11), tokens, 4, w);
    const freq = new Array(64).fill(0);
    for (const e of picks) freq[e]++;
    for (let i = 0; i < 64; i++) {
      const se = Math.sqrt((pi[i] * (1 - pi[i])) / tokens);
      expect(Math.abs(freq[i] / tokens - pi[i])).toBeLessThan(5 * se + 1e-9);
    }
  });
});

describe("Rosén's limit for wide top-k (E·k above the integral's budget)", () => {
  it('stays within 0.05 of the exact integral at E = 1,024, k = 256 and sums to k', () => {
    // Measured max |Δπ|: 0.045 here, 0.007 at E = 512, k = 500 (skew 1.2).
    for (const [E, k, skew, tol] of [
      [1024, 256, 1, 0.05],
      [512, 500, 1.2, 0.01],
    ] as const) {
      const w = zipfByRank(E, skew);
      const exact = inclusionProbabilities(w, k);
      const limit = rosenLimit(w, k);
      let total = 0;
      for (let i = 0; i < E; i++) {
        expect(Math.abs(limit[i] - exact[i])).toBeLessThan(tol);
        total += limit[i];
      }
      expect(total).toBeCloseTo(k, 9);
    }
  });

  it('is what inclusionProbabilities returns above the budget, monotone in weight', () => {
    const E = 16_384;
    const w = zipfByRank(E, 1.3);
    const pi = inclusionProbabilities(w, 8_000);
    expect(Array.from(pi)).toEqual(Array.from(rosenLimit(w, 8_000)));
    for (let i = 1; i < E; i++) expect(pi[i]).toBeLessThanOrEqual(pi[i - 1]);
    expect(pi[0]).toBeLessThanOrEqual(1);
  });
});

describe('varianceShares', () => {
  it('reproduces the binomial variance π(1−π) through a − a²/Σa', () => {
    for (const [E, k, s] of [
      [64, 8, 1.2],
      [256, 8, 1.2],
      [64, 2, 0.5],
      [16, 15, 2],
    ] as const) {
      const pi = inclusionProbabilities(zipfByRank(E, s), k);
      const a = varianceShares(pi, k);
      const A = sum(a);
      for (let i = 0; i < E; i++) {
        expect(a[i]).toBeLessThanOrEqual(pi[i]);
        expect(a[i] - (a[i] * a[i]) / A).toBeCloseTo(pi[i] * (1 - pi[i]), 10);
      }
    }
  });

  it('top-1 shares are the probabilities (plain multinomial)', () => {
    const w = zipfByRank(8, 1);
    expect(Array.from(varianceShares(w, 1))).toEqual(Array.from(w));
  });

  it('uniform closed form gives the exact covariance −π(1−π)/(E−1)', () => {
    const E = 64;
    const k = 8;
    const { pi, a } = uniformCountModel(E, k);
    const A = sum(a);
    const v = pi[0] * (1 - pi[0]);
    expect(a[0] - (a[0] * a[0]) / A).toBeCloseTo(v, 14);
    expect(-(a[0] * a[1]) / A).toBeCloseTo(-v / (E - 1), 14);
  });
});
