/**
 * Every pipeline schedule the explorer knows, in menu order. The scenario
 * schema's enum, memory, the step simulation, the assumptions and every UI
 * label read this list; a new schedule is one file in schedules/, its tests
 * and one line here.
 */
import { unpackOp } from './ops';
import type { PipelineSchedule } from './schedule';
import type { PipelineOp } from './types';
import { gpipe } from './schedules/gpipe';
import { oneFOneB } from './schedules/oneFOneB';
import { interleaved1F1B } from './schedules/interleaved1F1B';
import { zbH1 } from './schedules/zbH1';
import { zbV } from './schedules/zbV';
import { dualPipe } from './schedules/dualPipe';

export const SCHEDULES = [gpipe, oneFOneB, interleaved1F1B, zbH1, zbV, dualPipe] as const;

/** The schedule ids of the scenario format ("parallel.schedule"), defined by the list above. */
export type ScheduleId = (typeof SCHEDULES)[number]['id'];

export const SCHEDULE_IDS: readonly ScheduleId[] = SCHEDULES.map((s) => s.id);

const BY_ID = new Map<string, PipelineSchedule<ScheduleId>>(SCHEDULES.map((s) => [s.id, s]));

export function isScheduleId(id: string): id is ScheduleId {
  return BY_ID.has(id);
}

/** The schedule with this id; throws on an unknown id (the parser admits only SCHEDULE_IDS). */
export function scheduleById(id: string): PipelineSchedule<ScheduleId> {
  const s = BY_ID.get(id);
  if (!s) throw new RangeError(`unknown pipeline schedule "${id}"; known: ${SCHEDULE_IDS.join(', ')}`);
  return s;
}

/** Readable op lists of a schedule (tests and teaching). */
export function deviceOps(
  id: ScheduleId,
  P: number,
  m: number,
  virtualStages: number,
  forwardOnly: boolean,
): PipelineOp[][] {
  const s = scheduleById(id);
  const v = s.chunksPerDevice(virtualStages);
  return s
    .deviceOrders({ stages: P, microBatches: m, virtualStages }, forwardOnly)
    .map((ops) => Array.from(ops, (c) => unpackOp(c, v)));
}
