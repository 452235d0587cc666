/**
 * How the explorer writes numbers, for the core's prose (claims audit,
 * assumptions, warnings), the page and the CLI alike. Bottom layer: imports
 * nothing from src, so every layer may read it.
 *
 * Precision is three significant figures, the model's accuracy (issue 9).
 * A number that is not finite (NaN, ±Infinity: a ratio of zero work, a
 * metric not computed) prints as an en dash '–', never 'NaN' or 'Infinity'.
 */

/** What every formatter here prints for a number that is not finite. */
export const NOT_A_NUMBER = '–';

/** Bytes in one GPU-memory "GB": binary, as GPU memory is sized (same as core/physics/units.ts, checked by a test). */
export const BYTES_PER_GB = 2 ** 30;

// Made once: toLocaleString builds a new formatter per call, and the page
// formats a few hundred numbers per slider step.
const GROUPED = new Intl.NumberFormat('en-US');
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const FIXED = new Map<number, Intl.NumberFormat>();

/**
 * A number to three significant figures, grouped in thousands: "5,860,000",
 * "48.1", "0.0123". Trailing zeros that are significant stay ("22.0").
 */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return NOT_A_NUMBER;
  if (x === 0) return '0';
  const r = Number(x.toPrecision(3));
  return Math.abs(r) >= 1000 ? WHOLE.format(r) : x.toPrecision(3);
}

/** A number rounded to at most `digits` significant figures, trailing zeros dropped: 1.5, 12300, 0.0123 (for CSV cells and tick labels). */
export function roundSig(x: number, digits = 3): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(digits)) : x;
}

/** A number with thousands separators, as `toLocaleString('en-US')` writes it: "65,536", "1.5". */
export function grouped(n: number): string {
  return Number.isFinite(n) ? GROUPED.format(n) : NOT_A_NUMBER;
}

/** A number with exactly `digits` decimals, grouped: "1,234.5" (digits 1), "38,001" (digits 0). */
export function fixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return NOT_A_NUMBER;
  let f = FIXED.get(digits);
  if (!f)
    FIXED.set(
      digits,
      (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })),
    );
  return f.format(x);
}

/** "1 GPU", "16 GPUs", "1 micro-batch", "8 micro-batches" (counts grouped: "65,536 GPUs"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

/** A percentage already in per cent, with `digits` decimals: "48.1%". */
export function formatPct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${x.toFixed(digits)}%` : NOT_A_NUMBER;
}

/** Bytes as GB (binary, as GPU memory is sized), `digits` decimals: "11.6 GB". */
export function formatGB(bytes: number, digits = 1): string {
  return Number.isFinite(bytes) ? `${(bytes / BYTES_PER_GB).toFixed(digits)} GB` : NOT_A_NUMBER;
}

/** Seconds in the most readable unit, three significant figures: "27.0 ms", "1.42 s", "850 µs". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return NOT_A_NUMBER;
  const a = Math.abs(s);
  if (a === 0) return '0 s';
  if (a >= 1) return `${sig3(s)} s`;
  // 999.6 ms rounds to 1,000 ms: say 1.00 s instead.
  if (a >= 1e-3) return roundSig(s * 1e3) >= 1000 ? `${sig3(s)} s` : `${sig3(s * 1e3)} ms`;
  return roundSig(s * 1e6) >= 1000 ? `${sig3(s * 1e3)} ms` : `${sig3(s * 1e6)} µs`;
}

/**
 * Seconds in the unit `reference` would be shown in, so a list of parts reads
 * in one unit ("0.681 ms · 1.4%" beside "48.1 ms", not "681 µs" beside "0 ms").
 */
export function formatSecondsLike(s: number, reference: number): string {
  if (!Number.isFinite(s)) return NOT_A_NUMBER;
  const r = Math.abs(reference);
  const [scale, unit] = r >= 1 ? [1, 's'] : r >= 1e-3 ? [1e3, 'ms'] : [1e6, 'µs'];
  const v = s * scale;
  if (v === 0) return `0 ${unit}`;
  if (Math.abs(v) < 0.001) return `< 0.001 ${unit}`;
  return `${sig3(v)} ${unit}`;
}

/** Milliseconds given as a number of ms: "50.0 ms". */
export function formatMs(ms: number): string {
  return formatSeconds(ms / 1e3);
}

/** Tokens per second to three significant figures: "38,000 tokens/s", "5.44M tokens/s". */
export function formatTokensPerSec(x: number): string {
  if (!Number.isFinite(x)) return NOT_A_NUMBER;
  return Math.abs(x) >= 1e6 ? `${sig3(x / 1e6)}M tokens/s` : `${sig3(x)} tokens/s`;
}

/** Billions as people say parameter counts: "671B"; smaller numbers as `sig3` does. */
export function billions(x: number): string {
  return Number.isFinite(x) && Math.abs(x) >= 1e9 ? `${sig3(x / 1e9)}B` : sig3(x);
}

/** A ratio: "2.41×". */
export function formatRatio(x: number): string {
  return Number.isFinite(x) ? `${sig3(x)}×` : NOT_A_NUMBER;
}
