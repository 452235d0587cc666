/** Pipeline-parallel schedules and their simulator (cost-model.md §6). */
export type { ChunkDurations, SimBlock, TransferEvent, PipelineResult, PipelineOp } from './types';
export type { PipelineInput } from './simulate';
export type {
  PipelineSchedule,
  Placement,
  ScheduleShape,
  TextbookBubble,
  TextbookInput,
  ScheduleViolation,
} from './schedule';
export { simulatePipeline, simulateWithAndWithoutTransfers } from './simulate';
export { analyticBubble } from './bubble';
export type { AnalyticOptions } from './bubble';
export { SCHEDULES, SCHEDULE_IDS, scheduleById, isScheduleId, deviceOps, type ScheduleId } from './registry';
export { BUBBLE_TERMS, BUBBLE_AGREEMENT, type Term } from './glossary';
export { opListText } from './opText';
