import type { TimelineBlock, TimelineTransfer } from '../evaluation';
/**
 * Types of the pipeline-parallel schedule simulator (cost-model.md §6).
 * Pure data: no DOM, no React. Times are seconds.
 */

export type ScheduleName = 'gpipe' | '1f1b' | 'interleaved-1f1b' | 'zb-h1';

/** Seconds one model chunk spends on one micro-batch. */
export interface ChunkDurations {
  forward: number;
  /** Gradient w.r.t. the chunk's input (the "B" of Zero Bubble). */
  backwardInput: number;
  /** Gradient w.r.t. the chunk's weights (the "W" of Zero Bubble). */
  backwardWeight: number;
}

export interface PipelineInput {
  schedule: ScheduleName;
  /** P devices (pipeline stages). */
  stages: number;
  /** m micro-batches per step. */
  microBatches: number;
  /**
   * v model chunks per device. Used by 'interleaved-1f1b' only; the other
   * schedules run one chunk per device (see `chunks` for how v > 1 is folded).
   */
  virtualStages: number;
  /**
   * Durations per model chunk, indexed by virtual stage j = chunk*P + device
   * (length P*v). Chunk j runs on device j % P. For a non-interleaved schedule
   * given P*v entries with v > 1, each device's chunks are summed into one.
   */
  chunks: ChunkDurations[];
  /** Point-to-point time of one micro-batch's activation (or gradient) between consecutive virtual stages. Same-device hops (P = 1) are free. */
  transferSeconds: number;
  /** Inference: only forward blocks. */
  forwardOnly: boolean;
}

/** One block of the simulated timeline: the evaluation's TimelineBlock ('B' is the whole backward except under ZB-H1, where W is the weight gradient). */
export type SimBlock = TimelineBlock;

/** A point-to-point send between stages: the evaluation's TimelineTransfer. */
export type TransferEvent = TimelineTransfer;

export interface PipelineResult {
  /** Sorted by stage, then start. */
  timeline: SimBlock[];
  /** Cross-device hops only, sorted by fromStage, then start. */
  transfers: TransferEvent[];
  /** From 0 (first block start) to the last block end. */
  makespan: number;
  /** Per device: sum of its blocks' durations. */
  busySeconds: number[];
  /** 1 − mean(busy)/makespan; 0 when makespan is 0. */
  bubbleFraction: number;
}

/** One entry of a device's op list, in readable form. */
export interface PipelineOp {
  kind: 'F' | 'B' | 'W';
  microBatch: number;
  chunk: number;
}
