/**
 * The modelling assumptions behind every evaluation, named so that a reader
 * can disagree with one. Parse-time assumptions (values a source is silent
 * about) come from the scenario parser; these are the evaluator's own.
 */
import type { Scenario } from '../scenario/types';

export function evaluatorAssumptions(s: Scenario): string[] {
  const w = s.workload;
  const p = s.parallel;
  const out: string[] = [
    'Block times are rooflines: the larger of FLOPs / (peak × shape efficiency) and bytes / (bandwidth × efficiency), plus 4 µs per kernel; hardware.computeEfficiency is the share of peak that large square GEMMs reach.',
    'Collectives follow the α–β ring model with NCCL bus-bandwidth factors; a group that spans nodes runs at the inter-node bandwidth (all-to-all: its off-node share does).',
    'GPU memory sizes are binary: 1 GB of hardware.memoryGB = 2^30 bytes, as vendors size HBM.',
  ];
  if (w.mode === 'inference') {
    out.push(w.phase === 'decode'
      ? `Decode: latency is the time to generate ${w.decodeTokens} tokens for the whole batch after prefill (prefill not included); throughput counts generated tokens.`
      : 'Inference prefill: latency is the time for the whole batch to leave the last stage; throughput = batch tokens / latency (one batch at a time, no overlap between batches).');
  } else {
    out.push('Training: backward = 2 × forward FLOPs; the gradient reduction overlaps only the last micro-batch\'s backward (as in Megatron), when overlap.dpGrad is on.');
  }
  if (s.model.moe) {
    out.push(`Expert routing is a seeded Monte Carlo of one micro-batch of one EP group (seed ${p.routing.seed}); the busiest GPU sets the MoE block time and the all-to-all size.`);
    if (p.tp > 1) out.push('Tokens enter the MoE layer sequence-sharded over TP (Megatron-Core requires sequence parallelism with MoE and TP > 1).');
  }
  if (p.overlap.tpComm || p.overlap.epComm) out.push('Overlapped TP/EP communication hides behind the same layer\'s compute; only what exceeds it is exposed.');
  return out;
}
