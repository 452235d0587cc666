/**
 * The headline metrics the metric-vs-parameter chart plots: how to read each
 * from a point, its axis unit, its target (in the plotted unit) and how to
 * print it. Step time and latency are one metric named by the mode.
 */
import type { PointMetrics } from '../../core';
import type { Targets } from '../../core';
import { GPU_MEMORY_GB_BYTES, TARGETS } from '../../core';
import { formatPct, formatTokensPerSec, sig3 } from '../format';

import type { ParamChartMetric } from '../../state/view';

export type ParamMetricId = ParamChartMetric;

export interface ParamMetric {
  id: ParamMetricId;
  label(training: boolean): string;
  /** The plotted value, in the axis unit. */
  value(m: PointMetrics): number;
  /** Axis title with the unit; `max` is the largest plotted value (the time axis picks ms or s from it). */
  axisTitle(training: boolean, max: number): string;
  /** The target in the plotted unit, or null. */
  target(t: Targets, m: PointMetrics): number | null;
  kind: 'max' | 'min';
  /** Full value with its unit, for hover and tables. */
  format(v: number): string;
  /** Tick label; `max` as for the axis title. */
  tick(v: number, max: number): string;
}

const GiB = GPU_MEMORY_GB_BYTES;
const pct = (v: number) => formatPct(v);
const pctTick = (v: number) => `${+v.toFixed(1)}`;
/** Seconds shown in ms below one second, so the axis reads in one unit. */
const inMs = (max: number) => max < 1;

export const PARAM_METRICS: readonly ParamMetric[] = [
  {
    id: 'latency',
    kind: TARGETS.latencyMs.kind,
    label: (training) => (training ? 'Step time' : 'Latency'),
    value: (m) => m.latencySeconds,
    axisTitle: (training, max) => `${training ? 'Step time' : 'Latency'} (${inMs(max) ? 'ms' : 's'})`,
    target: (t) => (t.latencyMs === null ? null : t.latencyMs * TARGETS.latencyMs.math.scale),
    format: (v) => (v < 1 ? `${sig3(v * 1e3)} ms` : `${sig3(v)} s`),
    tick: (v, max) => (inMs(max) ? `${+(v * 1e3).toPrecision(3)}` : `${+v.toPrecision(3)}`),
  },
  {
    id: 'throughput',
    kind: TARGETS.throughputTokensPerSec.kind,
    label: () => 'Throughput',
    value: (m) => m.throughputTokensPerSec,
    axisTitle: (_, max) => (max >= 1e6 ? 'Throughput (million tokens/s)' : 'Throughput (thousand tokens/s)'),
    target: (t) => t.throughputTokensPerSec,
    format: formatTokensPerSec,
    tick: (v, max) => `${+(v / (max >= 1e6 ? 1e6 : 1e3)).toPrecision(3)}`,
  },
  {
    id: 'mfu',
    kind: 'min',
    label: () => 'MFU',
    value: (m) => m.mfu * 100,
    axisTitle: () => 'MFU (% of peak FLOP/s)',
    target: () => null,
    format: pct,
    tick: pctTick,
  },
  {
    id: 'peakMemory',
    kind: TARGETS.memoryPct.kind,
    label: () => 'Peak memory per GPU',
    value: (m) => m.peakMemoryBytes / GiB,
    axisTitle: () => 'Peak memory (GB per GPU)',
    target: (t, m) => (t.memoryPct === null ? null : (m.capacityBytes / GiB) * (t.memoryPct / 100)),
    format: (v) => `${sig3(v)} GB`,
    tick: (v) => `${+v.toPrecision(3)}`,
  },
  {
    id: 'bubble',
    kind: 'max',
    label: () => 'Pipeline bubble',
    value: (m) => m.bubbleFraction * 100,
    axisTitle: () => 'Pipeline bubble (% of the step idle)',
    target: () => null,
    format: pct,
    tick: pctTick,
  },
  {
    id: 'commOverhead',
    kind: TARGETS.commOverheadPct.kind,
    label: () => 'Communication share',
    value: (m) => m.commOverheadPct,
    axisTitle: () => 'Exposed communication (% of compute time)',
    target: (t) => t.commOverheadPct,
    format: pct,
    tick: pctTick,
  },
  {
    id: 'gpuUtilization',
    kind: TARGETS.gpuUtilizationPct.kind,
    label: () => 'GPU utilization',
    value: (m) => m.gpuUtilizationPct,
    axisTitle: () => 'GPU utilization (% of time computing)',
    target: (t) => t.gpuUtilizationPct,
    format: pct,
    tick: pctTick,
  },
];

export function paramMetric(id: string): ParamMetric {
  return PARAM_METRICS.find((m) => m.id === id) ?? PARAM_METRICS[0];
}
