/**
 * A term's value with its unit, for the substituted line and the terms
 * table: four significant figures (one more than the page shows, so a
 * result redone by hand rounds to the displayed one), in a readable scale.
 */
import { GPU_MEMORY_GB_BYTES } from '../physics/units';
import type { Unit } from './types';

/** Four significant figures, grouped, no exponent below 10^15: "1,234", "12.35", "0.01235". */
export function sig4(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e15 || a < 1e-4) {
    const [m, e] = x.toExponential(3).split('e');
    return `${m}×10${superscript(Number(e))}`;
  }
  if (a >= 1000) return Math.round(Number(x.toPrecision(4))).toLocaleString('en-US');
  return String(Number(x.toPrecision(4)));
}

const SUP: Record<string, string> = {
  '-': '⁻',
  0: '⁰',
  1: '¹',
  2: '²',
  3: '³',
  4: '⁴',
  5: '⁵',
  6: '⁶',
  7: '⁷',
  8: '⁸',
  9: '⁹',
};
function superscript(n: number): string {
  return String(n)
    .split('')
    .map((c) => SUP[c] ?? c)
    .join('');
}

/** Exact integers (counts) grouped in full; others to four figures. */
function count(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? x.toLocaleString('en-US') : sig4(x);
}

const SI: [number, string][] = [
  [1e18, 'E'],
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

function withPrefix(x: number, unit: string): string {
  const a = Math.abs(x);
  for (const [scale, prefix] of SI) if (a >= scale) return `${sig4(x / scale)} ${prefix}${unit}`;
  return `${sig4(x)} ${unit}`;
}

/** Seconds in s, ms or µs. */
function seconds(x: number): string {
  const a = Math.abs(x);
  if (a === 0) return '0 s';
  if (a >= 1) return `${sig4(x)} s`;
  if (a >= 1e-3) return `${sig4(x * 1e3)} ms`;
  return `${sig4(x * 1e6)} µs`;
}

export function formatQuantity(value: number, unit: Unit): string {
  switch (unit) {
    case 's':
      return seconds(value);
    // Binary GB, as GPU memory is sized (and as the page shows it).
    case 'bytes':
      return `${sig4(value / GPU_MEMORY_GB_BYTES)} GB`;
    case 'FLOP':
      return withPrefix(value, 'FLOP');
    case 'FLOP/s':
      return withPrefix(value, 'FLOP/s');
    case 'tokens':
      return `${count(value)} tokens`;
    case 'tokens/s':
      return `${sig4(value)} tokens/s`;
    case 'params':
      return `${count(value)}`;
    case 'GPUs':
      return `${count(value)} GPUs`;
    case '%':
      return `${sig4(value)}%`;
    case 'fraction':
      return sig4(value);
    case 'count':
      return count(value);
  }
}

/** The unit as the terms table names it. */
export const UNIT_NAMES: Record<Unit, string> = {
  s: 'seconds',
  bytes: 'GB (2³⁰ bytes)',
  FLOP: 'FLOP',
  'FLOP/s': 'FLOP/s',
  tokens: 'tokens',
  'tokens/s': 'tokens/s',
  params: 'parameters',
  GPUs: 'GPUs',
  '%': 'percent',
  fraction: 'share (0–1)',
  count: 'count',
};
