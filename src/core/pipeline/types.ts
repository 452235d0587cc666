/**
 * Types of the pipeline-parallel schedule simulator (cost-model.md §6).
 * Pure data: no DOM, no React. Times are seconds. The evaluation's
 * TimelineBlock and TimelineTransfer are SimBlock and TransferEvent.
 */

/** Seconds one model chunk spends on one micro-batch. */
export interface ChunkDurations {
  forward: number;
  /** Gradient w.r.t. the chunk's input (the "B" of Zero Bubble). */
  backwardInput: number;
  /** Gradient w.r.t. the chunk's weights (the "W" of Zero Bubble). */
  backwardWeight: number;
}

/**
 * One block of the simulated timeline. 'B' is the whole backward unless the
 * schedule runs that backward's weight gradients later as a separate 'W'.
 */
export interface SimBlock {
  /** Device (pipeline rank). */
  stage: number;
  microBatch: number;
  kind: 'F' | 'B' | 'W';
  /** Which of the device's model chunks ran it (0 with one chunk per device). */
  chunk: number;
  start: number;
  end: number;
}

/** A point-to-point send of one micro-batch between devices. */
export interface TransferEvent {
  fromStage: number;
  toStage: number;
  microBatch: number;
  direction: 'forward' | 'backward';
  start: number;
  end: number;
}

export interface PipelineResult {
  /** Sorted by device, then start. */
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
  /** A 'B' that computes input gradients only (its W is a separate op). */
  inputOnly: boolean;
  /** An 'F' fused with the backward after it (DualPipe's overlapped pair). */
  pairedWithNext: boolean;
}
