/**
 * The modelling assumptions behind every evaluation, named so that a reader
 * can disagree with one. Parse-time assumptions (values a source is silent
 * about) come from the scenario parser; these are the evaluator's own.
 */
import type { Scenario } from '../scenario/types';
import { scheduleById } from '../pipeline';
import { scheduleBlocks } from './step';
import { formatPct, grouped } from '../format/number';
import { MAX_DRAWN_BLOCKS, MAX_SIMULATED_BLOCKS } from '../scenario/budget';
import { KERNEL_OVERHEAD_SECONDS, deviceOf } from '../compute/device';
import { gemmShapeAssumption } from '../compute/roofline';
import { moeAssumptions } from './moeAssumptions';
import { GENERATION_EFFICIENCY } from '../catalog/efficiency';
import { gpuPreset } from '../catalog/gpus';
import { servingAssumptions } from '../serving/assumptions';
import { ignoredFieldAssumptions } from './ignoredFields';
import { frameworkAssumptions } from '../scenario/resolve-framework';
import { COLLECTIVE_SM_SHARE } from '../comm/linkQueue';
import { memoryAssumptions } from '../memory/assumptions';
import { mtpDepth, mtpParams } from '../model/mtp';

/** `s` with the framework's defaults applied; `given` as the user left it (which switches took a default, which fields are ignored). */
export function evaluatorAssumptions(s: Scenario, given: Scenario = s): string[] {
  const w = s.workload;
  const p = s.parallel;
  const out: string[] = [
    `Block times are rooflines: the larger of FLOPs / (peak × shape efficiency) and bytes / (bandwidth × efficiency), plus ${Math.round(KERNEL_OVERHEAD_SECONDS * 1e6)} µs per kernel; hardware.computeEfficiency is the share of the 16-bit peak that large square GEMMs reach, and each kind of operation (FP8 GEMMs, fused attention) reaches its GPU generation's share of that (presets/efficiency.ts).`,
    "Collectives follow the α–β model with NCCL bus-bandwidth factors (all-reduce: the faster of ring and tree); a group that spans nodes runs at one GPU's inter-node bandwidth (all-to-all: only its off-node share does), which is conservative for NCCL's multi-NIC rings; pipeline sends all run at the inter-node speed once any stage boundary crosses nodes.",
    "The reported model FLOPs count the full s×s attention core (Narayanan et al. 2021, PaLM); MFU and model TFLOP/s count it as the time does (with FlashAttention the causal half a causal kernel executes), so MFU never exceeds the compute efficiency at the GPU's peak for the precision it runs.",
    'GPU memory sizes are binary: 1 GB of hardware.memoryGB = 2^30 bytes, as vendors size HBM.',
  ];
  if (w.mode === 'inference') {
    out.push(
      w.phase === 'decode'
        ? `Decode: latency is the time to generate ${w.decodeTokens} tokens for the whole batch after prefill (prefill not included); throughput counts generated tokens.`
        : "Inference prefill: latency is the time for the whole batch to leave the last stage; throughput = batch tokens / latency (one batch at a time, no overlap between batches); the output head runs for each sequence's last position only.",
    );
  } else {
    out.push(
      "Training: backward = 2 × forward FLOPs; the gradient reduction overlaps only the last micro-batch's backward (as in Megatron), when overlap.dpGrad is on.",
    );
    if (p.overlap.dpGrad)
      out.push(
        `Overlapped DP sync: the gradient reduce and the weight gathers (ZeRO-3's per micro-batch behind all compute, ZeRO-1/2's behind the first forward) queue on the one DP link, so together they hide at most what it carries beside the compute; what they hide still takes ${formatPct(COLLECTIVE_SM_SHARE * 100, 0)} of the compute beside it (16 of 132 SMs: NCCL runs one SM per channel; Transformer Engine's default for its overlapped collectives). Hidden TP and EP traffic queues on the same link when its group sits on it too (both within a node, or both across nodes; an all-to-all across nodes counts on the NIC whole), as work anywhere in the compute: a lower bound on the wait.`,
      );
    const d = mtpDepth(s.model);
    if (d > 0)
      out.push(
        `Multi-token prediction, depth ${d} (DeepSeek-V3 report, 2.2): per token and module one more transformer block of the last layer's shape, a 2h→h projection and another pass of the shared output head, on the pipeline stage of the output head, with their weights, gradients, optimizer state and activations; their own ${(mtpParams(s.model) / 1e9).toFixed(1)}B parameters are not in the model's total (the published count leaves them out).`,
      );
  }
  if (s.model.moe) {
    out.push(
      `Expert routing is a seeded Monte Carlo of one micro-batch of one EP group (seed ${p.routing.seed}); the busiest GPU sets the MoE block time and the all-to-all size, and each GPU is busy with its experts in proportion to its load.`,
    );
    if (w.mode === 'inference' && w.phase === 'decode' && p.capacityFactor !== null)
      out.push(
        'The capacity factor also applies to decode steps, whose few tokens per step drop more often than in prefill; serving engines usually run dropless (capacity factor off).',
      );
    if (p.tp > 1)
      out.push(
        'Tokens enter the MoE layer sequence-sharded over TP (Megatron-Core requires sequence parallelism with MoE and TP > 1).',
      );
  }
  const blocks = scheduleBlocks({
    stages: p.pp,
    virtualStages: p.virtualStages,
    microBatches: w.microBatches,
    forwardOnly: w.mode !== 'training',
    schedule: p.schedule,
  });
  out.push(...scheduleById(p.schedule).notes);
  if (blocks > MAX_SIMULATED_BLOCKS) {
    out.push(
      `The schedule has ${grouped(blocks)} blocks, more than the ${grouped(MAX_SIMULATED_BLOCKS)} simulated: the first micro-batches are simulated (and drawn), the rest added at the slowest stage's pace.`,
    );
  }
  if (Math.min(blocks, MAX_SIMULATED_BLOCKS) > MAX_DRAWN_BLOCKS) {
    out.push(
      `The timeline lists the first micro-batches' blocks only (at most ${grouped(MAX_DRAWN_BLOCKS)}); every figure comes from the whole simulation.`,
    );
  }
  if (p.overlap.tpComm)
    out.push(
      `Overlapped TP communication hides behind the same layer's GEMMs; only what exceeds them is exposed, and what they hide still takes ${formatPct(COLLECTIVE_SM_SHARE * 100, 0)} of the compute beside it (Transformer Engine's userbuffers give each overlapped collective 16 SMs by default, of the H100's 132).`,
    );
  if (p.tp * p.dp > 1) {
    const c = GENERATION_EFFICIENCY[gpuPreset(s.hardware.gpu)?.generation ?? 'hopper'];
    const e = c.collectiveEfficiency;
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    out.push(
      `Ring and tree collectives reach a share of the nominal bandwidth per collective and link (NCCL bus bandwidth): all-reduce ${pct(e.allReduce.intra)} of NVLink and ${pct(e.allReduce.inter)} of the network, all-gather ${pct(e.allGather.intra)} and ${pct(e.allGather.inter)}, reduce-scatter ${pct(e.reduceScatter.intra)} and ${pct(e.reduceScatter.inter)} (${c.collectiveSource}).`,
    );
  }
  if (w.mode === 'training' && p.tp > 1 && w.sequenceParallel)
    out.push(
      "Sequence parallelism: the backward all-gathers each sequence-sharded norm output again for its weight-gradient GEMM (Megatron-LM and Transformer Engine save only the shard; Korthikanti et al. 2022 §4.2.2): one more all-gather per column-parallel linear after a norm (QKV, FC1; a MoE layer's shared experts), charged in full unless TP overlap is on.",
    );
  out.push(...frameworkAssumptions(given));
  out.push(gemmShapeAssumption(deviceOf(s.hardware, w.precision)));
  out.push(...moeAssumptions(s));
  out.push(...memoryAssumptions(s));
  out.push(...servingAssumptions(s));
  out.push(...ignoredFieldAssumptions(given));
  return out;
}
