/** Number formatting shared by every view: one place decides units and precision. */
import { format } from 'd3-format';
import { GPU_MEMORY_GB_BYTES } from '../core/physics/units';
import { BUBBLE_TERMS } from '../core';

/** GPU memory "GB" are binary (core/physics/units.ts). */
const GiB = GPU_MEMORY_GB_BYTES;

/** Bytes as GB (binary, as GPU memory is sized): "11.6 GB". */
export function formatGB(bytes: number, digits = 1): string {
  return `${(bytes / GiB).toFixed(digits)} GB`;
}

/** Seconds in the most readable unit: "27.0 ms", "1.42 s", "850 µs". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  const a = Math.abs(s);
  if (a >= 1) return `${s.toFixed(2)} s`;
  if (a >= 1e-3) return `${(s * 1e3).toFixed(a >= 0.1 ? 0 : 1)} ms`;
  if (a === 0) return '0 ms';
  return `${(s * 1e6).toFixed(0)} µs`;
}

/** Milliseconds given as a number of ms. */
export function formatMs(ms: number): string {
  return formatSeconds(ms / 1e3);
}

export function formatPct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${x.toFixed(digits)}%` : '–';
}

const si = format('.3~s');
/** Large counts with SI prefixes: "4.43G" → we prefer "4.43B" for parameters. */
export function formatCount(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 1e9) return `${(x / 1e9).toFixed(2)}B`;
  if (Math.abs(x) >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  return si(x);
}

const grouped = format(',.0f');
/** Tokens per second: "38,000 tokens/s". */
export function formatTokensPerSec(x: number): string {
  return Number.isFinite(x) ? `${grouped(x)} tokens/s` : '–';
}

/** A value in the unit a target or claim uses. */
export function formatMetric(name: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (name.endsWith('Ms')) return formatMs(value);
  if (name.endsWith('Pct')) return formatPct(value);
  if (name === 'throughputTokensPerSec') return formatTokensPerSec(value);
  if (name.endsWith('GB')) return `${value.toFixed(1)} GB`;
  if (name === 'totalParams') return formatCount(value);
  return String(+value.toPrecision(4));
}

/** Human label of a metric / target name. */
export const METRIC_LABELS: Record<string, string> = {
  latencyMs: 'Latency',
  throughputTokensPerSec: 'Throughput',
  commOverheadPct: 'Comm. overhead (of compute)',
  loadBalancePct: 'Load balance',
  gpuUtilizationPct: 'GPU utilization',
  memoryPct: 'Memory',
  memoryPerGpuGB: 'Memory per GPU',
  bubblePct: BUBBLE_TERMS.simulated.label,
  totalParams: 'Total parameters',
};
