import { describe, expect, it } from 'vitest';
import { runCli } from './main';
import { evaluate, parseScenario } from '../core';
import { applyStrategy, CSV_COLUMNS, runSearch } from '../core';

// These tests run whole searches (thousands of evaluations, about 1 s on a quiet machine): room for a loaded one.
const WHOLE_SEARCH_TIMEOUT_MS = 30_000;

const SMALL = { hardware: { count: 8 }, workload: { globalBatch: 16, seqLenRange: null } };
const stdin = () => JSON.stringify(SMALL);

describe('cli search', { timeout: WHOLE_SEARCH_TIMEOUT_MS }, () => {
  it('prints enumerated, evaluated, seconds and the rows best first, each with parallel and workload settings', () => {
    const r = runCli(['search', '-', '--top', '5'], stdin);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.enumerated).toBeGreaterThan(100);
    expect(out.evaluated).toBeLessThanOrEqual(out.enumerated);
    expect(out.seconds).toBeGreaterThan(0);
    expect(out.rows).toHaveLength(5);
    for (let i = 1; i < 5; i++)
      expect(out.rows[i - 1].metrics.throughputTokensPerSec).toBeGreaterThanOrEqual(
        out.rows[i].metrics.throughputTokensPerSec,
      );
    // A row's settings, evaluated on their own, give the row's metrics.
    const first = out.rows[0];
    expect(first.parallel.tp * first.parallel.pp * first.parallel.dp).toBe(8);
    const e = evaluate({ ...SMALL, parallel: first.parallel, workload: first.workload });
    expect(e.throughputTokensPerSec).toBeCloseTo(first.metrics.throughputTokensPerSec, 6);
    expect(e.memory.peakBytes / 2 ** 30).toBeCloseTo(first.metrics.memoryPerGpuGB, 6);
  });

  it('--objective memory ranks by memory per GPU; --narrow limits the space', () => {
    const out = JSON.parse(
      runCli(['search', '-', '--objective', 'memory', '--narrow', '{"tp":{"max":2},"schedules":["1f1b"]}'], stdin)
        .stdout,
    );
    const mem = out.rows
      .filter((x: { feasible: boolean }) => x.feasible)
      .map((x: { metrics: { memoryPerGpuGB: number } }) => x.metrics.memoryPerGpuGB);
    expect(mem).toEqual([...mem].sort((a, b) => a - b));
    for (const x of out.rows) {
      expect(x.parallel.tp).toBeLessThanOrEqual(2);
      expect(x.parallel.schedule).toBe('1f1b');
    }
  });

  it('names the model error of the ranking figure and marks the rows tied within it, also past --top', () => {
    const out = JSON.parse(runCli(['search', '-', '--top', '3'], stdin).stdout);
    expect(out.errorBand.text).toMatch(/^± [\d.]+% \(.+, \d+ published runs\)$/);
    const best = out.rows[0].metrics.throughputTokensPerSec;
    for (const r of out.rows.filter((x: { feasible: boolean }) => x.feasible))
      expect(r.tiedWithinError).toBe(
        out.tied > 1 && r.metrics.throughputTokensPerSec >= best * (1 - out.errorBand.pct / 100) - 1e-9,
      );
    const memory = JSON.parse(runCli(['search', '-', '--objective', 'memory', '--top', '3'], stdin).stdout);
    expect(memory.errorBand).toBeNull();
    expect(memory.tied).toBe(0);
  });

  it('--csv prints a header and one line per row', () => {
    const r = runCli(['search', '-', '--csv', '--top', '3'], stdin);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].split(',')).toEqual(CSV_COLUMNS.map((c) => c.header));
    expect(lines[1].split(',')[0]).toBe('1');
  });

  it('--preset: the seed document’s strategy is reported as the current one, and it cannot run', () => {
    const out = JSON.parse(runCli(['search', '--preset', 'seed-after', '--top', '1'], stdin).stdout);
    expect(out.current.feasible).toBe(false);
    expect(out.current.violation).toMatch(/32 GPUs, but the cluster has 16/);
    expect(out.rows[0].feasible).toBe(true);
  });

  it('rejects a bad objective or --top with exit 2', () => {
    expect(runCli(['search', '-', '--objective', 'speed'], stdin).code).toBe(2);
    expect(runCli(['search', '-', '--top', '-1'], stdin).code).toBe(2);
  });

  it('the CLI rows are the core search’s rows (what the page’s workers run), in the same order', () => {
    const p = parseScenario(SMALL);
    if (!p.ok) throw new Error('invalid');
    const core = runSearch(p.scenario, { objective: 'latency' });
    const cli = JSON.parse(runCli(['search', '-', '--objective', 'latency'], stdin).stdout);
    expect(cli.rows.map((x: { id: number }) => x.id)).toEqual(core.rows.map((x) => x.id));
    const st = core.rows[3].strategy;
    expect(cli.rows[3].parallel).toEqual(applyStrategy(p.scenario, st).parallel);
  });
});
