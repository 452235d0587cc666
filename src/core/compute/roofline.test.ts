import { describe, expect, it } from 'vitest';
import {
  REFERENCE_K,
  addTimings,
  gemmShapeAssumption,
  gemmShapeEfficiency,
  gemmTiming,
  halfEfficiencyK,
  memoryOpTiming,
  reductionUtilization,
  tileUtilization,
  waveUtilization,
} from './roofline';
import { deviceOf } from './device';
import { DEFAULT_SCENARIO } from '../scenario/defaults';

const h100 = deviceOf(
  {
    ...DEFAULT_SCENARIO.hardware,
    gpu: 'h100-sxm',
    peakTflops: 989,
    computeEfficiency: 0.7,
    memoryBandwidthTBps: 3.35,
    memoryBandwidthEfficiency: 0.8,
  },
  'bf16',
);

describe('roofline with shape-dependent efficiency', () => {
  it('a GEMM of whole tiles in whole waves with K = 8192 reaches the large-GEMM efficiency (less the kernel cost)', () => {
    // 132 × 32 tiles of 128 × 128 on H100's 132 SMs: exactly 32 waves.
    const shape = { m: 132 * 128, n: 32 * 128, k: REFERENCE_K };
    expect(gemmShapeEfficiency(shape, 132, halfEfficiencyK(h100.gemm, h100)).factor).toBe(1);
    const t = gemmTiming(shape, h100);
    expect(t.bound).toBe('compute');
    expect(t.efficiency).toBeGreaterThan(0.698);
    expect(t.efficiency).toBeLessThanOrEqual(0.7);
  });
  it('a skinny decode GEMM is memory-bound: time ≈ bytes / achieved bandwidth', () => {
    const t = gemmTiming({ m: 8, n: 8192, k: 8192 }, h100);
    expect(t.bound).toBe('memory');
    const bytes = 2 * (8 * 8192 + 8192 * 8192 + 8 * 8192);
    expect(t.seconds).toBeCloseTo(bytes / (3.35e12 * 0.8) + 4e-6, 12);
  });
  it('small expert GEMMs (Qwen3-30B-A3B: 2048×768, a few hundred tokens) reach far less than large ones', () => {
    // One grouped kernel over 16 experts: tile padding (300 → 384 rows) and the fixed kernel cost.
    const small = gemmTiming({ m: 300, n: 1536, k: 2048, count: 16 }, h100);
    const large = gemmTiming({ m: 8192, n: 8192, k: 8192 }, h100);
    expect(small.efficiency).toBeLessThan(0.75 * large.efficiency);
    // A decode-sized expert GEMM (8 tokens) is memory-bound and far below.
    const tiny = gemmTiming({ m: 8, n: 1536, k: 2048, count: 16 }, h100);
    expect(tiny.bound).toBe('memory');
    expect(tiny.efficiency).toBeLessThan(0.05);
  });
  it('tile quantization: 129 rows cost as much as 256', () => {
    expect(tileUtilization(129, 128)).toBeCloseTo(129 / 256, 12);
    expect(gemmTiming({ m: 129, n: 4096, k: 4096 }, h100).flops).toBe(2 * 129 * 4096 * 4096);
  });
  it('efficiency never exceeds the long-reduction asymptote of the large-GEMM efficiency', () => {
    const kHalf = halfEfficiencyK(h100.gemm, h100);
    const asymptote = (0.7 * (REFERENCE_K + kHalf)) / REFERENCE_K;
    for (const m of [1, 64, 128, 1000, 4096, 65536]) {
      for (const k of [64, 4096, 65536]) {
        expect(gemmTiming({ m, n: 4096, k }, h100).efficiency).toBeLessThanOrEqual(asymptote + 1e-12);
      }
    }
  });
  it('memory ops take bytes / (bandwidth × efficiency)', () => {
    expect(memoryOpTiming(2.68e9, h100, 0).seconds).toBeCloseTo(2.68e9 / (3.35e12 * 0.8), 12);
  });
});

describe('small GEMMs (decode)', () => {
  it('fewer rows than a tile run the smallest tile that holds them, never under 16 rows', () => {
    expect(tileUtilization(1, 128)).toBe(1 / 16);
    expect(tileUtilization(32, 128)).toBe(1);
    expect(tileUtilization(100, 128)).toBeCloseTo(100 / 128, 12);
    expect(tileUtilization(300, 128)).toBeCloseTo(300 / 384, 12);
  });

  it('one decode token is bound by reading the weights, not by a padded 128-row tile', () => {
    const t = gemmTiming({ m: 1, k: 4096, n: 11008 }, h100);
    expect(t.bound).toBe('memory');
    expect(t.seconds).toBeCloseTo((2 * (4096 + 11008 + 4096 * 11008)) / (3.35e12 * 0.8) + 4e-6, 9);
  });
});

describe('GEMM efficiency as a function of M, N and K', () => {
  const kHalf = halfEfficiencyK(h100.gemm, h100);
  const powers = (from: number, to: number) => {
    const out: number[] = [];
    for (let x = from; x >= to; x /= 2) out.push(x);
    return out;
  };
  it.each([
    ['M', (x: number) => ({ m: x, n: 4096, k: 4096 })],
    ['N', (x: number) => ({ m: 4096, n: x, k: 4096 })],
    ['K', (x: number) => ({ m: 4096, n: 4096, k: x })],
  ] as const)('falls monotonically as %s shrinks (powers of two, 16384 down to 16)', (_, shapeOf) => {
    const effs = powers(16384, 16).map((x) => gemmTiming(shapeOf(x), h100).efficiency);
    for (let i = 1; i < effs.length; i++) expect(effs[i]).toBeLessThanOrEqual(effs[i - 1] + 1e-12);
    expect(effs[effs.length - 1]).toBeLessThan(0.5 * effs[0]);
  });

  it('wave quantization: the last wave of tiles leaves SMs idle (Matrix Multiplication Background, §3.2)', () => {
    expect(waveUtilization(108, 108)).toBe(1);
    expect(waveUtilization(109, 108)).toBeCloseTo(109 / 216, 12);
    expect(waveUtilization(5 * 132, 132)).toBe(1);
    // One tile more than 132 × 32: a 33rd wave with one busy SM.
    const whole = gemmShapeEfficiency({ m: 132 * 128, n: 32 * 128, k: 8192 }, 132, kHalf);
    const oneMore = gemmShapeEfficiency({ m: 132 * 128 + 1, n: 32 * 128, k: 8192 }, 132, kHalf);
    expect(whole.wave).toBe(1);
    expect(oneMore.wave).toBeCloseTo((133 * 32) / (33 * 132), 12);
  });

  it('tile quantization on both M and N: 129 × 129 outputs cost four 128 × 128 tiles', () => {
    expect(tileUtilization(129, 129)).toBeCloseTo((129 * 129) / (256 * 256), 12);
    expect(tileUtilization(4096, 4097)).toBeCloseTo(4097 / 4224, 12);
  });

  it('a short reduction cannot amortize the per-tile prologue and epilogue: efficiency ∝ K / (K + K½)', () => {
    expect(reductionUtilization(REFERENCE_K, kHalf)).toBe(1);
    expect(reductionUtilization(kHalf, kHalf)).toBeCloseTo(0.5 * ((REFERENCE_K + kHalf) / REFERENCE_K), 12);
    // K½ scales with the unit's FLOP-to-byte ratio: FP8 doubles it on H100.
    const fp8 = deviceOf(
      { ...DEFAULT_SCENARIO.hardware, gpu: 'h100-sxm', peakTflops: 1979, memoryBandwidthTBps: 3.35 },
      'fp8',
    );
    expect(halfEfficiencyK(fp8.gemm, fp8) / halfEfficiencyK(fp8.gemm16, fp8)).toBeCloseTo(2, 2);
  });

  it('count GEMMs of one shape in one grouped kernel share the waves', () => {
    // 8 experts × 2 × 8 tiles = 128 tiles: one wave on 132 SMs, where each GEMM alone would fill an eighth.
    const alone = gemmShapeEfficiency({ m: 256, n: 1024, k: 4096 }, 132, kHalf);
    const grouped = gemmShapeEfficiency({ m: 256, n: 1024, k: 4096, count: 8 }, 132, kHalf);
    expect(grouped.wave * grouped.reduction).toBeGreaterThan(alone.wave * alone.reduction);
    expect(grouped.splitK).toBe(1);
    expect(grouped.wave).toBeCloseTo(128 / 132, 12);
  });

  it('fewer tiles than SMs split the reduction (split-K), each slice paying the per-tile cost again', () => {
    const e = gemmShapeEfficiency({ m: 128, n: 1024, k: 8192 }, 132, kHalf);
    // 8 tiles: split 16 ways fills 128 of 132 SMs with 512-long slices.
    expect(e.splitK).toBe(16);
    expect(e.wave).toBeCloseTo(128 / 132, 12);
    expect(e.reduction).toBeCloseTo(reductionUtilization(512, kHalf), 12);
  });
});

describe("DeepGEMM's published H800 FP8 table (deepseek-ai/DeepGEMM README, February 2025)", () => {
  // The large-GEMM efficiency is set from one row of the table (M 4096, N 4096,
  // K 7168: 1304 TFLOP/s), TILE_FILL_DRAIN came from two others (N 7168, K 16384:
  // 1358; K 2048: 1025); every compute-bound row is predicted, within 6%
  // (K 16384 a little slow: a reduction beyond 8192 gains nothing here).
  const h800 = (computeEfficiency: number) =>
    deviceOf(
      {
        ...DEFAULT_SCENARIO.hardware,
        gpu: 'h800-sxm',
        peakTflops: 1979,
        computeEfficiency,
        memoryBandwidthTBps: 3.35,
        memoryBandwidthEfficiency: 0.8,
      },
      'fp8',
    );
  const tflops = (shape: Parameters<typeof gemmTiming>[0], eff: number) => {
    const t = gemmTiming(shape, h800(eff));
    return { tflops: t.flops / t.seconds / 1e12, bound: t.bound };
  };
  const anchor = { m: 4096, n: 4096, k: 7168 };
  const eff = 1304 / tflops(anchor, 1).tflops;
  it.each([
    ['normal', { m: 4096, n: 7168, k: 16384 }, 1358],
    ['normal', { m: 4096, n: 2112, k: 7168 }, 1058],
    ['normal', { m: 4096, n: 24576, k: 1536 }, 990],
    ['normal', { m: 4096, n: 32768, k: 512 }, 590],
    ['normal', { m: 4096, n: 7168, k: 2048 }, 1025],
    ['grouped, contiguous', { m: 8192, n: 4096, k: 7168, count: 4 }, 1297],
    ['grouped, contiguous', { m: 8192, n: 7168, k: 2048, count: 4 }, 1099],
    ['grouped, contiguous', { m: 4096, n: 4096, k: 7168, count: 8 }, 1288],
    ['grouped, contiguous', { m: 4096, n: 7168, k: 2048, count: 8 }, 1093],
  ] as const)('%s %o: %d TFLOP/s within 6%', (_, shape, published) => {
    const p = tflops(shape, eff);
    expect(p.bound).toBe('compute');
    expect(Math.abs(p.tflops / published - 1)).toBeLessThan(0.06);
  });
});

describe('training backward of a GEMM, timed with its own shapes', () => {
  it('a short-K forward (attention output projection, K = 768) has long-reduction gradients: cheaper than 2× the forward', () => {
    const t = gemmTiming({ m: 8192, n: 6144, k: 768 }, h100);
    // dA = dC·Bᵀ reduces over N = 6144 and dB = Aᵀ·dC over M = 8192.
    expect(t.backward!.input).toBeCloseTo(gemmTiming({ m: 8192, n: 768, k: 6144 }, h100).seconds, 15);
    expect(t.backward!.weight).toBeCloseTo(gemmTiming({ m: 768, n: 6144, k: 8192 }, h100).seconds, 15);
    expect(t.backward!.input + t.backward!.weight).toBeLessThan(1.8 * t.seconds);
  });
  it('a square GEMM of whole waves costs 2× its forward', () => {
    const t = gemmTiming({ m: 132 * 128, n: 132 * 128, k: 132 * 128 }, h100);
    expect((t.backward!.input + t.backward!.weight) / t.seconds).toBeCloseTo(2, 9);
  });
  it('sums carry the backward; parts without one count 2× their forward', () => {
    const gemm = gemmTiming({ m: 4096, n: 4096, k: 1024 }, h100);
    const memory = memoryOpTiming(1e9, h100);
    const sum = addTimings(h100.gemm.peakFlops, [gemm, memory]);
    expect(sum.backward!.input).toBeCloseTo(gemm.backward!.input + memory.seconds, 15);
    expect(sum.backward!.weight).toBeCloseTo(gemm.backward!.weight + memory.seconds, 15);
  });
});

describe('the GEMM shape model in the assumptions list', () => {
  it("names the GPU's SM count and K½ (H100 16-bit: 1.35 × 989 / 3.35 ≈ 399)", () => {
    const text = gemmShapeAssumption(h100);
    expect(text).toContain("the GPU's 132 SMs");
    expect(text).toContain('cost 399 steps of its reduction');
  });
});
