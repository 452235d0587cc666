/**
 * α–β cost of collectives, in NCCL's bus-bandwidth form
 * (NCCL docs, "Performance reported by NCCL tests": busBw = algBw · 2(n−1)/n
 * for all-reduce, (n−1)/n for reduce-scatter, all-gather and all-to-all).
 *
 * `bytes` is the size of the whole buffer on each rank (S). `bandwidth` is
 * bytes per second per GPU in one direction; `alpha` the latency of one step.
 */

export interface Link {
  /** Bytes per second, one direction, per GPU. */
  bandwidth: number;
  /** Seconds per collective step. */
  alpha: number;
}

/** Ring all-reduce (cost-model.md §5): 2·(n−1)/n · S / BW + 2·(n−1)·α. */
export function ringAllReduceSeconds(bytes: number, n: number, link: Link): number {
  if (n <= 1 || bytes <= 0) return 0;
  return (((2 * (n - 1)) / n) * bytes) / link.bandwidth + 2 * (n - 1) * link.alpha;
}

/**
 * Tree all-reduce (reduce up, broadcast down a binary tree, pipelined):
 * 2·⌈log2 n⌉·α + 2·S / BW. Latency grows with log n instead of n.
 */
export function treeAllReduceSeconds(bytes: number, n: number, link: Link): number {
  if (n <= 1 || bytes <= 0) return 0;
  return 2 * Math.ceil(Math.log2(n)) * link.alpha + (2 * bytes) / link.bandwidth;
}

/**
 * All-reduce as NCCL runs it: the faster of ring and tree for the message
 * size. Improves on the ring-only form of cost-model.md §5 for small
 * messages (a decode step's TP all-reduce of a few hundred KB is
 * latency-bound); for large messages it is exactly the ring form.
 */
export function allReduceSeconds(bytes: number, n: number, link: Link): number {
  return Math.min(ringAllReduceSeconds(bytes, n, link), treeAllReduceSeconds(bytes, n, link));
}

/** Reduce-scatter (or all-gather): half of a ring all-reduce. */
export function reduceScatterSeconds(bytes: number, n: number, link: Link): number {
  return ringAllReduceSeconds(bytes, n, link) / 2;
}

export const allGatherSeconds = reduceScatterSeconds;

/**
 * All-to-all over one kind of link: (n−1)/n · S / BW + α. Every peer's
 * message is in flight at once (NCCL posts all sends and receives of an
 * all-to-all together; DeepEP likewise), so the latency is paid once per
 * round, not once per peer. Improves on cost-model.md §5's (n−1)·α, which
 * charged 127 latencies to a 128-GPU all-to-all.
 */
export function allToAllSeconds(bytes: number, n: number, link: Link): number {
  if (n <= 1 || bytes <= 0) return 0;
  return (((n - 1) / n) * bytes) / link.bandwidth + link.alpha;
}

/**
 * All-to-all over a group that spans nodes, each node holding `perNode` of
 * the group's `n` ranks. Improves on the single-bottleneck form of
 * cost-model.md §5: the share of S bound for peers in other nodes, (n − perNode)/n,
 * crosses the NIC at `inter` bandwidth while the on-node share, (perNode − 1)/n,
 * moves over NVLink at the same time; the slower of the two sets the time.
 * With perNode = n it is exactly `allToAllSeconds` over `intra`; with
 * perNode = 1 exactly `allToAllSeconds` over `inter`.
 */
export function hierarchicalAllToAllSeconds(
  bytes: number,
  n: number,
  perNode: number,
  intra: Link,
  inter: Link,
): number {
  if (n <= 1 || bytes <= 0) return 0;
  const local = Math.max(1, Math.min(perNode, n));
  if (local >= n) return allToAllSeconds(bytes, n, intra);
  const onNode = (((local - 1) / n) * bytes) / intra.bandwidth;
  const offNode = (((n - local) / n) * bytes) / inter.bandwidth;
  return Math.max(onNode, offNode) + inter.alpha;
}

/** Point-to-point send of S bytes. */
export function sendSeconds(bytes: number, link: Link): number {
  if (bytes <= 0) return 0;
  return bytes / link.bandwidth + link.alpha;
}
