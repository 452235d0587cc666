/** The expert all-to-all as it runs (cost-model.md §9), and what overlap can hide. */
import { describe, expect, it } from 'vitest';
import {
  FP8_DISPATCH_BYTES,
  expectedDistinctNodes,
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

/** All k-subsets of 0..n−1. */
function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first <= n - k; first++)
    for (const rest of subsets(n - first - 1, k - 1)) out.push([first, ...rest.map((x) => x + first + 1)]);
  return out;
}

/**
 * Brute force over every equally likely choice: the token lives on node 0 of
 * `nodes` nodes holding `perNode` experts each; with a node limit M it first
 * picks M nodes (every M-subset alike: uniform affinities), then k experts
 * among theirs. Returns the mean distinct and the mean remote nodes reached.
 */
function enumerate(
  nodes: number,
  perNode: number,
  k: number,
  limit: number | null,
): { distinct: number; remote: number } {
  const m = limit === null ? nodes : Math.min(limit, nodes);
  let distinct = 0;
  let remote = 0;
  let cases = 0;
  for (const chosen of subsets(nodes, m)) {
    const pool = chosen.flatMap((node) => Array.from({ length: perNode }, () => node));
    for (const pick of subsets(pool.length, k)) {
      const reached = new Set(pick.map((i) => pool[i]));
      distinct += reached.size;
      remote += reached.size - (reached.has(0) ? 1 : 0);
      cases++;
    }
  }
  return { distinct: distinct / cases, remote: remote / cases };
}

describe('distinct nodes per token (node deduplication, node-limited routing)', () => {
  it('E[distinct nodes] = N·(1 − C(E − E/N, k)/C(E, k)) matches enumeration of all C(12, 3) choices', () => {
    // 4 nodes × 3 experts, top-3: 1 − C(9,3)/C(12,3) = 1 − 84/220.
    const brute = enumerate(4, 3, 3, null);
    expect(expectedDistinctNodes(12, 3, 4)).toBeCloseTo(4 * (1 - 84 / 220), 12);
    expect(expectedDistinctNodes(12, 3, 4)).toBeCloseTo(brute.distinct, 12);
    expect(expectedRemoteNodes(12, 3, 4)).toBeCloseTo(brute.remote, 12);
  });

  it('node-limited to M nodes: M·(1 − C((M−1)E/N, k)/C(ME/N, k)) matches enumeration, (N−1)/N of them remote', () => {
    for (const [nodes, perNode, k, m] of [
      [4, 3, 3, 2],
      [5, 2, 3, 3],
      [4, 4, 4, 1],
    ]) {
      const brute = enumerate(nodes, perNode, k, m);
      expect(expectedDistinctNodes(nodes * perNode, k, nodes, m)).toBeCloseTo(brute.distinct, 12);
      expect(expectedRemoteNodes(nodes * perNode, k, nodes, m)).toBeCloseTo(brute.remote, 12);
    }
    // 4 nodes × 3 experts, M = 2, top-3: 2·(1 − C(3,3)/C(6,3)) = 1.9.
    expect(expectedDistinctNodes(12, 3, 4, 2)).toBeCloseTo(1.9, 12);
  });

  it('a limit of at least the node count is exactly unlimited; tighter limits never reach more nodes', () => {
    expect(expectedRemoteNodes(256, 8, 8, 8)).toBe(expectedRemoteNodes(256, 8, 8));
    expect(expectedRemoteNodes(256, 8, 8, 64)).toBe(expectedRemoteNodes(256, 8, 8));
    expect(expectedDistinctNodes(256, 8, 8, 8)).toBeCloseTo(expectedDistinctNodes(256, 8, 8), 12);
    let last = 0;
    for (let m = 1; m <= 8; m++) {
      const d = expectedDistinctNodes(256, 8, 8, m);
      expect(d).toBeLessThanOrEqual(m);
      expect(d).toBeGreaterThanOrEqual(last);
      last = d;
    }
    // DeepSeek-V3 on EP64 over 8 nodes, M = 4: 4·(1 − C(96,8)/C(128,8)) ≈ 3.6 nodes, not 5.3.
    let miss = 1;
    for (let i = 0; i < 8; i++) miss *= (96 - i) / (128 - i);
    expect(expectedDistinctNodes(256, 8, 8, 4)).toBeCloseTo(4 * (1 - miss), 12);
    expect(expectedDistinctNodes(256, 8, 8)).toBeCloseTo(5.29, 2);
  });

  it('node deduplication never carries more inter-node bytes than sending every copy', () => {
    // NVLink made free and latencies zero, so each time is the network bytes over the NIC.
    const free = { bandwidth: 1e30, alpha: 0 };
    const nic = { bandwidth: 50e9, alpha: 0 };
    for (const [experts, k, size, perNode] of [
      [256, 8, 64, 8],
      [8, 2, 16, 8],
      [128, 8, 32, 4],
      [64, 1, 16, 2],
      [160, 6, 40, 8],
    ])
      for (const limit of [null, 1, 2, 4]) {
        const span = { size, maxPerNode: perNode, nodes: size / perNode };
        const base = input({ experts, topK: k, span, intra: free, inter: nic, maxNodesPerToken: limit });
        expect(moeAllToAllSeconds({ ...base, nodeDedup: true }, 2)).toBeLessThanOrEqual(
          moeAllToAllSeconds(base, 2) * (1 + 1e-12),
        );
      }
  });

  it("DeepEP's pre-training setting (4096 tokens, hidden 7168, top-8 of 256, M = 4, FP8 dispatch, BF16 combine) on EP64", () => {
    // Network bytes per GPU, counted by hand: tokens × remote nodes × hidden × bytes per element.
    const free = { bandwidth: 1e30, alpha: 0 };
    const nic = { bandwidth: 50e9, alpha: 0 };
    const c = input({
      intra: free,
      inter: nic,
      nodeDedup: true,
      maxNodesPerToken: 4,
      dispatchBytes: FP8_DISPATCH_BYTES,
    });
    const remote = expectedRemoteNodes(256, 8, 8, 4);
    expect(remote).toBeCloseTo(3.175, 3);
    const dispatchBytes = 4096 * remote * 7168 * (1 + 1 / 32);
    const combineBytes = 4096 * remote * 7168 * 2;
    const a = moeAllToAll(c);
    expect(a.dispatch).toBeCloseTo(dispatchBytes / 50e9, 12);
    expect(a.combine).toBeCloseTo(combineBytes / 50e9, 12);
    // DeepEP README (normal kernels, H800, CX7 400 Gb/s): 51 GB/s dispatch and 50 GB/s combine at EP64, so these
    // bytes take about 1.9 ms and 3.7 ms there; at Hopper's 80% network share (40 GB/s) the model charges 2.4 and 4.7 ms.
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
