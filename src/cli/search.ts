/**
 * `cli search FILE | - | --preset NAME`: every strategy for the scenario's
 * model, cluster, workload and targets, ranked (issue 8). Prints JSON
 * { enumerated, evaluated, seconds, objective, errorBand, tied, current, rows } or, with
 * --csv, the rows as CSV.
 */
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../core';
import { exportRow, OBJECTIVES, rowsToCsv, runSearch, type Narrowing, type Objective } from '../core';
import { describeErrorBand, objectiveBand, tiedIds } from '../core';
import type { CliResult } from './result';

export const SEARCH_USAGE = `options for search:
  --objective throughput|latency|memory|cost   ranking (default throughput)
  --top N                                      print the best N rows only
  --csv                                        rows as CSV instead of JSON
  --narrow JSON                                narrow the space, e.g. '{"tp":{"max":8},"schedules":["1f1b"]}'`;

function optionValue(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

export function searchCommand(args: string[], input: unknown, fail: (message: string) => CliResult): CliResult {
  const objective = (optionValue(args, '--objective') ?? 'throughput') as Objective;
  if (!OBJECTIVES.includes(objective)) return fail(`--objective must be one of ${OBJECTIVES.join(', ')}`);
  const topText = optionValue(args, '--top');
  const top = topText === undefined ? Infinity : Number(topText);
  if (!(top >= 0) || (topText !== undefined && !Number.isInteger(top))) return fail('--top must be a whole number ≥ 0');
  let narrowing: Narrowing = {};
  const narrowText = optionValue(args, '--narrow');
  if (narrowText !== undefined) {
    try {
      narrowing = JSON.parse(narrowText) as Narrowing;
    } catch (err) {
      return fail(`--narrow: not valid JSON: ${(err as Error).message}`);
    }
  }
  const parsed = parseScenario(input);
  if (!parsed.ok)
    return fail(
      parsed.errors
        .slice(0, 20)
        .map((e) => e.message)
        .join('\n'),
    );
  const start = performance.now();
  const result = runSearch(parsed.scenario, { narrowing, objective });
  const seconds = (performance.now() - start) / 1000;
  const rows = result.rows.slice(0, top);
  // Ties are read over every row, so --top cuts the list, not the tie.
  const band = objectiveBand(parsed.scenario, objective);
  const tied = tiedIds(result.rows, objective, band);
  if (args.includes('--csv')) return { code: 0, stdout: rowsToCsv(rows, tied), stderr: '' };
  const out = {
    enumerated: result.enumerated,
    evaluated: result.evaluated,
    seconds: Number(seconds.toFixed(3)),
    objective,
    // The model's error on the ranking figure; rows within it of the best are tiedWithinError.
    errorBand: band ? { ...band, text: describeErrorBand(band) } : null,
    tied: tied.size,
    current: exportRow(parsed.scenario, result.current, 0),
    rows: rows.map((r, i) => exportRow(parsed.scenario, r, i + 1, tied.has(r.id))),
  };
  return { code: 0, stdout: JSON.stringify(out, null, 2) + '\n', stderr: '' };
}
