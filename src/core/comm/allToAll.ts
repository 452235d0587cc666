/**
 * The expert-parallel all-to-all as it runs (cost-model.md §9): dispatch
 * sends each token's k routed copies to the GPUs holding their experts,
 * combine brings the expert outputs back. Every peer's message goes at once
 * (one latency per round); the links reach only part of their nominal
 * bandwidth; node-level deduplication (DeepEP's internode kernels, HybridEP)
 * sends a token once per destination node and forwards it over NVLink there;
 * FP8 dispatch (DeepEP) halves the dispatched bytes while the combine stays 16-bit.
 */
import { allToAllSeconds, type Link } from './collectives';
import type { GroupSpan } from './layout';

export interface MoeAllToAllInput {
  /** Tokens this GPU owns in the MoE block (sequence-sharded over TP). */
  ownTokens: number;
  topK: number;
  experts: number;
  hidden: number;
  /** What the busiest GPU receives per routed copy a GPU sends (skew, expert TP); ≈ 1 when even. */
  dispatchFactor: number;
  span: GroupSpan;
  intra: Link;
  inter: Link;
  /** Share of the nominal bandwidth an all-to-all reaches on each kind of link. */
  efficiency: { intra: number; inter: number };
  /** Bytes per element dispatched (2, or about 1 with FP8 dispatch) and combined (2). */
  dispatchBytes: number;
  combineBytes: number;
  nodeDedup: boolean;
  /**
   * Node-limited routing (DeepSeek-V3 report §2.1.2, "each token will be sent
   * to at most M = 4 nodes"): the most nodes a token's routed copies go to;
   * null or absent = unlimited. It changes the bytes only with node dedup:
   * without it every copy is sent on its own wherever its expert sits.
   */
  maxNodesPerToken?: number | null;
}

/** FP8 dispatch: one byte per element plus one fp32 scale per 128 (DeepEP, DeepSeek-V3's 1×128 tiles). */
export const FP8_DISPATCH_BYTES = 1 + 4 / 128;

/**
 * Expected number of other nodes a token's k distinct experts land on, when
 * the E experts are spread evenly over `nodes` nodes and chosen uniformly:
 * (nodes − 1)·(1 − P(no expert on a given node)), with that probability
 * Π_{i<k} (E − E/nodes − i) / (E − i) = C(E − E/nodes, k) / C(E, k).
 *
 * With node-limited routing to at most M < nodes nodes (DeepSeek-V3 §2.1.2:
 * pick M nodes, then the top-k experts among theirs), the token's k experts
 * are drawn from the m·E/nodes experts of the m = min(M, nodes) chosen nodes,
 * so it reaches expectedDistinctNodes of them; the nodes are chosen by
 * affinity, not by where the token lives, so (nodes − 1)/nodes of them are
 * remote on average. M ≥ nodes is exactly the unlimited case.
 */
export function expectedRemoteNodes(
  experts: number,
  topK: number,
  nodes: number,
  maxNodesPerToken: number | null = null,
): number {
  if (nodes <= 1) return 0;
  if (maxNodesPerToken !== null && maxNodesPerToken < nodes)
    return (expectedDistinctNodes(experts, topK, nodes, maxNodesPerToken) * (nodes - 1)) / nodes;
  return (nodes - 1) * (1 - missProbability(experts, topK, experts / nodes));
}

/**
 * Expected number of distinct nodes a token's k experts land on (its own node
 * included): m·(1 − C(m·E/N − E/N, k) / C(m·E/N, k)) with m = min(M, N) the
 * nodes it may reach (M = null: all N), under uniform routing over the
 * experts of those nodes. Never more than m.
 */
export function expectedDistinctNodes(
  experts: number,
  topK: number,
  nodes: number,
  maxNodesPerToken: number | null = null,
): number {
  if (nodes <= 1) return 1;
  const m = maxNodesPerToken === null ? nodes : Math.max(1, Math.min(maxNodesPerToken, nodes));
  const perNode = experts / nodes;
  return m * (1 - missProbability(m * perNode, topK, perNode));
}

/** P(none of k distinct experts drawn uniformly from `pool` sits on a given node of `perNode` of them). */
function missProbability(pool: number, topK: number, perNode: number): number {
  let miss = 1;
  for (let i = 0; i < topK; i++) miss *= Math.max(0, pool - perNode - i) / (pool - i);
  return miss;
}

function scaled(link: Link, efficiency: number): Link {
  return { bandwidth: link.bandwidth * efficiency, alpha: link.alpha };
}

/** One all-to-all (dispatch or combine) of `bytesPerElement` activations, seconds. */
export function moeAllToAllSeconds(c: MoeAllToAllInput, bytesPerElement: number): number {
  const n = c.span.size;
  if (n <= 1 || c.ownTokens <= 0) return 0;
  const intra = scaled(c.intra, c.efficiency.intra);
  const inter = scaled(c.inter, c.efficiency.inter);
  const copyBytes = c.hidden * bytesPerElement * c.dispatchFactor;
  const bytes = c.ownTokens * c.topK * copyBytes; // S: every routed copy this GPU sends
  const local = Math.max(1, Math.min(c.span.maxPerNode, n));
  if (local >= n) return allToAllSeconds(bytes, n, intra);
  const nodes = Math.ceil(n / local);
  if (c.nodeDedup) {
    // Each token crosses the network once per distinct remote node, then every
    // copy not bound for this GPU moves once over NVLink (directly, or forwarded
    // by the GPU that received it): two hops, two latencies.
    const remote = expectedRemoteNodes(c.experts, c.topK, nodes, c.maxNodesPerToken ?? null);
    const offNode = (c.ownTokens * remote * copyBytes) / inter.bandwidth;
    const onNode = (((n - 1) / n) * bytes) / intra.bandwidth;
    return Math.max(onNode, offNode) + inter.alpha + intra.alpha;
  }
  const onNode = (((local - 1) / n) * bytes) / intra.bandwidth;
  const offNode = (((n - local) / n) * bytes) / inter.bandwidth;
  return Math.max(onNode, offNode) + inter.alpha;
}

/** Dispatch and combine of one MoE layer's forward; the backward moves the same again. */
export function moeAllToAll(c: MoeAllToAllInput): { dispatch: number; combine: number } {
  return { dispatch: moeAllToAllSeconds(c, c.dispatchBytes), combine: moeAllToAllSeconds(c, c.combineBytes) };
}
