import { describe, expect, it } from 'vitest';
import {
  allGatherSeconds,
  allReduceSeconds,
  allToAllSeconds,
  hierarchicalAllToAllSeconds,
  reduceScatterSeconds,
  ringAllReduceSeconds,
  treeAllReduceSeconds,
} from './collectives';

const link = { bandwidth: 100e9, alpha: 5e-6 };

describe('α–β collectives (NCCL bus-bandwidth factors)', () => {
  it('ring all-reduce is 2(n−1)/n · S/BW + 2(n−1)α, and a large all-reduce takes exactly that', () => {
    // 1 GB over 8 ranks at 100 GB/s: 2·7/8 · 10 ms = 17.5 ms, plus 14 · 5 µs.
    expect(ringAllReduceSeconds(1e9, 8, link)).toBeCloseTo(0.0175 + 14 * 5e-6, 12);
    expect(allReduceSeconds(1e9, 8, link)).toBe(ringAllReduceSeconds(1e9, 8, link));
  });
  it('a small all-reduce takes the tree: 2⌈log2 n⌉α + 2S/BW beats 2(n−1)α', () => {
    // 256 KB over 8 ranks: ring 14·5 µs + 4.6 µs; tree 6·5 µs + 5.2 µs.
    const s = 256 * 1024;
    expect(treeAllReduceSeconds(s, 8, link)).toBeCloseTo(6 * 5e-6 + (2 * s) / 100e9, 12);
    expect(allReduceSeconds(s, 8, link)).toBe(treeAllReduceSeconds(s, 8, link));
    expect(allReduceSeconds(s, 8, link)).toBeLessThan(ringAllReduceSeconds(s, 8, link));
  });
  it('reduce-scatter and all-gather are half an all-reduce each', () => {
    expect(reduceScatterSeconds(1e9, 8, link) + allGatherSeconds(1e9, 8, link)).toBeCloseTo(
      ringAllReduceSeconds(1e9, 8, link),
      12,
    );
  });
  it("all-to-all is (n−1)/n · S/BW + α: every peer's message is in flight at once, one latency per round", () => {
    expect(allToAllSeconds(1e9, 4, link)).toBeCloseTo(0.75 * 0.01 + 5e-6, 12);
    // 128 ranks pay one latency, not 127 (issue 7: 127 × 5 µs per message was more than a decode step).
    expect(allToAllSeconds(1e3, 128, link) - allToAllSeconds(0.5e3, 128, link)).toBeLessThan(1e-7);
    expect(allToAllSeconds(1e3, 128, link)).toBeLessThan(2 * 5e-6);
  });
  it('a group of one rank moves nothing', () => {
    expect(allReduceSeconds(1e9, 1, link)).toBe(0);
    expect(allToAllSeconds(1e9, 1, link)).toBe(0);
  });
  it('hierarchical all-to-all reduces to the published form inside one node or one rank per node', () => {
    const intra = { bandwidth: 450e9, alpha: 5e-6 };
    const inter = { bandwidth: 50e9, alpha: 5e-6 };
    expect(hierarchicalAllToAllSeconds(1e8, 8, 8, intra, inter)).toBeCloseTo(allToAllSeconds(1e8, 8, intra), 15);
    expect(hierarchicalAllToAllSeconds(1e8, 8, 1, intra, inter)).toBeCloseTo(allToAllSeconds(1e8, 8, inter), 15);
    // Spanning 4 nodes of 8: 24/32 of S crosses the NIC.
    expect(hierarchicalAllToAllSeconds(1e8, 32, 8, intra, inter)).toBeCloseTo(((24 / 32) * 1e8) / 50e9 + 5e-6, 12);
  });
});
