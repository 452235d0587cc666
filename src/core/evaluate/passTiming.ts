/**
 * Per-chunk block durations for the pipeline simulator: one forward (F),
 * input-backward (B) and weight-backward (W) per micro-batch, each the sum of
 * its layers' roofline time and the communication that is not overlapped.
 */
import type { BlockTiming } from '../evaluation';
import type { Device } from '../compute/device';
import { layerTiming, LAYER_PARTS, type LayerShapeContext, type LayerTiming } from '../compute/layerTime';
import { gemmTiming, memoryOpTiming } from '../compute/roofline';
import { epSecondsPerLayer, tpSecondsPerLayer, type LayerCommInput } from '../comm/costs';
import type { ChunkDurations } from '../pipeline';
import type { Scenario } from '../scenario/types';
import type { Chunk } from './stages';

export interface PassInput {
  scenario: Scenario;
  chunks: Chunk[];
  layer: LayerShapeContext;
  comm: LayerCommInput;
}

/** Communication per micro-batch of one chunk that the GPU waits for. */
export interface ExposedComm {
  tp: number;
  ep: number;
  /** The same, split by the block it delays. */
  forward: number;
  backward: number;
}

export interface PassTiming {
  /** Durations per chunk (virtual stage), for the simulator. */
  durations: ChunkDurations[];
  /** Compute-only time per chunk per micro-batch (F + B + W without communication). */
  computeSeconds: number[];
  /**
   * The routed-expert share of `computeSeconds`, on the busiest GPU of the EP
   * group: other GPUs of the group spend it in proportion to their load.
   */
  expertComputeSeconds: number[];
  /** Exposed TP/EP communication per chunk per micro-batch (forward and backward). */
  exposed: ExposedComm[];
  dense: LayerTiming;
  moe: LayerTiming | null;
  /** The roofline of each kind of block, for the evaluation's `blocks`. */
  blocks: BlockTiming[];
}

/** Communication left exposed: with overlap, it hides behind the layer's own compute. */
function exposedPart(comm: number, compute: number, overlap: boolean): number {
  return overlap ? Math.max(0, comm - compute) : comm;
}

function headTiming(s: Scenario, c: LayerShapeContext, device: Device) {
  // Training needs logits at every position for the loss; serving samples the
  // next token from the last position only.
  const rows = c.training ? c.tokens * c.microBatch : c.microBatch;
  const V = s.model.vocab / s.parallel.tp;
  const gemm = gemmTiming({ m: rows, k: s.model.hidden, n: V }, device);
  // Cross-entropy over fp32 logits: read, exponentiate, write the gradient.
  const loss = c.training ? memoryOpTiming(rows * V * 4 * 3, device, 2) : memoryOpTiming(rows * V * 4, device, 1);
  return { forward: gemm.seconds + loss.seconds, backwardInput: c.training ? gemm.seconds : 0, backwardWeight: c.training ? gemm.seconds : 0, gemm };
}

export function passTiming(input: PassInput): PassTiming {
  const { scenario: s, chunks, layer } = input;
  const w = s.workload;
  const device = layer.device;
  const training = w.mode === 'training';
  const recompute = training ? w.recompute : 'none';
  const dense = layerTiming(layer, false, recompute);
  const moe = s.model.moe ? layerTiming(layer, true, recompute) : null;
  const overlap = s.parallel.overlap;

  const recomputeComm = recompute === 'full' ? 1 : 0;
  const commOf = (t: LayerTiming, isMoe: boolean) => {
    const tp = tpSecondsPerLayer(input.comm, isMoe);
    const ep = isMoe ? epSecondsPerLayer(input.comm) : 0;
    const bwdCompute = t.backwardInputSeconds + t.backwardWeightSeconds;
    return {
      fwd: { tp: exposedPart(tp, t.forwardSeconds, overlap.tpComm), ep: exposedPart(ep, t.forwardSeconds, overlap.epComm) },
      // Full recompute re-runs the forward before the backward, communication included.
      bwd: training
        ? { tp: exposedPart(tp * (1 + recomputeComm), bwdCompute, overlap.tpComm), ep: exposedPart(ep * (1 + recomputeComm), bwdCompute, overlap.epComm) }
        : { tp: 0, ep: 0 },
    };
  };
  const denseComm = commOf(dense, false);
  const moeComm = moe ? commOf(moe, true) : null;
  const head = headTiming(s, layer, device);
  const embedding = memoryOpTiming(layer.tokens * layer.microBatch * s.model.hidden * device.bytesPerElement * 2, device);

  const durations: ChunkDurations[] = [];
  const computeSeconds: number[] = [];
  const expertComputeSeconds: number[] = [];
  // Routed-expert GEMMs: forward, then input and weight gradients (2× forward), and again under full recompute.
  const expertPasses = training ? 3 + (recompute === 'full' ? 1 : 0) : 1;
  const expertPerLayer = moe ? moe.forward.routedExperts.seconds * expertPasses : 0;
  const exposed: ExposedComm[] = [];
  for (const c of chunks) {
    let f = c.dense * dense.forwardSeconds;
    let bIn = c.dense * dense.backwardInputSeconds;
    let bW = c.dense * dense.backwardWeightSeconds;
    // Forward communication delays F; backward communication delays B.
    let commF = c.dense * (denseComm.fwd.tp + denseComm.fwd.ep);
    let commB = c.dense * (denseComm.bwd.tp + denseComm.bwd.ep);
    let tp = c.dense * (denseComm.fwd.tp + denseComm.bwd.tp);
    let ep = 0;
    if (moe && moeComm) {
      f += c.moe * moe.forwardSeconds;
      bIn += c.moe * moe.backwardInputSeconds;
      bW += c.moe * moe.backwardWeightSeconds;
      commF += c.moe * (moeComm.fwd.tp + moeComm.fwd.ep);
      commB += c.moe * (moeComm.bwd.tp + moeComm.bwd.ep);
      tp += c.moe * (moeComm.fwd.tp + moeComm.bwd.tp);
      ep += c.moe * (moeComm.fwd.ep + moeComm.bwd.ep);
    }
    if (c.hasEmbedding) f += embedding.seconds;
    if (c.hasOutputHead) {
      f += head.forward;
      bIn += head.backwardInput;
      bW += head.backwardWeight;
    }
    durations.push({ forward: f + commF, backwardInput: bIn + commB, backwardWeight: bW });
    computeSeconds.push(f + bIn + bW);
    expertComputeSeconds.push(c.moe * expertPerLayer);
    exposed.push({ tp, ep, forward: commF, backward: commB });
  }
  return { durations, computeSeconds, expertComputeSeconds, exposed, dense, moe, blocks: blockSummary(dense, moe, head.gemm) };
}

function blockSummary(dense: LayerTiming, moe: LayerTiming | null, head: ReturnType<typeof gemmTiming>): BlockTiming[] {
  const out: BlockTiming[] = [];
  const add = (prefix: string, t: LayerTiming) => {
    for (const p of LAYER_PARTS) {
      const b = t.forward[p];
      if (b.seconds <= 0) continue;
      out.push({ name: `${prefix}.${p}`, flops: b.flops, bytes: b.bytes, efficiency: b.efficiency, bound: b.bound, seconds: b.seconds });
    }
  };
  add('denseLayer', dense);
  if (moe) add('moeLayer', moe);
  out.push({ name: 'outputHead', flops: head.flops, bytes: head.bytes, efficiency: head.efficiency, bound: head.bound, seconds: head.seconds });
  return out;
}
