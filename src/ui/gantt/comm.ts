/**
 * Exposed TP/EP communication inside a Gantt block: the evaluation gives it
 * per device and per F or B pass of a whole micro-batch; it sits at the end
 * of the block (already inside its duration). A block that runs one of
 * several chunks of the micro-batch's path on this device carries that
 * share. The Gantt hatches it, the playback calls that time "communicating".
 */
import { scheduleById, type PipelineSummary, type TimelineBlock } from '../../core';

/** Seconds of exposed communication at the tail of each block of this pipeline. */
export function blockCommSeconds(pipeline: PipelineSummary): (b: TimelineBlock) => number {
  const P = Math.max(1, pipeline.stages);
  const v = Math.max(1, pipeline.virtualStages);
  // Chunks of one device a micro-batch passes (interleaved v, ZB-V 2, DualPipe 1).
  const lane = scheduleById(pipeline.schedule).placement(P, v).lanes[0];
  const passes = Math.max(1, (lane.last - lane.first + 1) / P);
  return (b) => {
    const perPass = b.kind === 'F' ? (pipeline.forwardCommSeconds[b.stage] ?? 0) : b.kind === 'B' ? (pipeline.backwardCommSeconds[b.stage] ?? 0) : 0;
    return Math.min(b.end - b.start, perPass / passes);
  };
}
