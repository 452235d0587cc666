/**
 * The core's work budget (issue 10): every scenario the schema accepts is
 * evaluated in bounded time and memory, or refused with an error naming the
 * fields, never a crash or a hang. The figures are stated limits:
 *
 *   - at most MAX_RANKS = 262,144 GPUs in the strategy (TP × PP × DP, as
 *     hardware.count) and 16,384 routed experts (schema.ts); above
 *     MAX_LISTED_GPUS they are not listed one by one but placed by
 *     streaming over the ranks (comm/layout.ts, streamedSpans);
 *   - at most MAX_PIPELINE_CHUNKS pipeline stages × chunks per GPU (the
 *     per-stage memory, block times and Gantt rows grow with it);
 *   - at most MAX_SIMULATED_BLOCKS blocks simulated: longer schedules run
 *     the fewest micro-batches their own grid allows and are extrapolated
 *     (step.ts); a schedule whose smallest grid is already larger is refused;
 *   - at most MAX_DRAWN_BLOCKS blocks returned in the timeline (the first
 *     micro-batches), which keeps the evaluation a few megabytes.
 */
import type { Scenario, FieldError } from './types';
import { scheduleById } from '../pipeline';
import { MAX_GPUS } from './schema';
import { grouped } from '../format/number';

export const MAX_RANKS = MAX_GPUS;
export const MAX_LISTED_GPUS = 8192;
export const MAX_PIPELINE_CHUNKS = 256;
export const MAX_SIMULATED_BLOCKS = 20_000;
export const MAX_DRAWN_BLOCKS = 10_000;

const fmt = grouped;

/** Pipeline shape the simulator must run at the least: the schedule's smallest micro-batch grid. */
export function smallestSimulatedBlocks(s: Scenario): number {
  const p = s.parallel;
  const schedule = scheduleById(p.schedule);
  const { min } = schedule.microBatchGrid(p.pp);
  const microBatches = Math.min(s.workload.microBatches, min);
  return schedule.blocks(
    { stages: p.pp, microBatches, virtualStages: p.virtualStages },
    s.workload.mode !== 'training',
  );
}

/** One error, on the field most responsible (the message names the others). */
function over(path: string, value: unknown, allowed: string, message: string): FieldError[] {
  return [{ path, value, allowed, message: `${path}: ${message}` }];
}

/** Errors for a scenario larger than the core evaluates; empty when it is within budget. */
export function budgetErrors(s: Scenario): FieldError[] {
  const p = s.parallel;
  const ranks = p.tp * p.pp * p.dp;
  if (ranks > MAX_RANKS) {
    const largest = p.tp >= p.pp && p.tp >= p.dp ? 'parallel.tp' : p.pp >= p.dp ? 'parallel.pp' : 'parallel.dp';
    return over(
      largest,
      ranks,
      `TP × PP × DP at most ${fmt(MAX_RANKS)}`,
      `TP × PP × DP = ${p.tp} × ${p.pp} × ${p.dp} = ${fmt(ranks)} GPUs, more than the ${fmt(MAX_RANKS)} the explorer evaluates`,
    );
  }
  const perDevice = scheduleById(p.schedule).placement(
    1,
    Math.min(p.virtualStages, MAX_PIPELINE_CHUNKS),
  ).chunksPerDevice;
  const chunks = p.pp * perDevice;
  if (chunks > MAX_PIPELINE_CHUNKS) {
    return over(
      p.virtualStages > p.pp && perDevice > 1 ? 'parallel.virtualStages' : 'parallel.pp',
      chunks,
      `PP × chunks per GPU at most ${fmt(MAX_PIPELINE_CHUNKS)}`,
      `PP ${p.pp} × ${perDevice} chunk${perDevice === 1 ? '' : 's'} per GPU = ${fmt(chunks)} pipeline chunks, more than the ${fmt(MAX_PIPELINE_CHUNKS)} the explorer evaluates`,
    );
  }
  const blocks = smallestSimulatedBlocks(s);
  if (blocks > MAX_SIMULATED_BLOCKS) {
    return over(
      'parallel.pp',
      blocks,
      `at most ${fmt(MAX_SIMULATED_BLOCKS)} simulated blocks`,
      `the ${p.schedule} schedule on PP ${p.pp}${perDevice > 1 ? ` × ${perDevice} chunks` : ''} needs at least ${fmt(blocks)} blocks simulated, more than the ${fmt(MAX_SIMULATED_BLOCKS)} the explorer simulates; fewer stages or virtual stages, or another schedule, fit`,
    );
  }
  return [];
}
