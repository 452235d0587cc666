/**
 * The metrics the sweep chart can plot: how to read each from a sweep point,
 * where its target comes from (in the same unit as the value), which side of
 * the target is good, and how to print it.
 */
import { format } from 'd3-format';
import { GPU_MEMORY_GB_BYTES, METRICS, TARGETS } from '../../core';
import type { Evaluation, SweepPoint } from '../../core';
import type { Targets } from '../../core';
import { formatPct, formatSeconds, formatTokensPerSec } from '../format';

export type SweepMetricId = 'latency' | 'throughput' | 'peakMemory' | 'commOverhead' | 'gpuUtilization';

export interface SweepMetric {
  id: SweepMetricId;
  label: string;
  /** Title of the y axis, with the unit when the ticks do not carry it. */
  axisTitle: string;
  /** "max": the value must stay at or under the target; "min": at or over. */
  kind: 'max' | 'min';
  value(p: SweepPoint): number;
  /** The target in the value's unit, or null when none is set. */
  target(targets: Targets, e: Evaluation): number | null;
  format(v: number): string;
  /** Short tick label. */
  tick(v: number): string;
}

/** GPU memory "GB" are binary (core/physics/units.ts). */
const GiB = GPU_MEMORY_GB_BYTES;
const si = format('~s');
const pctTick = (v: number) => `${+v.toFixed(1)}%`;

export const SWEEP_METRICS: readonly SweepMetric[] = [
  {
    id: 'latency',
    label: METRICS.latency.label,
    axisTitle: METRICS.latency.label,
    kind: TARGETS.latencyMs.kind,
    value: (p) => p.latencySeconds,
    target: (t) => (t.latencyMs === null ? null : t.latencyMs * TARGETS.latencyMs.math.scale),
    format: formatSeconds,
    tick: formatSeconds,
  },
  {
    id: 'throughput',
    label: METRICS.throughput.label,
    axisTitle: 'Throughput (tokens/s)',
    kind: TARGETS.throughputTokensPerSec.kind,
    value: (p) => p.throughputTokensPerSec,
    target: (t) => t.throughputTokensPerSec,
    format: formatTokensPerSec,
    tick: (v) => si(v),
  },
  {
    id: 'peakMemory',
    label: 'Peak memory',
    axisTitle: 'Peak memory (GB per GPU)',
    kind: TARGETS.memoryPct.kind,
    // Plotted in GB (binary) so the axis gets round ticks.
    value: (p) => p.peakMemoryBytes / GiB,
    // The memory target is a share of capacity: capacity × memoryPct / 100.
    target: (t, e) => (t.memoryPct === null ? null : (e.memory.capacityBytes / GiB) * (t.memoryPct / 100)),
    format: (v) => `${v.toFixed(1)} GB`,
    tick: (v) => `${+v.toFixed(1)}`,
  },
  {
    id: 'commOverhead',
    label: 'Comm. overhead',
    axisTitle: 'Comm. overhead (% of compute time)',
    kind: TARGETS.commOverheadPct.kind,
    value: (p) => p.commOverheadPct,
    target: (t) => t.commOverheadPct,
    format: (v) => formatPct(v),
    tick: pctTick,
  },
  {
    id: 'gpuUtilization',
    label: METRICS.gpuUtilization.label,
    axisTitle: 'GPU utilization (% of time computing)',
    kind: TARGETS.gpuUtilizationPct.kind,
    value: (p) => p.gpuUtilizationPct,
    target: (t) => t.gpuUtilizationPct,
    format: (v) => formatPct(v),
    tick: pctTick,
  },
];

export function sweepMetric(id: SweepMetricId): SweepMetric {
  return SWEEP_METRICS.find((m) => m.id === id) ?? SWEEP_METRICS[0];
}

/** Sequence lengths as people say them: 2048 → "2K", 10240 → "10K", 500 → "500". */
export function formatTokens(n: number): string {
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024}K`;
  return String(Math.round(n));
}
