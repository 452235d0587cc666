/**
 * View state: what the user is looking at, kept beside the scenario in the
 * store and in the permalink under `view.` (scenario-format.md, Permalinks).
 */

/** What colours the GPU-grid heatmap. */
import type { Objective } from '../core';
import type { Recompute } from '../core';
import type { SweepParameterId } from '../core';
import { GPU_METRIC_IDS, GPU_METRICS, type GpuMetricDef, type GpuMetricId } from '../core';

export type HeatmapMetric = GpuMetricId;

/** The grid's metrics (the registry in core/metrics/perGpu.ts), in menu order. */
export const HEATMAP_METRICS: readonly GpuMetricDef[] = GPU_METRIC_IDS.map((id) => GPU_METRICS[id]);

/**
 * A strategy search shown on the page (issue 8): its ranking and the user's
 * narrowing. The selected row is the scenario's own strategy.
 */
export interface SearchView {
  objective: Objective;
  /** Largest TP searched, or null for any. */
  tpMax: number | null;
  /** The one schedule searched, or null for every schedule. */
  schedule: string | null;
  /** Most micro-batches searched, or null for any. */
  microBatchesMax: number | null;
  /** Training only: the one recompute setting, ZeRO stage or sequence-parallel choice searched (absent: every one). */
  recompute?: Recompute | null;
  zeroStage?: 0 | 1 | 2 | 3 | null;
  sequenceParallel?: boolean | null;
}

export const DEFAULT_SEARCH: SearchView = {
  objective: 'throughput',
  tpMax: null,
  schedule: null,
  microBatchesMax: null,
};

export interface ViewState {
  metric: HeatmapMetric;
  /** Selected GPU rank, or null. */
  gpu: number | null;
  /** Gantt zoom window in seconds [start, end], or null for the whole step. */
  zoom: [number, number] | null;
  /** The strategy search, when one is open (absent or null: none). */
  search?: SearchView | null;
  /** The guided walk through the document's claims: the step shown, from 1 (absent or null: closed). */
  walk?: number | null;
  /** The metric-against-parameter chart's choice (absent or null: latency against micro-batches). */
  vs?: ParamChartView | null;
}

/** Metrics the metric-against-parameter chart plots (ui/sweep/parameterMetrics.ts describes each). */
export const PARAM_CHART_METRICS = [
  'latency',
  'throughput',
  'mfu',
  'peakMemory',
  'bubble',
  'commOverhead',
  'gpuUtilization',
] as const;
export type ParamChartMetric = (typeof PARAM_CHART_METRICS)[number];

export interface ParamChartView {
  metric: ParamChartMetric;
  parameter: SweepParameterId;
}

export const DEFAULT_PARAM_CHART: ParamChartView = { metric: 'latency', parameter: 'microBatches' };

export const DEFAULT_VIEW: ViewState = { metric: 'memory', gpu: null, zoom: null };
