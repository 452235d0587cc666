/**
 * Ties (issue 14, item 4): strategies whose ranking figure is within the
 * model's error of the best are not told apart by the model. The band is
 * the out-of-sample error of the scenario's class (metrics/errorBand.ts);
 * memory has no band (it is an exact sum), so ranking by memory ties nothing.
 */
import type { Scenario } from '../scenario/types';
import { errorBandOf, withinError, type ErrorBand } from '../metrics/errorBand';
import { compareRows, objectiveValue, type Objective } from './rank';
import type { SearchRow } from './rows';

/** The band that applies to an objective's figure, or null (memory, or no band known). */
export function objectiveBand(s: Scenario, o: Objective): ErrorBand | null {
  return o === 'memory' ? null : errorBandOf(s);
}

/**
 * Ids of the feasible rows whose objective figure is within `band` of the
 * best feasible row's, the best included; empty when nothing else ties with
 * the best (a lone best is not a tie) or there is no band.
 */
export function tiedIds(rows: readonly SearchRow[], o: Objective, band: ErrorBand | null): Set<number> {
  const tied = new Set<number>();
  if (!band) return tied;
  let best: SearchRow | null = null;
  const cmp = compareRows(o);
  for (const r of rows) if (r.feasible && (best === null || cmp(r, best) < 0)) best = r;
  if (!best) return tied;
  const bestValue = objectiveValue(best, o);
  for (const r of rows) if (r.feasible && withinError(objectiveValue(r, o), bestValue, band.pct)) tied.add(r.id);
  return tied.size > 1 ? tied : new Set();
}
