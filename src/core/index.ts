/**
 * The MoE Strategy Explorer's evaluation core: pure TypeScript, no DOM, no
 * React, no worker API. Other tools (worker, CLI, tests) import it here.
 *
 * @example
 *   import { evaluate } from './core';
 *   const e = evaluate({});           // the seed scenario
 *   e.feasible;                        // false: TP×PP×DP = 32 ≠ 16 GPUs
 */
export { evaluate, evaluateScenario, GPU_MEMORY_GB_BYTES } from './evaluate/evaluate';
export { parseScenario, checkStrategy, SCENARIO_VERSION } from './scenario';
export type { ParseResult } from './scenario';
export { DEFAULT_SCENARIO } from './scenario/defaults';
export { FIELDS, fieldByPath } from './scenario/schema';
export { ScenarioError } from './evaluation';
export type * from './evaluation';
export type * from './scenario/types';
export { SCHEDULES, scheduleById, BUBBLE_TERMS } from './pipeline';
export type { PipelineSchedule, ScheduleId } from './pipeline';
