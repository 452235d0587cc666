/**
 * Exposed TP/EP communication inside a Gantt block: the evaluation gives it
 * per device and per F or B pass of a whole micro-batch; it sits at the end
 * of the block (already inside its duration). A block that runs one of
 * several chunks of the micro-batch's path on this device carries that
 * share. The Gantt hatches it (TP and EP as two marks), the playback calls
 * that time "communicating".
 */
import { scheduleById, type PipelineSummary, type TimelineBlock } from '../../core';

/** A block's exposed communication, seconds: TP collectives and EP all-to-all. */
export interface BlockComm {
  tp: number;
  ep: number;
  /**
   * False for an evaluation made before TP and EP were told apart
   * (no forwardEpCommSeconds): all of it is in `tp` and drawn as one mark.
   */
  split: boolean;
}

/** TP and EP seconds at the tail of each block of this pipeline; tp + ep never exceeds the block. */
export function blockComm(pipeline: PipelineSummary): (b: TimelineBlock) => BlockComm {
  const P = Math.max(1, pipeline.stages);
  const v = Math.max(1, pipeline.virtualStages);
  // Chunks of one device a micro-batch passes (interleaved v, ZB-V 2, DualPipe 1).
  const lane = scheduleById(pipeline.schedule).placement(P, v).lanes[0];
  const passes = Math.max(1, (lane.last - lane.first + 1) / P);
  const split = pipeline.forwardEpCommSeconds !== undefined && pipeline.backwardEpCommSeconds !== undefined;
  const pick = (f: number[] | undefined, bw: number[] | undefined, b: TimelineBlock) =>
    b.kind === 'F' ? (f?.[b.stage] ?? 0) : b.kind === 'B' ? (bw?.[b.stage] ?? 0) : 0;
  return (b) => {
    const total = Math.min(
      b.end - b.start,
      pick(pipeline.forwardCommSeconds, pipeline.backwardCommSeconds, b) / passes,
    );
    const ep = split
      ? Math.min(total, pick(pipeline.forwardEpCommSeconds, pipeline.backwardEpCommSeconds, b) / passes)
      : 0;
    return { tp: total - ep, ep, split };
  };
}

/** Seconds of exposed communication (TP + EP) at the tail of each block of this pipeline. */
export function blockCommSeconds(pipeline: PipelineSummary): (b: TimelineBlock) => number {
  const of = blockComm(pipeline);
  return (b) => {
    const c = of(b);
    return c.tp + c.ep;
  };
}
