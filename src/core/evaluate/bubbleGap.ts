/**
 * Why the simulated bubble differs from the textbook one. Both take
 * transfers as free, and every schedule's textbook formula is exact for
 * the simulator with equal stages inside the schedule's rules
 * (pipeline/textbook.test.ts). So a difference has exactly these causes:
 * the stages are not equal, the shape breaks the schedule's rules, or only
 * part of the step was simulated. Transfers never explain it.
 */
import type { BubbleGapReason } from '../evaluation';
import {
  BUBBLE_AGREEMENT,
  type ChunkDurations,
  type PipelineSchedule,
  type Placement,
  type ScheduleShape,
  type TextbookBubble,
} from '../pipeline';

export interface BubbleGapInput {
  schedule: PipelineSchedule;
  shape: ScheduleShape;
  placement: Placement;
  forwardOnly: boolean;
  /** Per virtual stage, what the simulation used. */
  durations: ChunkDurations[];
  textbook: TextbookBubble;
  simulatedFraction: number;
  /** Micro-batches simulated block by block (fewer than m when the rest was extrapolated). */
  simulatedMicroBatches: number;
}

const pctText = (x: number) => `${(100 * x).toFixed(0)}%`;

/** Per micro-batch work of virtual stage j. */
function work(d: ChunkDurations, forwardOnly: boolean): number {
  return forwardOnly ? d.forward : d.forward + d.backwardInput + d.backwardWeight;
}

function stageName(place: Placement, j: number): string {
  return place.chunksPerDevice === 1 ? `stage ${j}` : `virtual stage ${j} (on GPU ${place.deviceOf[j]})`;
}

function unequalStages(input: BubbleGapInput): BubbleGapReason | null {
  const { durations: ds, forwardOnly, placement } = input;
  if (ds.length < 2) return null;
  let slow = 0;
  let fast = 0;
  ds.forEach((d, j) => {
    if (work(d, forwardOnly) > work(ds[slow], forwardOnly)) slow = j;
    if (work(d, forwardOnly) < work(ds[fast], forwardOnly)) fast = j;
  });
  const hi = work(ds[slow], forwardOnly);
  const lo = work(ds[fast], forwardOnly);
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-12);
  if (!same(hi, lo)) {
    const more = lo > 0 ? ` ${pctText(hi / lo - 1)} more time` : ' time';
    return {
      code: 'UNEQUAL_STAGES',
      message: `${stageName(placement, slow)} needs${more} per micro-batch than ${stageName(placement, fast)} (uneven layers, the embedding or the output head); the formula takes every stage at the average, while in the simulation the others wait for the slowest.`,
    };
  }
  if (forwardOnly) return null;
  const split = ds.some(
    (d) =>
      !same(d.forward, ds[0].forward) ||
      !same(d.backwardInput, ds[0].backwardInput) ||
      !same(d.backwardWeight, ds[0].backwardWeight),
  );
  return split
    ? {
        code: 'UNEQUAL_STAGES',
        message:
          'The stages take the same time per micro-batch but split it differently between F, B and W; the formula takes every stage at the average split.',
      }
    : null;
}

/** The reasons, in the order a reader should check them; empty when the two agree. */
export function bubbleGapReasons(input: BubbleGapInput): BubbleGapReason[] {
  const { textbook, simulatedFraction, schedule, shape } = input;
  if (textbook.applies && Math.abs(simulatedFraction - textbook.fraction) <= BUBBLE_AGREEMENT) return [];
  const reasons: BubbleGapReason[] = [];
  const broken = schedule.constraints(shape);
  if (!textbook.applies || broken.length > 0) {
    reasons.push({
      code: 'OUTSIDE_SCHEDULE_RULES',
      message: `This shape breaks ${schedule.label}’s rules (${broken.map((v) => v.code).join(', ') || 'see the violations'}), which its formula assumes${textbook.applies ? '' : '; there is no textbook value'}.`,
    });
  }
  const unequal = unequalStages(input);
  if (unequal) reasons.push(unequal);
  if (input.simulatedMicroBatches < shape.microBatches) {
    reasons.push({
      code: 'PARTLY_EXTRAPOLATED',
      message: `Only the first ${input.simulatedMicroBatches} of ${shape.microBatches} micro-batches were simulated block by block; the rest were added at the slowest GPU’s pace.`,
    });
  }
  if (reasons.length === 0) {
    reasons.push({
      code: 'UNEXPLAINED',
      message:
        'The stages are equal and the shape follows the schedule’s rules, so the two should agree; this is a bug in the explorer.',
    });
  }
  return reasons;
}
