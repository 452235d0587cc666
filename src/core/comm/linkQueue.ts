/**
 * Overlapped collectives that share one link, queued on it (issue 14, item 6).
 * A link moves one collective's bytes at a time at its full bandwidth (the
 * α–β model of collectives.ts prices each collective alone), so two
 * collectives that each fit behind compute on their own can still overflow it
 * together: whatever the link cannot carry inside the collectives' windows is
 * exposed, however the work is ordered.
 */

import type { GroupSpan } from './layout';

/** One collective on a link, with the window of compute it may hide behind. */
export interface LinkJob {
  /** Seconds the collective holds the link (collectives.ts). */
  seconds: number;
  /** When it may start, in seconds of the compute it overlaps (its data is ready). */
  earliestStart: number;
  /** When compute needs it done; past it compute waits, and the wait is exposed. */
  deadline: number;
}

export interface LinkQueueResult {
  /** Seconds compute waits on the link: the exposed communication. */
  exposed: number;
  /** Seconds the link works while compute runs beside it: total − exposed. */
  hidden: number;
}

/**
 * The link as a serial timeline: jobs in order of earliest start (ties: the
 * earlier deadline first), each starting when both the link is free and its
 * data is ready; a job that ends past its deadline stalls compute by the
 * overrun, and every later window moves by the stall (compute resumes after
 * it). The link works without idling whenever a job is ready, so with one
 * deadline at the end of the compute (ZeRO-3's gathers and the gradient
 * reduce) this is the shortest finish a single server with release times can
 * reach, and the exposed time is
 *   max(0, max over start times r of (r + seconds of the jobs that start at or after r) − end):
 * for ZeRO-3, max(0, gathers + reduce − compute, reduce − last backward). No
 * order hides more than the link carries in the window.
 * Assumed: where windows nest with earlier deadlines inside later ones the
 * start order is not the best (a preemptive earliest-deadline order would be);
 * the DP sync's windows are disjoint or share the compute's end, so it does not arise.
 */
export function queueOnLink(jobs: readonly LinkJob[]): LinkQueueResult {
  const order = jobs
    .filter((j) => j.seconds > 0)
    .slice()
    .sort((a, b) => a.earliestStart - b.earliestStart || a.deadline - b.deadline);
  let linkFree = 0;
  let stall = 0;
  let total = 0;
  for (const j of order) {
    total += j.seconds;
    const start = Math.max(linkFree, j.earliestStart + stall);
    const finish = start + j.seconds;
    const due = j.deadline + stall;
    if (finish > due) stall += finish - due;
    linkFree = finish;
  }
  return { exposed: stall, hidden: Math.max(0, total - stall) };
}

/**
 * Whether two groups' collectives run over the same link of a GPU: both move
 * data (more than one rank), and both stay in a node (NVLink) or both cross
 * nodes (the NIC), as ringLink picks the link. An all-to-all that crosses
 * nodes is counted on the NIC whole, though its on-node part runs over NVLink.
 */
export function sharesLink(a: GroupSpan, b: GroupSpan): boolean {
  return a.size > 1 && b.size > 1 && a.nodes > 1 === b.nodes > 1;
}

/**
 * Share of the GPU's SMs a collective's kernels take while they run beside
 * compute, so overlapped compute runs that much slower while the collective
 * runs. Transformer Engine's userbuffers give each overlapped TP collective 16
 * SMs by default (`initialize_ub`, num_sm = 16), and NCCL runs one thread
 * block (one SM) per channel, 8 to 32 channels on Hopper: 16 of the H100's
 * 132 SMs. (The EP all-to-all keeps DeepSeek-V3's 20 of 132, COMM_SM_SHARE.)
 */
export const COLLECTIVE_SM_SHARE = 16 / 132;
