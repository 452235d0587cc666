/**
 * The figures the GPU grid colours each GPU by, one entry each: the grid's
 * values, tooltips, cell text and legend unit, and the permalink's
 * `view.metric`, read this record. Each names the headline metric it breaks
 * down GPU by GPU. Values are kept in base units: memory and busy as
 * fractions of capacity and of the step, expert load as a multiple of the
 * mean, exposed communication in seconds.
 */
import type { GpuEntry } from '../evaluation';
import type { MetricId } from '../explain';
import { formatSeconds } from '../format/number';

export type GpuMetricId = 'memory' | 'busy' | 'expertLoad' | 'comm';

/** What a GPU's value is measured against. */
export interface GpuMetricContext {
  capacityBytes: number;
  stepSeconds: number;
}

export interface GpuMetricDef {
  id: GpuMetricId;
  label: string;
  /** The legend's unit. */
  unit: string;
  description: string;
  /** The headline figure this one breaks down by GPU. */
  headline: MetricId;
  /** The GPU's value, in base units. */
  value(g: GpuEntry, ctx: GpuMetricContext): number;
  /** As the tooltip and screen readers say it. */
  format(v: number): string;
  /** As it fits inside a cell (the unit is on the legend). */
  short(v: number): string;
}

const share = (v: number) => `${(v * 100).toFixed(v * 100 >= 10 ? 0 : 1)}%`;

export const GPU_METRICS: Record<GpuMetricId, GpuMetricDef> = {
  memory: {
    id: 'memory',
    label: 'Memory used / capacity',
    unit: '%',
    description: 'Peak memory of the GPU as a share of its capacity',
    headline: 'memoryPct',
    value: (g, ctx) => (ctx.capacityBytes > 0 ? g.memoryBytes / ctx.capacityBytes : 0),
    format: share,
    short: (v) => `${Math.round(v * 100)}%`,
  },
  busy: {
    id: 'busy',
    label: 'Compute-busy share',
    unit: '%',
    description: 'Share of the step the GPU spends computing',
    headline: 'gpuUtilization',
    value: (g, ctx) => (ctx.stepSeconds > 0 ? g.busySeconds / ctx.stepSeconds : 0),
    format: share,
    short: (v) => `${Math.round(v * 100)}%`,
  },
  expertLoad: {
    id: 'expertLoad',
    label: 'Expert load',
    unit: '× mean',
    description: 'Tokens its experts process, relative to the mean GPU of its EP group',
    headline: 'loadBalance',
    value: (g) => g.expertLoad,
    format: (v) => `${v.toFixed(2)}× mean`,
    short: (v) => v.toFixed(2),
  },
  comm: {
    id: 'comm',
    label: 'Exposed communication',
    unit: 'ms',
    description: 'TP and EP communication the GPU waits for per step',
    headline: 'commOverhead',
    value: (g) => g.exposedCommSeconds,
    format: formatSeconds,
    short: (v) => {
      const ms = v * 1e3;
      return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
    },
  },
};

/** In the order the grid's metric menu lists them. */
export const GPU_METRIC_IDS = Object.keys(GPU_METRICS) as GpuMetricId[];
