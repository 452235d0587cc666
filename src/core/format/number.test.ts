/** The one number format: three significant figures, and never "NaN" or "Infinity" on screen. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GPU_MEMORY_GB_BYTES } from '../physics/units';
import {
  BYTES_PER_GB,
  billions,
  fixed,
  formatGB,
  formatMs,
  formatPct,
  formatRatio,
  formatSeconds,
  formatSecondsLike,
  formatTokensPerSec,
  grouped,
  NOT_A_NUMBER,
  plural,
  roundSig,
  sig3,
} from './number';

const NON_FINITE = [NaN, Infinity, -Infinity];

describe('sig3', () => {
  it('keeps three significant figures and groups thousands', () => {
    expect(sig3(5_856_659)).toBe('5,860,000');
    expect(sig3(1651.53)).toBe('1,650');
    expect(sig3(48.0713)).toBe('48.1');
    expect(sig3(22)).toBe('22.0');
    expect(sig3(0.012345)).toBe('0.0123');
    expect(sig3(-1651.53)).toBe('-1,650');
    expect(sig3(0)).toBe('0');
  });
  it('groups a value that reaches 1,000 only by rounding', () => {
    expect(sig3(999.6)).toBe('1,000');
  });
});

describe('every formatter', () => {
  const formatters: [string, (x: number) => string][] = [
    ['sig3', sig3],
    ['grouped', grouped],
    ['fixed', (x) => fixed(x, 1)],
    ['formatPct', (x) => formatPct(x)],
    ['formatGB', (x) => formatGB(x)],
    ['formatSeconds', formatSeconds],
    ['formatSecondsLike', (x) => formatSecondsLike(x, 1e-3)],
    ['formatMs', formatMs],
    ['formatTokensPerSec', formatTokensPerSec],
    ['billions', billions],
    ['formatRatio', formatRatio],
  ];
  it.each(formatters)('%s prints a dash, not NaN or Infinity, for a number that is not finite', (_, f) => {
    for (const x of NON_FINITE) expect(f(x)).toBe(NOT_A_NUMBER);
  });
});

describe('units', () => {
  it('writes seconds in the most readable unit, never "1,000 ms"', () => {
    expect(formatSeconds(0.027)).toBe('27.0 ms');
    expect(formatSeconds(1.4234)).toBe('1.42 s');
    expect(formatSeconds(850e-6)).toBe('850 µs');
    expect(formatSeconds(0.9996)).toBe('1.00 s');
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatMs(50)).toBe('50.0 ms');
  });
  it('writes a part in the unit of its whole', () => {
    expect(formatSecondsLike(681e-6, 0.0481)).toBe('0.681 ms');
    expect(formatSecondsLike(1e-9, 0.0481)).toBe('< 0.001 ms');
  });
  it('writes GPU memory in binary GB, the same GB as the physics', () => {
    expect(BYTES_PER_GB).toBe(GPU_MEMORY_GB_BYTES);
    expect(formatGB(11.6 * 2 ** 30)).toBe('11.6 GB');
    expect(formatGB(2 ** 29, 2)).toBe('0.50 GB');
  });
  it('writes the other styles', () => {
    expect(formatPct(48.06)).toBe('48.1%');
    expect(formatTokensPerSec(38_012)).toBe('38,000 tokens/s');
    expect(formatTokensPerSec(5_441_000)).toBe('5.44M tokens/s');
    expect(billions(671e9)).toBe('671B');
    expect(formatRatio(2.414)).toBe('2.41×');
    expect(fixed(1234.56, 1)).toBe('1,234.6');
    expect(grouped(65_536)).toBe('65,536');
    expect(plural(1, 'GPU')).toBe('1 GPU');
    expect(plural(8, 'micro-batch', 'micro-batches')).toBe('8 micro-batches');
    expect(roundSig(0.0123456, 4)).toBe(0.01235);
  });
});

/** Every source file under src, tests and this module left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('one number format', () => {
  const src = join(__dirname, '..', '..');
  const files = sources(src).filter((f) => !f.startsWith(__dirname));
  it('no module outside core/format defines its own sig3 or builds its own Intl.NumberFormat', () => {
    const offenders = files.filter((f) =>
      /\b(function|const|let)\s+sig3\b|new Intl\.NumberFormat\b/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => f.slice(src.length + 1))).toEqual([]);
  });
});
