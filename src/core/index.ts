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
export {
  parseScenario,
  checkStrategy,
  SCENARIO_VERSION,
  MIGRATIONS,
  migrateDocument,
  VERSION_WHEN_ABSENT,
} from './scenario';
export type { Migration, RawDocument } from './scenario';
export type { ParseResult } from './scenario';
export { DEFAULT_SCENARIO } from './scenario/defaults';
export { FIELDS, fieldByPath } from './scenario/schema';
export { ScenarioError } from './evaluation';
export type * from './evaluation';
export type * from './scenario/types';
export { SCHEDULES, scheduleById, BUBBLE_TERMS } from './pipeline';
export type { PipelineSchedule, ScheduleId } from './pipeline';

// The scenario's schema, read by the controls, the permalink and the CLI.
export { objectByPath, OBJECTS, describeAllowed } from './scenario';
export type { FieldDef } from './scenario';
export { MAX_DRAWN_BLOCKS } from './scenario/budget';
// The engine switches' effective values: explicit, or the framework's default.
export { FRAMEWORK_SWITCHES, frameworkSwitches, withFrameworkDefaults } from './scenario';
export { FRAMEWORKS, FRAMEWORK_IDS } from './catalog/frameworks';
// Where each rank sits (the GPU grid draws these groups).
export { layoutRanks, streamedSpans, worstGroupSpan, groupsOf, groupKey } from './comm/layout';
export type { GroupKind, LayoutInput } from './comm/layout';
export { simulatePipeline } from './pipeline';
// Strategy search and the one-parameter sweep.
export {
  applyStrategy,
  CSV_COLUMNS,
  runSearch,
  exportRow,
  OBJECTIVES,
  rowsToCsv,
  strategyOf,
  rankRows,
  countStrategies,
  bestIds,
  scheduleIds,
  objectiveBand,
  tiedIds,
} from './search';
export type { Narrowing, Objective, SearchRow, TargetName, Strategy } from './search';
export { SWEEP_PARAMETERS, sweepParameter, parameterSweep } from './search/parameterSweep';
export type { SweepParameterId, ParameterSweepResult, ParameterPoint, PointMetrics } from './search/parameterSweep';
// A Hugging Face config.json read into a model.
export { modelFromHfConfig, modelFromHfConfigText } from './hfconfig';
export type { HfConfigResult, UsedKey } from './hfconfig';
// "Show the math" and the claims audit's words.
export { formatQuantity, UNIT_NAMES, explainMetric } from './explain';
export { explainTarget, GPU_METRIC_IDS, GPU_METRICS, isTargetId, METRICS, TARGET_IDS, TARGETS } from './metrics';
export type { GpuMetricContext, GpuMetricDef, GpuMetricId, MetricDef, TargetDef, TargetId } from './metrics';
// The model's error per class of run (issue 14): the band each predicted figure shows, and the search's ties.
export {
  BANDED_METRICS,
  describeErrorBand,
  ERROR_BAND_README_ANCHOR,
  ERROR_BANDS,
  errorBandClasses,
  errorBandOf,
  formatErrorBand,
  MIN_BAND_ROWS,
  withinError,
} from './metrics';
export type { ErrorBand, ErrorBandRow, ServingFigure } from './metrics';
export type { Derivation, MetricId } from './explain';
export { describeGap } from './evaluate/claimReasons';
// How numbers are written, everywhere (core prose, page, CLI).
export {
  BYTES_PER_GB,
  NOT_A_NUMBER,
  billions,
  fixed,
  formatGB,
  formatMs,
  formatPct,
  formatRatio,
  formatSeconds,
  formatSecondsLike,
  formatTokensPerSec,
  grouped,
  plural,
  roundSig,
  sig3,
} from './format/number';
export { csvField, formulaSafe } from './format/csv';
// The GPU and model catalogues (datasheets and published configurations).
export { GPU_PRESETS, gpuPreset } from './catalog/gpus';
export type { GpuPreset } from './catalog/gpus';
export { MODEL_PRESETS, modelPreset } from './catalog/models';
export type { ModelPreset } from './catalog/models';
export { GENERATION_EFFICIENCY } from './catalog/efficiency';
export type { GenerationEfficiency, GpuGeneration } from './catalog/efficiency';
