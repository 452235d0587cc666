/**
 * Per-chunk block durations for the pipeline simulator: one forward (F),
 * input-backward (B) and weight-backward (W) per micro-batch, each the sum of
 * its layers' time and the communication that is not overlapped.
 */
import type { BlockTiming, ComputePartTime } from '../evaluation';
import type { Device } from '../compute/device';
import {
  layerTiming,
  LAYER_PARTS,
  type LayerPart,
  type LayerShapeContext,
  type LayerTiming,
} from '../compute/layerTime';
import type { RecomputeKind } from '../compute/layerTime';
import { gemmTiming, memoryOpTiming } from '../compute/roofline';
import { epAllToAll, spRegatherSecondsPerLayer, tpSecondsPerLayer, type LayerCommInput } from '../comm/costs';
import { COLLECTIVE_SM_SHARE } from '../comm/linkQueue';
import type { ChunkDurations } from '../pipeline';
import type { Scenario } from '../scenario/types';
import type { ResolvedScenario } from '../scenario/resolve-framework';
import type { Chunk } from '../model/stages';
import { isMoeLayer } from '../model/layers';
import { mtpBlockLayer, mtpDepth } from '../model/mtp';

export interface PassInput {
  /** With the framework's defaults applied (withFrameworkDefaults): no switch left null. */
  scenario: ResolvedScenario;
  chunks: Chunk[];
  layer: LayerShapeContext;
  comm: LayerCommInput;
  /** The strategy search: layer timings shared between evaluations. */
  layerMemo?: LayerMemo;
  /** Split compute time by part (`computeParts`; default true): the search's table shows no parts. */
  parts?: boolean;
}

/**
 * Layer timings of one search, keyed by every scalar input of layerTiming;
 * the model and the device are compared by identity (the memo starts afresh
 * when either changes; the evaluator reuses one device object per search).
 */
export interface LayerMemo {
  model: LayerShapeContext['model'] | null;
  device: Device | null;
  timings: Map<string, LayerTiming>;
}

export const createLayerMemo = (): LayerMemo => ({ model: null, device: null, timings: new Map() });

/** layerTiming, looked up in `memo` when given. */
export function layerTimingOnce(
  c: LayerShapeContext,
  isMoe: boolean,
  recompute: RecomputeKind,
  memo: LayerMemo | undefined,
): LayerTiming {
  if (!memo) return layerTiming(c, isMoe, recompute);
  if (memo.model !== c.model || memo.device !== c.device) {
    memo.model = c.model;
    memo.device = c.device;
    memo.timings.clear();
  }
  const key =
    `${isMoe ? 1 : 0}|${recompute}|${c.tokens}|${c.context}|${c.microBatch}|${c.tp}|${c.etp}|${c.sequenceParallel ? 1 : 0}|${c.flashAttention ? 1 : 0}|${c.training ? 1 : 0}` +
    `|${c.expertAssignments}|${c.expertsPerGpu}|${c.activeExpertsPerGpu}|${c.epSize}|${c.dropless}|${c.fusedDispatch}|${c.denseExperts}|${c.recomputeNormsAndUpProjections}`;
  let hit = memo.timings.get(key);
  if (!hit) memo.timings.set(key, (hit = layerTiming(c, isMoe, recompute)));
  return hit;
}

/** Communication per micro-batch of one chunk that the GPU waits for. */
export interface ExposedComm {
  tp: number;
  ep: number;
  /** The same, split by the block it delays. */
  forward: number;
  backward: number;
  /** The EP (all-to-all) part of `forward` and of `backward`; the rest is TP. */
  forwardEp: number;
  backwardEp: number;
}

/** TP and EP traffic per micro-batch that runs hidden beside compute (overlapped), seconds on its link. */
export interface HiddenComm {
  tp: number;
  ep: number;
}

/** What compute time is spent on: the layer parts, plus the embedding and the output head. */
export type ComputePart = LayerPart | 'embedding' | 'outputHead' | 'mtp';

export interface PassTiming {
  /** Durations per chunk (virtual stage), for the simulator. */
  durations: ChunkDurations[];
  /** Compute-only time per chunk per micro-batch (F + B + W without communication). */
  computeSeconds: number[];
  /** The same, split by part (empty when the input asks for no parts). */
  computeParts: Partial<Record<ComputePart, number>>[];
  /**
   * The routed-expert share of `computeSeconds`, on the busiest GPU of the EP
   * group: other GPUs of the group spend it in proportion to their load.
   */
  expertComputeSeconds: number[];
  /** Exposed TP/EP communication per chunk per micro-batch (forward and backward). */
  exposed: ExposedComm[];
  /** Per chunk per micro-batch, the TP/EP traffic hidden behind compute: it still holds its link (absent: none). */
  hiddenComm?: HiddenComm[];
  dense: LayerTiming;
  moe: LayerTiming | null;
  /** The roofline of each kind of block, for the evaluation's `blocks`. */
  blocks: BlockTiming[];
}

/**
 * Share of SMs that communication kernels take while they run beside
 * compute: DeepSeek-V3 dedicates 20 of the H800's 132 SMs to its all-to-all
 * (DeepSeek-V3 report, 3.2.2), so overlapped compute runs that much slower.
 */
export const COMM_SM_SHARE = 20 / 132;

function headTiming(s: Scenario, c: LayerShapeContext, device: Device) {
  // Training needs logits at every position for the loss; serving samples the
  // next token from the last position only.
  const rows = c.training ? c.tokens * c.microBatch : c.microBatch;
  const V = s.model.vocab / s.parallel.tp;
  // The head stays 16-bit in FP8 runs: DeepSeek-V3 keeps "the embedding module, the output head" in their
  // original precision (report 3.3), Megatron's output layer is no Transformer Engine (FP8) module, and FP8
  // serving checkpoints leave lm_head unquantized.
  const gemm = gemmTiming({ m: rows, k: s.model.hidden, n: V }, device, 1, device.gemm16);
  // Cross-entropy over fp32 logits: read, exponentiate, write the gradient.
  const loss = c.training ? memoryOpTiming(rows * V * 4 * 3, device, 2) : memoryOpTiming(rows * V * 4, device, 1);
  return {
    forward: gemm.seconds + loss.seconds,
    backwardInput: c.training ? gemm.seconds : 0,
    backwardWeight: c.training ? gemm.seconds : 0,
    gemm,
  };
}

/**
 * TP collectives overlap with the GEMMs of the same layer (userbuffers-style);
 * what they hide still takes COLLECTIVE_SM_SHARE of the compute beside it
 * (Transformer Engine gives each overlapped collective 16 SMs by default).
 */
export function tpExposed(comm: number, compute: number, overlap: boolean): number {
  if (!overlap) return comm;
  const hidden = Math.min(comm, compute);
  return comm - hidden + COLLECTIVE_SM_SHARE * hidden;
}

/** Exposed communication of one layer, forward and backward. */
interface LayerComm {
  fwd: { tp: number; ep: number };
  bwd: { tp: number; ep: number };
  /** Traffic hidden behind compute, forward and backward together. */
  hidden: HiddenComm;
}

/**
 * Expert all-to-all overlap hides only behind compute that runs at the same
 * time and does not need its result: in training (Megatron's 1F1B all-to-all
 * overlap, DualPipe) the forward of one micro-batch runs beside the backward
 * of another, so each side's all-to-all hides behind the other side's compute,
 * except in the pipeline's warm-up and cool-down (about P of the m
 * micro-batches, which have no partner); in serving (two-batch overlap) the
 * batch is split in two halves whose compute and all-to-all alternate. Hidden
 * communication still takes COMM_SM_SHARE of the compute it runs beside.
 */
export function overlappedAllToAll(
  ep: { fwd: number; bwd: number },
  compute: { fwd: number; bwd: number },
  training: boolean,
  unpairedShare: number,
): { fwd: number; bwd: number } {
  const hidden = (comm: number, behind: number) => Math.min(comm, behind);
  if (!training) {
    const h = hidden(ep.fwd, compute.fwd);
    return { fwd: ep.fwd - h + COMM_SM_SHARE * h, bwd: 0 };
  }
  const u = Math.min(1, Math.max(0, unpairedShare));
  const hf = hidden(ep.fwd, compute.bwd);
  const hb = hidden(ep.bwd, compute.fwd);
  return {
    fwd: u * ep.fwd + (1 - u) * (ep.fwd - hf + COMM_SM_SHARE * hf),
    bwd: u * ep.bwd + (1 - u) * (ep.bwd - hb + COMM_SM_SHARE * hb),
  };
}

export function passTiming(input: PassInput): PassTiming {
  const { scenario: s, chunks, layer } = input;
  const w = s.workload;
  const device = layer.device;
  const training = w.mode === 'training';
  const recompute = training ? w.recompute : 'none';
  const dense = layerTimingOnce(layer, false, recompute, input.layerMemo);
  const moe = s.model.moe ? layerTimingOnce(layer, true, recompute, input.layerMemo) : null;
  const overlap = s.parallel.overlap;
  const unpaired = Math.min(1, s.parallel.pp / Math.max(1, w.microBatches));

  // Full recompute re-runs the forward before the backward, communication included.
  const recomputeComm = recompute === 'full' ? 1 : 0;
  const commOf = (t: LayerTiming, isMoe: boolean): LayerComm => {
    const tp = tpSecondsPerLayer(input.comm, isMoe);
    const a2a = isMoe ? epAllToAll(input.comm) : { dispatch: 0, combine: 0 };
    const ep = {
      fwd: a2a.dispatch + a2a.combine,
      bwd: training ? (a2a.dispatch + a2a.combine) * (1 + recomputeComm) : 0,
    };
    const bwdCompute = t.backwardInputSeconds + t.backwardWeightSeconds;
    const epExposed =
      overlap.epComm && (training ? w.microBatches > 1 : true)
        ? overlappedAllToAll(ep, { fwd: t.forwardSeconds, bwd: bwdCompute }, training, unpaired)
        : ep;
    const tpBwd = training ? tp * (1 + recomputeComm) + spRegatherSecondsPerLayer(input.comm, isMoe) : 0;
    return {
      fwd: { tp: tpExposed(tp, t.forwardSeconds, overlap.tpComm), ep: epExposed.fwd },
      // The backward also re-gathers the sequence-parallel inputs of the weight gradients.
      bwd: training ? { tp: tpExposed(tpBwd, bwdCompute, overlap.tpComm), ep: epExposed.bwd } : { tp: 0, ep: 0 },
      hidden: {
        tp: overlap.tpComm ? Math.min(tp, t.forwardSeconds) + Math.min(tpBwd, bwdCompute) : 0,
        // overlappedAllToAll leaves total − (1 − COMM_SM_SHARE) × hidden exposed.
        ep: (ep.fwd + ep.bwd - epExposed.fwd - epExposed.bwd) / (1 - COMM_SM_SHARE),
      },
    };
  };
  const denseComm = commOf(dense, false);
  const moeComm = moe ? commOf(moe, true) : null;
  const head = headTiming(s, layer, device);
  const embedding = memoryOpTiming(
    layer.tokens * layer.microBatch * s.model.hidden * device.bytesPerElement * 2,
    device,
  );

  // Multi-token prediction (model/mtp.ts) runs with the output head, training only: per module one block of
  // the last layer's kind, the 2h→h projection (column-split over TP) and the shared head once more.
  const mtpModules = training ? mtpDepth(s.model) : 0;
  const mtpMoe = mtpModules > 0 && moe !== null && moeComm !== null && isMoeLayer(s.model, mtpBlockLayer(s.model));
  const mtpBlock = mtpMoe ? moe : dense;
  const mtpComm = mtpMoe ? moeComm : denseComm;
  const mtpProjection =
    mtpModules > 0
      ? gemmTiming(
          { m: layer.tokens * layer.microBatch, k: 2 * s.model.hidden, n: s.model.hidden / s.parallel.tp },
          device,
        ).seconds
      : 0;

  const durations: ChunkDurations[] = [];
  const computeSeconds: number[] = [];
  const computeParts: Partial<Record<ComputePart, number>>[] = [];
  const expertComputeSeconds: number[] = [];
  // Routed-expert GEMMs: forward, then input and weight gradients (2× forward), and again under full recompute.
  const expertPasses = training ? 3 + (recompute === 'full' ? 1 : 0) : 1;
  const expertPerLayer = moe ? moe.forward.routedExperts.seconds * expertPasses : 0;
  const exposed: ExposedComm[] = [];
  const hiddenComm: HiddenComm[] = [];
  const withParts = input.parts !== false;
  for (const c of chunks) {
    let f = c.dense * dense.forwardSeconds;
    let bIn = c.dense * dense.backwardInputSeconds;
    let bW = c.dense * dense.backwardWeightSeconds;
    // Forward communication delays F; backward communication delays B.
    let commF = c.dense * (denseComm.fwd.tp + denseComm.fwd.ep);
    let commB = c.dense * (denseComm.bwd.tp + denseComm.bwd.ep);
    let tp = c.dense * (denseComm.fwd.tp + denseComm.bwd.tp);
    let ep = 0;
    // Dense layers have no all-to-all: only MoE layers add EP time.
    let epF = 0;
    let epB = 0;
    const parts: Partial<Record<ComputePart, number>> = {};
    if (withParts)
      for (const p of LAYER_PARTS) {
        const x =
          c.dense * (dense.forward[p].seconds + dense.backward[p]) +
          (moe ? c.moe * (moe.forward[p].seconds + moe.backward[p]) : 0);
        if (x > 0) parts[p] = x;
      }
    if (moe && moeComm) {
      f += c.moe * moe.forwardSeconds;
      bIn += c.moe * moe.backwardInputSeconds;
      bW += c.moe * moe.backwardWeightSeconds;
      commF += c.moe * (moeComm.fwd.tp + moeComm.fwd.ep);
      commB += c.moe * (moeComm.bwd.tp + moeComm.bwd.ep);
      tp += c.moe * (moeComm.fwd.tp + moeComm.bwd.tp);
      ep += c.moe * (moeComm.fwd.ep + moeComm.bwd.ep);
      epF += c.moe * moeComm.fwd.ep;
      epB += c.moe * moeComm.bwd.ep;
    }
    if (c.hasEmbedding) {
      f += embedding.seconds;
      parts.embedding = embedding.seconds;
    }
    if (c.hasOutputHead) {
      f += head.forward;
      bIn += head.backwardInput;
      bW += head.backwardWeight;
      parts.outputHead = head.forward + head.backwardInput + head.backwardWeight;
      if (mtpModules > 0) {
        const d = mtpModules;
        f += d * (mtpBlock.forwardSeconds + mtpProjection + head.forward);
        bIn += d * (mtpBlock.backwardInputSeconds + mtpProjection + head.backwardInput);
        bW += d * (mtpBlock.backwardWeightSeconds + mtpProjection + head.backwardWeight);
        commF += d * (mtpComm.fwd.tp + mtpComm.fwd.ep);
        commB += d * (mtpComm.bwd.tp + mtpComm.bwd.ep);
        tp += d * (mtpComm.fwd.tp + mtpComm.bwd.tp);
        if (mtpMoe) {
          ep += d * (mtpComm.fwd.ep + mtpComm.bwd.ep);
          epF += d * mtpComm.fwd.ep;
          epB += d * mtpComm.bwd.ep;
        }
        parts.mtp = d * (mtpBlock.forwardSeconds + mtpBlock.backwardInputSeconds + mtpBlock.backwardWeightSeconds);
        parts.mtp += d * 3 * mtpProjection;
        parts.outputHead += d * (head.forward + head.backwardInput + head.backwardWeight);
      }
    }
    durations.push({ forward: f + commF, backwardInput: bIn + commB, backwardWeight: bW });
    computeSeconds.push(f + bIn + bW);
    if (withParts) computeParts.push(parts);
    expertComputeSeconds.push((c.moe + (c.hasOutputHead && mtpMoe ? mtpModules : 0)) * expertPerLayer);
    exposed.push({ tp, ep, forward: commF, backward: commB, forwardEp: epF, backwardEp: epB });
    hiddenComm.push({
      tp: c.dense * denseComm.hidden.tp + (moeComm ? c.moe * moeComm.hidden.tp : 0),
      ep: moeComm ? c.moe * moeComm.hidden.ep : 0,
    });
  }
  const hasDense = chunks.some((c) => c.dense > 0);
  return {
    durations,
    computeSeconds,
    computeParts,
    expertComputeSeconds,
    exposed,
    hiddenComm,
    dense,
    moe,
    blocks: blockSummary(hasDense ? dense : null, moe, head.gemm),
  };
}

/**
 * Compute time of one pipeline device over the step, by part, largest first:
 * its chunks' per-micro-batch parts × the micro-batches that pass each chunk
 * (all of them, or under DualPipe those of the chunk's direction; step.ts
 * microBatchesThrough) × forward passes per request when decoding. They add
 * up to the device's compute time, as step.ts weighs it.
 */
export function computePartsOfDevice(
  pass: PassTiming,
  chunks: Chunk[],
  device: number,
  microBatchesThrough: readonly number[],
  passes = 1,
): ComputePartTime[] {
  const total: Record<string, number> = {};
  for (let j = 0; j < chunks.length; j++) {
    if (chunks[j].device !== device) continue;
    const parts = pass.computeParts[j];
    for (const p in parts)
      total[p] = (total[p] ?? 0) + (parts[p as ComputePart] ?? 0) * microBatchesThrough[j] * passes;
  }
  const out: ComputePartTime[] = [];
  for (const part in total) if (total[part] > 0) out.push({ part, seconds: total[part] });
  return out.sort((a, b) => b.seconds - a.seconds);
}

function blockSummary(
  dense: LayerTiming | null,
  moe: LayerTiming | null,
  head: ReturnType<typeof gemmTiming>,
): BlockTiming[] {
  const out: BlockTiming[] = [];
  const add = (prefix: string, t: LayerTiming) => {
    for (const p of LAYER_PARTS) {
      const b = t.forward[p];
      if (b.seconds <= 0 && t.backward[p] <= 0) continue;
      out.push({
        name: `${prefix}.${p}`,
        flops: b.flops,
        bytes: b.bytes,
        efficiency: b.efficiency,
        bound: b.bound,
        seconds: b.seconds,
        backwardSeconds: t.backward[p],
      });
    }
  };
  if (dense) add('denseLayer', dense);
  if (moe) add('moeLayer', moe);
  out.push({
    name: 'outputHead',
    flops: head.flops,
    bytes: head.bytes,
    efficiency: head.efficiency,
    bound: head.bound,
    seconds: head.seconds,
  });
  return out;
}
