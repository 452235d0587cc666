import { describe, expect, it } from 'vitest';
import { gemmTiming, memoryOpTiming, tileUtilization } from './roofline';
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
  it('a large square GEMM reaches the large-GEMM efficiency', () => {
    const t = gemmTiming({ m: 16384, n: 16384, k: 16384 }, h100);
    expect(t.bound).toBe('compute');
    expect(t.efficiency).toBeGreaterThan(0.69);
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
  it('efficiency never exceeds the large-GEMM efficiency', () => {
    for (const m of [1, 64, 128, 1000, 4096, 65536]) {
      expect(gemmTiming({ m, n: 4096, k: 4096 }, h100).efficiency).toBeLessThanOrEqual(0.7 + 1e-12);
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
