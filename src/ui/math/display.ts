/**
 * A derivation's result and check in the words and precision the page shows
 * them: the same formatter as the headline number or badge it explains, so
 * the value at the end of the math is the one on screen.
 */
import type { Derivation, MetricId } from '../../core';
import { formatCount, formatGB, formatPct, formatSeconds, formatTokensPerSec } from '../format';

const FORMAT: Record<MetricId, (x: number) => string> = {
  latency: formatSeconds,
  throughput: formatTokensPerSec,
  mfu: (x) => formatPct(x),
  memory: (x) => formatGB(x),
  params: formatCount,
  bubble: (x) => formatPct(x),
  commOverhead: (x) => formatPct(x),
  gpuUtilization: (x) => formatPct(x),
  loadBalance: (x) => formatPct(x),
  memoryPct: (x) => formatPct(x),
};

/** The result as the headline or badge shows it: "48.1 ms", "5.44M tokens/s", "11.6 GB". */
export function resultText(d: Derivation): string {
  return FORMAT[d.id](d.result);
}

/** "48.1 ms ≤ 50.0 ms: ✓ pass", or null without a check; "no target set" when the target is off. */
export function checkText(d: Derivation): { text: string; status: 'pass' | 'fail' | 'na' } | null {
  const c = d.check;
  if (!c) return null;
  if (c.limit === null || c.pass === null)
    return { text: `${d.symbol} = ${resultText(d)}: no target set.`, status: 'na' };
  const op = c.kind === 'max' ? '≤' : '≥';
  const limit = FORMAT[d.id](c.limit);
  // Rounded alike, the value and the limit would read as a contradiction ("50.0 ms ≤ 50.0 ms does not hold"): show them to more digits.
  const closer =
    limit === resultText(d) && d.result !== c.limit
      ? ` (to more digits: ${+d.result.toPrecision(6)} against ${+c.limit.toPrecision(6)} ${d.unit})`
      : '';
  return c.pass
    ? { text: `${resultText(d)} ${op} ${limit}${closer}: ✓ pass`, status: 'pass' }
    : { text: `${resultText(d)} ${op} ${limit} does not hold${closer}: ✗ fail`, status: 'fail' };
}
