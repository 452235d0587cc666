/**
 * View state: what the user is looking at, kept beside the scenario in the
 * store and in the permalink under `view.` (scenario-format.md, Permalinks).
 */

/** What colours the GPU-grid heatmap. */
export type HeatmapMetric = 'memory' | 'busy' | 'expertLoad' | 'comm';

export const HEATMAP_METRICS: { id: HeatmapMetric; label: string; unit: string; description: string }[] = [
  { id: 'memory', label: 'Memory used / capacity', unit: '%', description: 'Peak memory of the GPU as a share of its capacity' },
  { id: 'busy', label: 'Compute-busy share', unit: '%', description: 'Share of the step the GPU spends computing' },
  { id: 'expertLoad', label: 'Expert load', unit: '× mean', description: 'Tokens its experts process, relative to the mean GPU of its EP group' },
  { id: 'comm', label: 'Exposed communication', unit: 'ms', description: 'TP and EP communication the GPU waits for per step' },
];

export interface ViewState {
  metric: HeatmapMetric;
  /** Selected GPU rank, or null. */
  gpu: number | null;
  /** Gantt zoom window in seconds [start, end], or null for the whole step. */
  zoom: [number, number] | null;
}

export const DEFAULT_VIEW: ViewState = { metric: 'memory', gpu: null, zoom: null };
