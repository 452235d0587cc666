/** Pipeline-parallel schedule simulator (cost-model.md §6). */
export type {
  ScheduleName,
  ChunkDurations,
  PipelineInput,
  SimBlock,
  TransferEvent,
  PipelineResult,
  PipelineOp,
} from './types';
export { simulatePipeline } from './simulate';
export { analyticBubble } from './bubble';
export type { AnalyticOptions } from './bubble';
export { deviceOps, opsPerDevice, effectiveChunks } from './schedules';
