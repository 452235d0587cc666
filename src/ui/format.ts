/** Number formatting shared by every view: one place decides units and precision. */
import { format } from 'd3-format';
import { BUBBLE_TERMS, isTargetId, TARGET_IDS, TARGETS } from '../core';

// The shared styles live in the core's format module, so the page, the CLI and
// the core's own prose print a number the same way.
import { formatMs, formatPct, formatTokensPerSec, sig3 } from '../core';
export {
  fixed,
  formatGB,
  formatMs,
  formatPct,
  formatSeconds,
  formatSecondsLike,
  formatTokensPerSec,
  grouped,
  plural,
  sig3,
} from '../core';

const si = format('.3~s');
/** Large counts with SI prefixes: "4.43G" → we prefer "4.43B" for parameters. */
export function formatCount(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (Math.abs(x) >= 1e9) return `${sig3(x / 1e9)}B`;
  if (Math.abs(x) >= 1e6) return `${sig3(x / 1e6)}M`;
  return si(x);
}

/** A value in the unit a target (by the target registry) or a claim uses. */
export function formatMetric(name: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (isTargetId(name)) return TARGETS[name].format(value);
  if (name.endsWith('Ms')) return formatMs(value);
  if (name.endsWith('Pct')) return formatPct(value);
  if (name === 'throughputTokensPerSec') return formatTokensPerSec(value);
  if (name.endsWith('GB')) return `${value.toFixed(1)} GB`;
  if (name === 'totalParams') return formatCount(value);
  return String(+value.toPrecision(4));
}

/** Human label of a metric / target name. */
export const METRIC_LABELS: Record<string, string> = {
  ...Object.fromEntries(TARGET_IDS.map((t) => [t, TARGETS[t].label])),
  memoryPerGpuGB: 'Memory per GPU',
  bubblePct: BUBBLE_TERMS.simulated.label,
  totalParams: 'Total parameters',
};
