import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import type { ErrorBand } from '../metrics/errorBand';
import { errorBandOf } from '../metrics/errorBand';
import { rowsToCsv, exportRow, CSV_COLUMNS } from './export';
import { runSearch } from './search';
import type { SearchRow } from './rows';
import { objectiveBand, tiedIds } from './ties';

const band = (pct: number): ErrorBand => ({ key: 'training', label: 'training', pct, rows: 25, wanted: 'training' });

/** A feasible row with the figures the objectives read. */
function row(id: number, throughput: number, feasible = true): SearchRow {
  return {
    id,
    feasible,
    timed: true,
    memoryPerGpuGB: 10,
    latencyMs: 1e6 / throughput,
    throughputTokensPerSec: throughput,
    gpuHoursPerMTokens: 1e6 / throughput,
  } as unknown as SearchRow;
}

describe('tiedIds: strategies within the model error of the best', () => {
  it('ties the rows within the band of the best, the best included, and no others', () => {
    const rows = [row(0, 1000), row(1, 950), row(2, 899), row(3, 905)];
    expect([...tiedIds(rows, 'throughput', band(10))].sort()).toEqual([0, 1, 3]);
  });

  it('the band edge ties: 900 is exactly 10% below 1000; 899.9 is not', () => {
    expect(tiedIds([row(0, 1000), row(1, 900)], 'throughput', band(10)).has(1)).toBe(true);
    expect(tiedIds([row(0, 1000), row(1, 899.9)], 'throughput', band(10)).size).toBe(0);
  });

  it('reads the objective: by latency the best is the fastest step', () => {
    // Latency 1e6 / throughput: 1000 ms, 1050 ms, 1250 ms.
    const rows = [row(0, 1000), row(1, 1000 / 1.05), row(2, 800)];
    expect([...tiedIds(rows, 'latency', band(10))].sort()).toEqual([0, 1]);
  });

  it('a lone best, no band, or rows that cannot run tie nothing', () => {
    expect(tiedIds([row(0, 1000), row(1, 500)], 'throughput', band(10)).size).toBe(0);
    expect(tiedIds([row(0, 1000), row(1, 999)], 'throughput', null).size).toBe(0);
    expect(tiedIds([row(0, 1000), row(1, 999, false)], 'throughput', band(10)).size).toBe(0);
  });

  it('memory is an exact sum: ranking by it has no band', () => {
    const s = parseScenario({});
    if (!s.ok) throw new Error('seed');
    expect(objectiveBand(s.scenario, 'memory')).toBeNull();
    expect(objectiveBand(s.scenario, 'throughput')).toEqual(errorBandOf(s.scenario));
  });
});

// A whole search (thousands of evaluations, about 1 s on a quiet machine): room for a loaded one.
describe('ties in the exports', { timeout: 30_000 }, () => {
  it('the CSV has a tied_within_error column, true for the tied rows', () => {
    const rows = [row(0, 1000), row(1, 950), row(2, 500)];
    const tied = tiedIds(rows, 'throughput', band(10));
    const at = CSV_COLUMNS.findIndex((c) => c.header === 'tied_within_error');
    expect(at).toBeGreaterThan(0);
    // No field before the column holds a comma (the fake rows have no strategy text).
    const lines = rowsToCsv(
      rows.map((r) => ({ ...r, strategy: {}, targets: {}, violation: null }) as unknown as SearchRow),
      tied,
    )
      .trim()
      .split('\n');
    expect(lines.slice(1).map((l) => l.split(',')[at])).toEqual(['true', 'true', 'false']);
  });

  it('a preset where ties exist: the seed scenario ranked by throughput, each tied row within the band of the best', () => {
    const s = parseScenario({});
    if (!s.ok) throw new Error('seed');
    const result = runSearch(s.scenario, { objective: 'throughput' });
    const b = objectiveBand(s.scenario, 'throughput')!;
    const tied = tiedIds(result.rows, 'throughput', b);
    expect(tied.size).toBeGreaterThan(1);
    const best = result.rows[0].throughputTokensPerSec!;
    expect(tied.has(result.rows[0].id)).toBe(true);
    for (const r of result.rows.filter((x) => x.feasible)) {
      const inside = r.throughputTokensPerSec! >= best * (1 - b.pct / 100);
      expect(tied.has(r.id), `row ${r.id}`).toBe(inside);
    }
    const exported = exportRow(s.scenario, result.rows[0], 1, tied.has(result.rows[0].id));
    expect(exported.tiedWithinError).toBe(true);
  });
});
