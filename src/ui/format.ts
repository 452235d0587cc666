/** Number formatting shared by every view: one place decides units and precision. */
import { format } from 'd3-format';
import { GPU_MEMORY_GB_BYTES } from '../core';
import { BUBBLE_TERMS } from '../core';

/** GPU memory "GB" are binary (core/physics/units.ts). */
const GiB = GPU_MEMORY_GB_BYTES;

/** Bytes as GB (binary, as GPU memory is sized): "11.6 GB". */
export function formatGB(bytes: number, digits = 1): string {
  return `${(bytes / GiB).toFixed(digits)} GB`;
}

/** "1 GPU", "16 GPUs", "1 micro-batch", "8 micro-batches" (counts grouped: "65,536 GPUs"). */
// One formatter each, made once: toLocaleString builds a new one per call, and
// the page formats a few hundred numbers per slider step.
const GROUPED = new Intl.NumberFormat('en-US');
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A number with thousands separators, as `toLocaleString('en-US')` writes it: "65,536", "1.5". */
export function grouped(n: number): string {
  return GROUPED.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${GROUPED.format(n)} ${n === 1 ? one : many}`;
}

/**
 * A number to three significant figures, the model's accuracy (issue 9):
 * "5,860,000", "48.1", "0.0123". Trailing zeros that are significant stay ("22.0").
 */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1000) return WHOLE.format(Number(x.toPrecision(3)));
  return x.toPrecision(3);
}

/** Seconds in the most readable unit, three significant figures: "27.0 ms", "1.42 s", "850 µs". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  const a = Math.abs(s);
  if (a === 0) return '0 s';
  if (a >= 1) return `${sig3(s)} s`;
  // 999.6 ms rounds to 1,000 ms: say 1.00 s instead.
  if (a >= 1e-3) return Number((s * 1e3).toPrecision(3)) >= 1000 ? `${sig3(s)} s` : `${sig3(s * 1e3)} ms`;
  return Number((s * 1e6).toPrecision(3)) >= 1000 ? `${sig3(s * 1e3)} ms` : `${sig3(s * 1e6)} µs`;
}

/**
 * Seconds in the unit `reference` would be shown in, so a list of parts reads
 * in one unit ("0.681 ms · 1.4%" beside "48.1 ms", not "681 µs" beside "0 ms").
 */
export function formatSecondsLike(s: number, reference: number): string {
  if (!Number.isFinite(s)) return '–';
  const r = Math.abs(reference);
  const [scale, unit] = r >= 1 ? [1, 's'] : r >= 1e-3 ? [1e3, 'ms'] : [1e6, 'µs'];
  const v = s * scale;
  if (v === 0) return `0 ${unit}`;
  if (Math.abs(v) < 0.001) return `< 0.001 ${unit}`;
  return `${sig3(v)} ${unit}`;
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
  if (Math.abs(x) >= 1e9) return `${sig3(x / 1e9)}B`;
  if (Math.abs(x) >= 1e6) return `${sig3(x / 1e6)}M`;
  return si(x);
}

/** Tokens per second to three significant figures: "38,000 tokens/s", "5.44M tokens/s". */
export function formatTokensPerSec(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return Math.abs(x) >= 1e6 ? `${sig3(x / 1e6)}M tokens/s` : `${sig3(x)} tokens/s`;
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
