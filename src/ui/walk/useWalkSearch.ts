/**
 * The walk's strategy search: every strategy the rules allow for the
 * scenario's model, cluster and targets, run in the search worker pool while
 * the walk is open, ranked best first when done. Changing only the strategy
 * (loading the one found) does not search again: the space is the same.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Scenario } from '../../core';
import { rankRows, type SearchRow } from '../../core';
import { startSearch } from '../../worker/searchPool';
import type { WalkSearch } from './steps';

/** The scenario without the fields a strategy sets: two scenarios with the same key have the same search space and targets. */
export function spaceKey(s: Scenario): string {
  const parallel = { ...s.parallel, tp: 0, pp: 0, dp: 0, ep: 0, etp: 0, schedule: '', virtualStages: 0 };
  const workload =
    s.workload.mode === 'training'
      ? { ...s.workload, microBatches: 0, recompute: '', zeroStage: 0, sequenceParallel: false }
      : { ...s.workload, microBatches: 0 };
  return JSON.stringify({ ...s, parallel, workload, claims: null });
}

export function useWalkSearch(scenario: Scenario | null, active: boolean): WalkSearch {
  const [state, setState] = useState<WalkSearch & { key?: string }>({ status: 'idle', total: 0 });
  const key = scenario ? spaceKey(scenario) : '';
  // The scenario to search is the one the key was made from (not every later strategy change).
  const target = useMemo(() => scenario, [key]);
  useEffect(() => {
    if (!active || !target) return;
    const rows: SearchRow[] = [];
    setState({ status: 'running', total: 0 });
    const run = startSearch(
      target,
      {},
      {
        onRows: (batch) => {
          rows.push(...batch);
        },
        onDone: (r) => setState({ status: 'done', rows: rankRows(rows, 'throughput'), enumerated: r.enumerated }),
        onError: (message) => setState({ status: 'error', message }),
      },
    );
    return () => run.cancel();
  }, [active, target]);
  return state;
}
