/** The registries of targets and headline metrics: what each is, its unit, its direction, how to read and print it. */
export { compliance, explainTarget, isTargetId, TARGET_IDS, TARGETS } from './targets';
export type { TargetDef, TargetId } from './targets';
export { METRICS } from './headline';
export type { MetricDef } from './headline';
export { GPU_METRIC_IDS, GPU_METRICS } from './perGpu';
export type { GpuMetricContext, GpuMetricDef, GpuMetricId } from './perGpu';
export {
  BANDED_METRICS,
  describeErrorBand,
  ERROR_BAND_README_ANCHOR,
  errorBandClasses,
  errorBandOf,
  formatErrorBand,
  MIN_BAND_ROWS,
  withinError,
} from './errorBand';
export type { ErrorBand, ServingFigure } from './errorBand';
export { ERROR_BANDS } from './errorBandData';
export type { ErrorBandRow } from './errorBandData';
