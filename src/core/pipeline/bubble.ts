/**
 * Textbook bubble fractions, in the simulator's definition: bubble = idle /
 * makespan, averaged over devices, with equal stages and free transfers. Each
 * schedule states its own formula (schedules/*.ts); the simulator reproduces
 * them exactly (properties.test.ts).
 */
import { scheduleById, type ScheduleId } from './registry';
import type { TextbookBubble } from './schedule';
import type { ChunkDurations } from './types';

export interface AnalyticOptions {
  /** Inference: forwards only. */
  forwardOnly?: boolean;
  /** Per-chunk F, B, W seconds (default F = B = W = 1). */
  durations?: ChunkDurations;
}

const UNIT: ChunkDurations = { forward: 1, backwardInput: 1, backwardWeight: 1 };

/** The schedule's textbook bubble for P devices, m micro-batches and v virtual stages. */
export function analyticBubble(
  schedule: ScheduleId,
  P: number,
  m: number,
  v: number,
  options: AnalyticOptions = {},
): TextbookBubble {
  return scheduleById(schedule).textbookBubble({
    stages: P,
    microBatches: m,
    virtualStages: v,
    durations: options.durations ?? UNIT,
    forwardOnly: options.forwardOnly ?? false,
  });
}
