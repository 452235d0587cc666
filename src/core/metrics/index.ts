/** The registries of targets and headline metrics: what each is, its unit, its direction, how to read and print it. */
export { compliance, explainTarget, isTargetId, TARGET_IDS, TARGETS } from './targets';
export type { TargetDef, TargetId } from './targets';
export { METRICS } from './headline';
export type { MetricDef } from './headline';
export { GPU_METRIC_IDS, GPU_METRICS } from './perGpu';
export type { GpuMetricContext, GpuMetricDef, GpuMetricId } from './perGpu';
