/** The expert all-to-all as it runs (cost-model.md §9), and what overlap can hide. */
import { describe, expect, it } from 'vitest';
import {
  FP8_DISPATCH_BYTES,
  expectedRemoteNodes,
  moeAllToAll,
  moeAllToAllSeconds,
  type MoeAllToAllInput,
} from './allToAll';
import { COMM_SM_SHARE, overlappedAllToAll } from '../evaluate/passTiming';

const intra = { bandwidth: 450e9, alpha: 3e-6 };
const inter = { bandwidth: 50e9, alpha: 10e-6 };

function input(extra: Partial<MoeAllToAllInput> = {}): MoeAllToAllInput {
  return {
    ownTokens: 4096,
    topK: 8,
    experts: 256,
    hidden: 7168,
    dispatchFactor: 1,
    span: { size: 64, maxPerNode: 8, nodes: 8 },
    intra,
    inter,
    efficiency: { intra: 1, inter: 1 },
    dispatchBytes: 2,
    combineBytes: 2,
    nodeDedup: false,
    ...extra,
  };
}

describe('expert all-to-all', () => {
  it('inside a node: (n−1)/n of the k copies over NVLink, one latency for all peers', () => {
    const c = input({ span: { size: 8, maxPerNode: 8, nodes: 1 } });
    const bytes = 4096 * 8 * 7168 * 2;
    expect(moeAllToAllSeconds(c, 2)).toBeCloseTo(((7 / 8) * bytes) / 450e9 + 3e-6, 15);
  });

  it('128 GPUs pay one latency, not 127 (5 µs × 127 × 2 × 58 layers was 74 ms per decode step)', () => {
    const tiny = input({ ownTokens: 1, span: { size: 128, maxPerNode: 8, nodes: 16 } });
    expect(moeAllToAllSeconds(tiny, 2)).toBeLessThan(20e-6);
  });

  it('across nodes the off-node share crosses the NIC; achievable bandwidth scales it', () => {
    const bytes = 4096 * 8 * 7168 * 2;
    expect(moeAllToAllSeconds(input(), 2)).toBeCloseTo(((56 / 64) * bytes) / 50e9 + 10e-6, 12);
    expect(moeAllToAllSeconds(input({ efficiency: { intra: 1, inter: 0.8 } }), 2)).toBeCloseTo(
      ((56 / 64) * bytes) / 40e9 + 10e-6,
      12,
    );
  });

  it('expected remote nodes: (nodes − 1)(1 − Π(E − E/nodes − i)/(E − i))', () => {
    // DeepSeek-V3 on EP64 over 8 nodes: each token reaches about 4.7 other nodes, not 7 copies.
    let miss = 1;
    for (let i = 0; i < 8; i++) miss *= (224 - i) / (256 - i);
    expect(expectedRemoteNodes(256, 8, 8)).toBeCloseTo(7 * (1 - miss), 12);
    expect(expectedRemoteNodes(256, 8, 1)).toBe(0);
    // One expert per token reaches another node with probability (nodes − 1)/nodes.
    expect(expectedRemoteNodes(64, 1, 4)).toBeCloseTo(3 / 4, 12);
  });

  it('node deduplication sends each token once per destination node, then forwards it over NVLink', () => {
    const plain = moeAllToAllSeconds(input(), 2);
    const dedup = moeAllToAllSeconds(input({ nodeDedup: true }), 2);
    const offNode = (4096 * expectedRemoteNodes(256, 8, 8) * 7168 * 2) / 50e9;
    expect(dedup).toBeCloseTo(Math.max(offNode, ((63 / 64) * (4096 * 8 * 7168 * 2)) / 450e9) + 13e-6, 12);
    expect(dedup).toBeLessThan(0.7 * plain);
  });

  it('FP8 dispatch sends about half the bytes; the combine stays 16-bit', () => {
    const a = moeAllToAll(input({ dispatchBytes: FP8_DISPATCH_BYTES }));
    expect(a.dispatch).toBeLessThan(0.55 * a.combine);
    expect(FP8_DISPATCH_BYTES).toBeCloseTo(1 + 1 / 32, 12);
  });
});

describe('all-to-all overlap hides only behind compute that runs at the same time', () => {
  it("training: the forward all-to-all hides behind another micro-batch's backward, and the reverse; the rest shows", () => {
    const r = overlappedAllToAll({ fwd: 3, bwd: 3 }, { fwd: 2, bwd: 4 }, true, 0);
    expect(r.fwd).toBeCloseTo(3 * COMM_SM_SHARE, 12); // fully hidden behind 4 of backward
    expect(r.bwd).toBeCloseTo(1 + 2 * COMM_SM_SHARE, 12); // 2 of forward hide 2 of 3
  });
  it('warm-up and cool-down micro-batches have no partner: with one micro-batch nothing hides', () => {
    expect(overlappedAllToAll({ fwd: 3, bwd: 3 }, { fwd: 2, bwd: 4 }, true, 1)).toEqual({ fwd: 3, bwd: 3 });
  });
  it("serving (two-batch overlap): each half's all-to-all hides behind the other half's compute", () => {
    expect(overlappedAllToAll({ fwd: 1, bwd: 0 }, { fwd: 4, bwd: 0 }, false, 0).fwd).toBeCloseTo(COMM_SM_SHARE, 12);
    expect(overlappedAllToAll({ fwd: 5, bwd: 0 }, { fwd: 4, bwd: 0 }, false, 0).fwd).toBeCloseTo(
      1 + 4 * COMM_SM_SHARE,
      12,
    );
  });
});
