/**
 * The strategy search: enumerate the space, check memory first (a strategy
 * that cannot fit is reported from its memory alone), evaluate the rest
 * with the same evaluator the explorer uses (no sweep, no per-GPU list,
 * routing samples shared), rank. A part of the enumeration can be searched
 * on its own, so a pool of workers can share one search.
 */
import type { Evaluation } from '../evaluation';
import { createMemo, evaluateScenario, peakMemory, type EvaluateMemo } from '../evaluate/evaluate';
import type { Scenario } from '../scenario/types';
import { rankRows, type Objective } from './rank';
import { rowOfEvaluation, rowOutOfMemory, type SearchRow } from './rows';
import { applyStrategy, forEachStrategy, strategyOf, type Narrowing, type Strategy } from './space';

export interface SearchOptions {
  narrowing?: Narrowing;
  objective?: Objective;
  /**
   * Search only the strategies whose enumeration unit u (forEachStrategy's:
   * the strategies with one TP, PP and EP) has u % of === index: a worker's
   * share. A unit stays in one worker, where its strategies share rank
   * placements, routing, layer timings, pipeline runs and memory, so no two
   * workers compute the same; consecutive units alternate, so the shares are
   * about even.
   */
  part?: { index: number; of: number };
  /** Skip the time model for strategies that cannot fit in memory (default true). */
  prune?: boolean;
  /** Called every `progressEvery` strategies with the rows found since the last call. */
  onRows?: (rows: SearchRow[], done: number) => void;
  progressEvery?: number;
  /** Polled between strategies; true stops the search early. */
  cancelled?: () => boolean;
}

export interface SearchResult {
  /** Strategies in the space, or in this search's part of it (a pool adds its parts up). */
  enumerated: number;
  /** Strategies this search evaluated with the time model. */
  evaluated: number;
  /** Best first. */
  rows: SearchRow[];
  /** The scenario's own strategy, evaluated in full (it may lie outside the space, e.g. on the wrong GPU count). */
  current: SearchRow;
}

/** The evaluation the table's rows come from (also used by the equivalence test). */
export function fastEvaluate(s: Scenario, memo: EvaluateMemo): Evaluation {
  return evaluateScenario(s, [], { sweep: false, serving: false, perGpu: false, memo });
}

/** One strategy as a row: memory first, then (when it fits or pruning is off) the evaluation. */
export function searchRow(base: Scenario, id: number, st: Strategy, memo: EvaluateMemo, prune = true): SearchRow {
  const s = applyStrategy(base, st);
  if (prune) {
    const peak = peakMemory(s, memo);
    if (peak.peakBytes > peak.capacityBytes) return rowOutOfMemory(id, st, peak, s.targets);
  }
  return rowOfEvaluation(id, st, fastEvaluate(s, memo));
}

export function currentRow(s: Scenario): SearchRow {
  return rowOfEvaluation(-1, strategyOf(s), evaluateScenario(s, [], { sweep: false, serving: false, perGpu: false }));
}

export function runSearch(base: Scenario, options: SearchOptions = {}): SearchResult {
  const { part, onRows, cancelled } = options;
  const every = options.progressEvery ?? 250;
  const memo = createMemo();
  const rows: SearchRow[] = [];
  let pending: SearchRow[] = [];
  let evaluated = 0;
  let done = 0;
  let stop = false;
  let lastGroup = -1;
  const mine = (unit: number) => !part || unit % part.of === part.index;
  const enumerated = forEachStrategy(
    base,
    options.narrowing,
    (st, { id, group }) => {
      done++;
      if (stop) return;
      if (cancelled?.()) {
        stop = true;
        return;
      }
      // Pipeline runs repeat within a group (ZeRO stages share block times) and
      // hardly across groups: keep only the group's, so the memo stays small.
      if (group !== lastGroup) {
        memo.simulations.clear();
        lastGroup = group;
      }
      const row = searchRow(base, id, st, memo, options.prune !== false);
      if (row.timed) evaluated++;
      rows.push(row);
      if (onRows) {
        pending.push(row);
        if (pending.length >= every) {
          onRows(pending, done);
          pending = [];
        }
      }
    },
    (unit) => !mine(unit),
  );
  if (onRows && pending.length) onRows(pending, enumerated);
  return { enumerated, evaluated, rows: rankRows(rows, options.objective ?? 'throughput'), current: currentRow(base) };
}
