import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  capacityPerExpert,
  DEFAULT_MAX_EXACT_TOKENS,
  MAX_EXACT_ASSIGNMENTS,
  gpuExpertRanges,
  simulateRouting,
  type RoutingInput,
  type RoutingResult,
} from './index';
import { sampleAssignments } from './exact';
import { routingProbabilities, zipfByRank } from './distribution';
import { inclusionProbabilities } from './inclusion';
import { routingWork } from './work';
import { createRng } from './random';

const sum = (a: number[]): number => a.reduce((x, y) => x + y, 0);
const mean = (a: number[]): number => sum(a) / a.length;
function sd(a: number[]): number {
  const m = mean(a);
  return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1));
}

const UNIFORM_64: RoutingInput = {
  tokens: 65536,
  experts: 64,
  topK: 1,
  epSize: 16,
  capacityFactor: null,
  distribution: 'uniform',
  skew: 0,
  seed: 1,
};
const ZIPF_64: RoutingInput = { ...UNIFORM_64, distribution: 'zipf', skew: 1.2 };

/** stragglerFactor for seeds 1..n. */
function stragglers(input: RoutingInput, n: number): number[] {
  return Array.from({ length: n }, (_, i) => simulateRouting({ ...input, seed: i + 1 }).stragglerFactor);
}

function checkInvariants(input: RoutingInput, r: RoutingResult): void {
  const { tokens, experts, topK, epSize } = input;
  expect(r.expertDemand).toHaveLength(experts);
  expect(r.expertLoad).toHaveLength(experts);
  expect(r.gpuLoad).toHaveLength(epSize);
  expect(r.expertDemand.every((x) => Number.isInteger(x) && x >= 0 && x <= tokens)).toBe(true);
  // conservation: every token makes exactly k assignments
  expect(sum(r.expertDemand)).toBe(tokens * topK);
  // loads are demand capped at capacity
  r.expertLoad.forEach((l, e) => {
    expect(l).toBe(r.capacityPerExpert === null ? r.expertDemand[e] : Math.min(r.expertDemand[e], r.capacityPerExpert));
  });
  const kept = sum(r.expertLoad);
  if (tokens > 0) expect(kept).toBeCloseTo(tokens * topK * (1 - r.tokenDropPct / 100), 6);
  expect(sum(r.gpuLoad)).toBe(kept);
  const max = Math.max(...r.gpuLoad);
  if (max > 0) {
    expect(r.stragglerFactor).toBeCloseTo(max / (kept / epSize), 12);
    expect(r.loadBalancePct).toBeCloseTo(100 / r.stragglerFactor, 9);
  } else {
    expect(r.stragglerFactor).toBe(1);
    expect(r.loadBalancePct).toBe(100);
  }
  expect(r.stragglerFactor).toBeGreaterThanOrEqual(1);
}

describe('simulateRouting: determinism', () => {
  it('same input and seed give identical output; other seeds differ', () => {
    for (const input of [
      UNIFORM_64,
      ZIPF_64,
      { ...ZIPF_64, tokens: 2000, topK: 4 },
      { ...ZIPF_64, tokens: 1 << 20, topK: 8 },
    ]) {
      const a = simulateRouting(input);
      expect(simulateRouting({ ...input })).toEqual(a);
      expect(simulateRouting({ ...input, seed: 2 }).expertDemand).not.toEqual(a.expertDemand);
    }
  });

  it('pins one result, so any change to the sampler is noticed', () => {
    // Integer and exactly rounded arithmetic only: every engine must print these.
    const r = simulateRouting({ ...ZIPF_64, tokens: 4096, topK: 2, epSize: 8, capacityFactor: 1.25, seed: 42 });
    expect(r.gpuLoad).toEqual(PINNED_GPU_LOAD);
    expect(r.sampledExactly).toBe(true);
    const c = simulateRouting({ ...ZIPF_64, topK: 2, epSize: 8, seed: 42 });
    expect(c.gpuLoad).toEqual(PINNED_GPU_LOAD_COUNTS);
    expect(c.sampledExactly).toBe(false);
  });
});

describe('simulateRouting: conservation and invariants', () => {
  it('holds for the named examples', () => {
    for (const input of [
      UNIFORM_64,
      ZIPF_64,
      { ...ZIPF_64, capacityFactor: 1 },
      { ...ZIPF_64, topK: 8, experts: 256, epSize: 32, tokens: 1 << 20, capacityFactor: 1.25 },
      { ...UNIFORM_64, tokens: 0 },
    ]) {
      checkInvariants(input, simulateRouting(input));
    }
  });

  it('holds for random inputs on both paths (property)', () => {
    const arb = fc
      .record({
        experts: fc.integer({ min: 1, max: 96 }),
        kFrac: fc.double({ min: 0, max: 1, noNaN: true }),
        epSize: fc.integer({ min: 1, max: 24 }),
        tokens: fc.integer({ min: 0, max: 200_000 }),
        capacityFactor: fc.option(fc.double({ min: 0.25, max: 4, noNaN: true }), { nil: null }),
        distribution: fc.constantFrom('uniform' as const, 'zipf' as const),
        skew: fc.double({ min: 0, max: 3, noNaN: true }),
        seed: fc.integer(),
        maxExactTokens: fc.constantFrom(0, 512, DEFAULT_MAX_EXACT_TOKENS),
      })
      .map(({ kFrac, ...r }) => ({ ...r, topK: 1 + Math.floor(kFrac * (r.experts - 1) * 0.999) }));
    fc.assert(
      fc.property(arb, (input) => {
        const r = simulateRouting(input);
        checkInvariants(input, r);
        expect(r.sampledExactly).toBe(
          input.tokens <= input.maxExactTokens && input.tokens * input.topK <= MAX_EXACT_ASSIGNMENTS,
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe('simulateRouting: uniform routing statistics', () => {
  it('65,536 tokens, top-1, 64 experts on 16 GPUs: mean straggler = 1 + 1.766·64/4096 ≈ 1.0276', () => {
    // Each GPU holds 4 experts, so its load is one cell of a Multinomial(65536, 1/16 each):
    // mean 4096, sd √(4096·15/16) = 64·√(1 − 1/16) ≈ 62.0. The 16 loads sum to a
    // constant; writing load_g = 4096 + 64·(Z_g − Z̄) with Z iid N(0,1) gives
    // exactly that covariance, and max(Z_g − Z̄) = max Z_g − Z̄, so
    // E[max] = 4096 + 64·E[max of 16 iid N(0,1)] = 4096 + 64·1.76599.
    // (The −1/16 correlation cancels the √(1−1/16): the naive 1 + 1.766·62/4096
    // = 1.0267 is slightly low.)
    const expected = 1 + (1.76599 * 64) / 4096; // 1.027594
    const s = stragglers(UNIFORM_64, 200);
    // sd of one straggler ≈ 0.53·64/4096 = 0.0083; 200 seeds: SE ≈ 0.0006. Tolerance ≈ 2.5 SE.
    expect(Math.abs(mean(s) - expected)).toBeLessThan(0.0015);
    expect(sd(s)).toBeGreaterThan(0.006);
    expect(sd(s)).toBeLessThan(0.011);
    // and clearly not the naive "no variance" answer, nor a Poisson-free one
    expect(mean(s)).toBeGreaterThan(1.02);
  });

  it('tokens = 1,000,000 is closer to perfect balance than 10,000 (law of large numbers)', () => {
    const small = mean(stragglers({ ...UNIFORM_64, tokens: 10_000 }, 30));
    const large = mean(stragglers({ ...UNIFORM_64, tokens: 1_000_000 }, 30));
    expect(large).toBeLessThan(small);
    // the excess shrinks as 1/√tokens: (1e4/1e6)^½ = 0.1
    expect((large - 1) / (small - 1)).toBeGreaterThan(0.07);
    expect((large - 1) / (small - 1)).toBeLessThan(0.14);
  });

  it('top-k = E: every expert processes every token, on both paths', () => {
    for (const maxExactTokens of [10_000, 0]) {
      for (const distribution of ['uniform', 'zipf'] as const) {
        const r = simulateRouting({
          ...UNIFORM_64,
          tokens: 3000,
          experts: 8,
          topK: 8,
          epSize: 4,
          distribution,
          skew: 2,
          maxExactTokens,
        });
        expect(r.expertDemand).toEqual(new Array(8).fill(3000));
        expect(r.stragglerFactor).toBe(1);
      }
    }
  });
});

describe('simulateRouting: Zipf skew and capacity', () => {
  it('skew 1.2 balances worse than uniform', () => {
    const zipf = simulateRouting(ZIPF_64);
    const uniform = simulateRouting(UNIFORM_64);
    expect(zipf.loadBalancePct).toBeLessThan(uniform.loadBalancePct);
    expect(uniform.loadBalancePct).toBeGreaterThan(95);
    // the GPU with the hottest expert (p ≈ 0.29) carries over a quarter of 65,536 tokens
    expect(Math.max(...zipf.gpuLoad)).toBeGreaterThan(0.29 * 65536 * 0.97);
    expect(zipf.loadBalancePct).toBeLessThan(40);
  });

  it('capacity 1.0 drops more than 2.0; dropless drops none', () => {
    const c1 = simulateRouting({ ...ZIPF_64, capacityFactor: 1 });
    const c2 = simulateRouting({ ...ZIPF_64, capacityFactor: 2 });
    const none = simulateRouting(ZIPF_64);
    expect(c1.capacityPerExpert).toBe(1024); // ⌈1·65536·1/64⌉
    expect(c2.capacityPerExpert).toBe(2048);
    expect(c1.tokenDropPct).toBeGreaterThan(c2.tokenDropPct);
    expect(c2.tokenDropPct).toBeGreaterThan(0);
    expect(none.tokenDropPct).toBe(0);
    expect(none.capacityPerExpert).toBeNull();
    // dropless keeps the full imbalance, capacity flattens it
    expect(c1.stragglerFactor).toBeLessThan(none.stragglerFactor);
    // drops computed from demand: Σ max(0, demand − capacity)
    const dropped = sum(c1.expertDemand.map((d) => Math.max(0, d - 1024)));
    expect(c1.tokenDropPct).toBeCloseTo((dropped / 65536) * 100, 10);
  });

  it('uniform routing at capacity 1.0 drops about E[max(0, X − μ)] / μ per expert', () => {
    // X ≈ N(1024, 32²) per expert: E[(X−μ)+] = σ/√(2π) = 12.77 → 1.25% dropped.
    const drops = Array.from(
      { length: 40 },
      (_, i) => simulateRouting({ ...UNIFORM_64, capacityFactor: 1, seed: i + 1 }).tokenDropPct,
    );
    expect(Math.abs(mean(drops) - 1.247)).toBeLessThan(0.05);
  });
});

describe('capacityPerExpert and GPU placement', () => {
  it('is ⌈C·tokens·k/E⌉, without floating-point overshoot', () => {
    expect(capacityPerExpert(null, 100, 2, 8)).toBeNull();
    expect(capacityPerExpert(1.25, 4096, 2, 64)).toBe(160);
    expect(capacityPerExpert(1.1, 100, 1, 10)).toBe(11); // 1.1·100/10 = 11.000000000000002
    expect(capacityPerExpert(1, 100, 1, 3)).toBe(34);
    expect(capacityPerExpert(1, 0, 1, 3)).toBe(0);
  });

  it('places contiguous blocks, first GPUs one more when E % epSize ≠ 0', () => {
    expect(gpuExpertRanges(64, 16)[3]).toEqual({ first: 12, count: 4 });
    expect(gpuExpertRanges(10, 4)).toEqual([
      { first: 0, count: 3 },
      { first: 3, count: 3 },
      { first: 6, count: 2 },
      { first: 8, count: 2 },
    ]);
    const r = simulateRouting({ ...UNIFORM_64, experts: 10, epSize: 4, tokens: 1000 });
    expect(r.gpuLoad[0]).toBe(r.expertLoad[0] + r.expertLoad[1] + r.expertLoad[2]);
    expect(r.gpuLoad[3]).toBe(r.expertLoad[8] + r.expertLoad[9]);
    // epSize > E still works: the extra GPUs hold no experts and no tokens
    const over = simulateRouting({ ...UNIFORM_64, experts: 4, epSize: 8, tokens: 1000 });
    expect(over.gpuLoad.slice(4)).toEqual([0, 0, 0, 0]);
    expect(sum(over.gpuLoad)).toBe(1000);
  });

  it('rejects invalid input with a RangeError', () => {
    const bad: Partial<RoutingInput>[] = [
      { tokens: -1 },
      { tokens: 1.5 },
      { topK: 0 },
      { topK: 65 },
      { epSize: 0 },
      { capacityFactor: 0 },
      { seed: NaN },
      { experts: 0 },
      { distribution: 'zipf', skew: -0.5 },
    ];
    for (const b of bad) expect(() => simulateRouting({ ...UNIFORM_64, ...b })).toThrow(RangeError);
  });
});

describe('exact path', () => {
  it('no token picks the same expert twice', () => {
    for (const [E, k, skew] of [
      [8, 8, 3],
      [64, 8, 1.2],
      [16, 12, 4],
      [256, 8, 0],
    ] as const) {
      const p = routingProbabilities(E, 'zipf', skew, 5);
      const picks = sampleAssignments(createRng(1), 2000, k, p);
      for (let t = 0; t < 2000; t++) {
        expect(new Set(picks.subarray(t * k, t * k + k)).size).toBe(k);
      }
    }
  });

  it('second picks follow the renormalised distribution p_j / (1 − p_first)', () => {
    // E = 3, p = (0.5, 0.3, 0.2), k = 2: P(expert 2 included) = 0.2 + 0.5·0.2/0.5 + 0.3·0.2/0.7 = 0.4857
    const p = new Float64Array([0.5, 0.3, 0.2]);
    const tokens = 200_000;
    const picks = sampleAssignments(createRng(2), tokens, 2, p);
    const freq = [0, 0, 0];
    for (const e of picks) freq[e]++;
    const pi2 = 0.2 + (0.5 * 0.2) / 0.5 + (0.3 * 0.2) / 0.7;
    expect(Math.abs(freq[2] / tokens - pi2)).toBeLessThan(0.005);
  });
});

describe('count path vs exact path at the cap boundary', () => {
  // 4,096 tokens once sampled token by token (cap 4096) and once as counts (cap 4095).
  const cases: [string, RoutingInput, number][] = [
    ['uniform top-1', { ...UNIFORM_64, tokens: 4096 }, 0.01],
    ['uniform top-8', { ...UNIFORM_64, tokens: 4096, topK: 8 }, 0.01],
    ['zipf 1.2 top-4', { ...ZIPF_64, tokens: 4096, topK: 4, epSize: 8 }, 0.03],
    ['zipf 0.5 top-8', { ...ZIPF_64, tokens: 4096, topK: 8, skew: 0.5 }, 0.02],
  ];
  for (const [name, input, tol] of cases) {
    it(`${name}: mean straggler agrees within ${tol * 100}%`, () => {
      const exact = stragglers({ ...input, maxExactTokens: 4096 }, 300);
      const counts = stragglers({ ...input, maxExactTokens: 4095 }, 300);
      expect(simulateRouting({ ...input, maxExactTokens: 4096 }).sampledExactly).toBe(true);
      expect(simulateRouting({ ...input, maxExactTokens: 4095 }).sampledExactly).toBe(false);
      expect(Math.abs(mean(counts) / mean(exact) - 1)).toBeLessThan(tol);
      // the spread across seeds agrees too (that is the variance the straggler comes from)
      expect(Math.abs(sd(counts) / sd(exact) - 1)).toBeLessThan(0.2);
    });
  }

  it('per-expert mean demand agrees (Zipf top-4: inclusion probabilities)', () => {
    const input = { ...ZIPF_64, tokens: 4096, topK: 4, epSize: 8 };
    // Seeds change both the draws and the expert permutation, so compare in rank order.
    const byRank = (cap: number): number[] => {
      const acc = new Array(64).fill(0);
      for (let s = 1; s <= 200; s++) {
        const r = simulateRouting({ ...input, seed: s, maxExactTokens: cap });
        const p = routingProbabilities(64, 'zipf', 1.2, s);
        const ids = Array.from({ length: 64 }, (_, e) => e).sort((a, b) => p[b] - p[a]);
        ids.forEach((e, rank) => (acc[rank] += r.expertDemand[e] / 200));
      }
      return acc;
    };
    const exact = byRank(4096);
    const counts = byRank(4095);
    for (let rank = 0; rank < 64; rank++) {
      // SE of a 200-seed mean of Binomial(4096, π) ≤ √(4096·0.25/200) = 2.3 tokens
      expect(Math.abs(exact[rank] - counts[rank])).toBeLessThan(12);
    }
    // the hottest expert is in π₁ = 77.96% of tokens' top-4 (inclusion.ts)
    expect(Math.abs(counts[0] / 4096 - 0.77955)).toBeLessThan(0.005);
    expect(Math.abs(exact[0] / 4096 - 0.77955)).toBeLessThan(0.005);
  });
});

// Timings (a million tokens in < 20 ms, 65,536 in < 1 ms): `npm run bench` (bench/kernels.ts), not here.
describe('scale', () => {
  it('1,048,576 tokens × top-8 × 256 experts on 32 GPUs are sampled by counts, every routed copy counted', () => {
    const input: RoutingInput = {
      ...ZIPF_64,
      tokens: 1 << 20,
      experts: 256,
      topK: 8,
      epSize: 32,
      capacityFactor: 1.25,
      skew: 1.3,
    };
    const r = simulateRouting(input);
    expect(r.sampledExactly).toBe(false);
    expect(sum(r.expertDemand)).toBe((1 << 20) * 8); // every token's top-8 counted
    expect(sum(r.gpuLoad)).toBe(sum(r.expertLoad));
  });
});

describe('top-k near the expert count (probe: 16,384 of 16,384 experts never returned)', () => {
  // The old exact path scanned all E experts for each pick once the unpicked
  // mass fell below ¼: O(k·E) per token, ~10^12 steps here.
  it('every token takes every expert when k = E, on both distributions', () => {
    for (const distribution of ['uniform', 'zipf'] as const) {
      for (const tokens of [64, 4096]) {
        const before = routingWork.steps;
        const r = simulateRouting({
          ...UNIFORM_64,
          tokens,
          experts: 16_384,
          topK: 16_384,
          epSize: 1,
          distribution,
          skew: 1.5,
        });
        expect(r.expertDemand.every((d) => d === tokens)).toBe(true);
        expect(r.stragglerFactor).toBe(1);
        expect(routingWork.steps - before).toBeLessThan(5e7);
      }
    }
  });

  it('Zipf top-16,000 of 16,384: every token picks k distinct experts, in bounded work', () => {
    for (const tokens of [64, 100_000]) {
      const before = routingWork.steps;
      const r = simulateRouting({ ...ZIPF_64, tokens, experts: 16_384, topK: 16_000, epSize: 8 });
      expect(sum(r.expertDemand)).toBe(tokens * 16_000);
      expect(Math.max(...r.expertDemand)).toBeLessThanOrEqual(tokens);
      expect(routingWork.steps - before).toBeLessThan(5e7);
    }
  });

  it('a heavy-skew token finishes its picks from the sum tree with the successive-sampling law', () => {
    // skew 2: after the two hottest experts the unpicked mass is < ¼, so most
    // picks of a top-16 token come from the tree; π is the exact integral.
    const w = zipfByRank(64, 2);
    const pi = inclusionProbabilities(w, 16);
    const tokens = 50_000;
    const picks = sampleAssignments(createRng(7), tokens, 16, w);
    const freq = new Array(64).fill(0);
    let repeats = 0;
    for (let t = 0; t < tokens; t++) if (new Set(picks.subarray(t * 16, t * 16 + 16)).size !== 16) repeats++;
    expect(repeats).toBe(0);
    for (const e of picks) freq[e]++;
    for (let i = 0; i < 64; i++) {
      const se = Math.sqrt((pi[i] * (1 - pi[i])) / tokens);
      expect(Math.abs(freq[i] / tokens - pi[i])).toBeLessThan(5 * se + 1e-9);
    }
  });
});

// Recorded from this implementation (Node 20). Integer-exact arithmetic and
// detmath.ts make them engine-independent; update only for an intended change.
const PINNED_GPU_LOAD = [406, 846, 446, 528, 387, 535, 534, 318];
const PINNED_GPU_LOAD_COUNTS = [14639, 52605, 7583, 23451, 5930, 10600, 10733, 5531];
