/**
 * A search row into the explorer: the strategy's fields written into the
 * scenario document (the store's replaceDoc path), and the label a row shows.
 */
import type { Scenario } from '../../core';
import { strategyOf, type Strategy } from '../../core';
import { setAtPath, type ScenarioDoc } from '../../state/permalink';

const PATHS: Record<keyof Strategy, string> = {
  tp: 'parallel.tp',
  pp: 'parallel.pp',
  dp: 'parallel.dp',
  ep: 'parallel.ep',
  etp: 'parallel.etp',
  schedule: 'parallel.schedule',
  virtualStages: 'parallel.virtualStages',
  microBatches: 'workload.microBatches',
  recompute: 'workload.recompute',
  zeroStage: 'workload.zeroStage',
  sequenceParallel: 'workload.sequenceParallel',
};

export function docWithStrategy(doc: ScenarioDoc, st: Strategy): ScenarioDoc {
  let next = doc;
  for (const key of Object.keys(PATHS) as (keyof Strategy)[]) next = setAtPath(next, PATHS[key], st[key]);
  return next;
}

export function sameStrategy(a: Strategy, b: Strategy): boolean {
  return (Object.keys(PATHS) as (keyof Strategy)[]).every((k) => a[k] === b[k]);
}

/** The row of the scenario's own strategy, if the search has it. */
export function selectedIdOf(rows: readonly { id: number; strategy: Strategy }[], s: Scenario): number | null {
  const own = strategyOf(s);
  return rows.find((r) => sameStrategy(r.strategy, own))?.id ?? null;
}

/** "TP 2 · PP 4 · DP 2 · EP 8" and the schedule details, short. */
export function strategyLabel(st: Strategy, training: boolean): string {
  const parts = [`TP${st.tp}`, `PP${st.pp}`, `DP${st.dp}`];
  if (st.ep > 1 || st.etp > 1) parts.push(`EP${st.ep}`);
  if (st.etp > 1) parts.push(`ETP${st.etp}`);
  const sched = ` ${st.schedule}${st.virtualStages > 1 ? `×${st.virtualStages}` : ''}`;
  const train = training
    ? ` ${st.recompute === 'none' ? 'no-rc' : st.recompute === 'selective' ? 'sel-rc' : 'full-rc'} Z${st.zeroStage}${st.sequenceParallel ? ' SP' : ''}`
    : '';
  return `${parts.join(' ')} m${st.microBatches}${sched}${train}`;
}
