/**
 * The strategy space of a scenario: every way its constraints allow to split
 * the model over the cluster (tp, pp, dp, ep, etp, micro-batches, schedule,
 * virtual stages; for training also recompute, ZeRO stage and sequence
 * parallelism). Allowed values come from the schema's field definitions and
 * the strategy rules (checkStrategy), so a schedule added to the schema is
 * searched without a change here.
 */
import { budgetErrors } from '../scenario/budget';
import { checkStrategy } from '../scenario/constraints';
import { fieldByPath } from '../scenario/schema';
import type { Recompute, Scenario, Schedule } from '../scenario/types';

/** One strategy: the parallel and workload settings the search varies. */
export interface Strategy {
  tp: number;
  pp: number;
  dp: number;
  ep: number;
  etp: number;
  schedule: Schedule;
  virtualStages: number;
  microBatches: number;
  recompute: Recompute;
  zeroStage: 0 | 1 | 2 | 3;
  sequenceParallel: boolean;
}

/** Inclusive bounds on a degree; either end may be left open. */
export interface Range {
  min?: number;
  max?: number;
}

/**
 * The user's narrowing of the space, as plain data ("tp ≤ 8" is
 * `{ tp: { max: 8 } }`, "1F1B only" is `{ schedules: ['1f1b'] }`).
 * A list restricts a dimension to its members; a range bounds it.
 */
export interface Narrowing {
  tp?: Range;
  pp?: Range;
  dp?: Range;
  ep?: Range;
  etp?: Range;
  microBatches?: Range;
  /** Micro-batch size in sequences (global batch / (dp × micro-batches)). */
  microBatchSize?: Range;
  schedules?: Schedule[];
  /** Candidate virtual stages for the schedules that take them (default 2, 3, 4, 6, 8). */
  virtualStages?: number[];
  recompute?: Recompute[];
  zeroStages?: (0 | 1 | 2 | 3)[];
  sequenceParallel?: boolean[];
}

/** Virtual stages tried by default: Megatron-LM's usual chunk counts. */
export const DEFAULT_VIRTUAL_STAGES: readonly number[] = [2, 3, 4, 6, 8];

const inRange = (x: number, r: Range | undefined) =>
  !r || ((r.min === undefined || x >= r.min) && (r.max === undefined || x <= r.max));

/** Positive divisors of n, ascending. */
export function divisors(n: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let d = 1; d * d <= n; d++) {
    if (n % d !== 0) continue;
    small.push(d);
    if (d * d !== n) large.unshift(n / d);
  }
  return [...small, ...large];
}

/** The allowed values of an enum field, as the schema lists them. */
function enumValues<T extends string>(path: string): T[] {
  return [...(fieldByPath(path)?.values ?? [])] as T[];
}

/** Every schedule the scenario format admits (the schema's enum). */
export function scheduleIds(): Schedule[] {
  return enumValues<Schedule>('parallel.schedule');
}

function zeroStages(): (0 | 1 | 2 | 3)[] {
  const f = fieldByPath('workload.zeroStage');
  const out: (0 | 1 | 2 | 3)[] = [];
  for (let z = f?.min ?? 0; z <= (f?.max ?? 3); z++) out.push(z as 0 | 1 | 2 | 3);
  return out;
}

/** The scenario with one strategy applied: the parallel and workload fields the search varies. */
export function applyStrategy(s: Scenario, st: Strategy): Scenario {
  return {
    ...s,
    parallel: {
      ...s.parallel,
      tp: st.tp,
      pp: st.pp,
      dp: st.dp,
      ep: st.ep,
      etp: st.etp,
      schedule: st.schedule,
      virtualStages: st.virtualStages,
    },
    workload: {
      ...s.workload,
      microBatches: st.microBatches,
      recompute: st.recompute,
      zeroStage: st.zeroStage,
      sequenceParallel: st.sequenceParallel,
    },
  };
}

/** The strategy a scenario currently uses. */
export function strategyOf(s: Scenario): Strategy {
  const { tp, pp, dp, ep, etp, schedule, virtualStages } = s.parallel;
  const { microBatches, recompute, zeroStage, sequenceParallel } = s.workload;
  return { tp, pp, dp, ep, etp, schedule, virtualStages, microBatches, recompute, zeroStage, sequenceParallel };
}

/** Where a strategy sits in the enumeration (forEachStrategy). */
export interface StrategyPlace {
  /** A number unique to the strategy and increasing in enumeration order, the same however the space is split (not dense). */
  id: number;
  /** Its group: the strategies that differ only in the training settings (numbered from 0 among those visited). */
  group: number;
  /** Its unit: the strategies with one TP, PP and EP (numbered from 0 over the whole space). */
  unit: number;
}

/**
 * Calls `visit` with every strategy of the space, in a fixed order (tp, pp,
 * ep, etp, schedule, virtual stages, micro-batches, then the training
 * settings), and with its place, and returns how many were visited.
 * Structural rules are applied while enumerating; the strategy rules
 * (checkStrategy) decide the rest, so every strategy visited has no strategy
 * error: only memory can still make it infeasible. `skipUnit` leaves whole
 * units out unchecked (a worker's share of a pool's search).
 */
export function forEachStrategy(
  s: Scenario,
  narrowing: Narrowing = {},
  visit?: (st: Strategy, place: StrategyPlace) => void,
  skipUnit?: (unit: number) => boolean,
): number {
  const n = narrowing;
  const N = s.hardware.count;
  const training = s.workload.mode === 'training';
  const B = s.workload.globalBatch;
  const moe = s.model.moe;
  const schedules = scheduleIds().filter((id) => !n.schedules || n.schedules.includes(id));
  const vCandidates = [1, ...(n.virtualStages ?? DEFAULT_VIRTUAL_STAGES).filter((v) => v > 1)];
  const recomputes = training
    ? enumValues<Recompute>('workload.recompute').filter((r) => !n.recompute || n.recompute.includes(r))
    : [s.workload.recompute];
  const zeros = training
    ? zeroStages().filter((z) => !n.zeroStages || n.zeroStages.includes(z))
    : [s.workload.zeroStage];
  let count = 0;
  // Strategies that differ only in the training settings form one group (numbered from 0).
  let group = -1;
  // Strategies with the same TP, PP and EP form one unit (numbered from 0): they share
  // rank placements, routing and most layer timings, so a worker given whole units
  // computes each of those once (a pool splits the search by unit).
  let unit = -1;
  // Candidates (before the rule check) numbered over the whole space: ids follow from them.
  let candidate = -1;
  const variants = recomputes.length * zeros.length * 2;
  // One scenario object reused for the rule checks: only the fields the loops set change.
  const probe: Scenario = { ...s, parallel: { ...s.parallel }, workload: { ...s.workload } };
  // Over the core's work budget (evaluate/budget.ts) counts as an error too: such a strategy is never evaluated.
  const hasError = () => checkStrategy(probe).some((v) => v.severity === 'error') || budgetErrors(probe).length > 0;
  for (const tp of divisors(N)) {
    if (!inRange(tp, n.tp)) continue;
    const sps = !training ? [s.workload.sequenceParallel] : tp === 1 ? [false] : [false, true];
    const spList = sps.filter((x) => !n.sequenceParallel || n.sequenceParallel.includes(x));
    for (const pp of divisors(N / tp)) {
      if (!inRange(pp, n.pp) || pp > s.model.layers) continue;
      const dp = N / (tp * pp);
      if (!inRange(dp, n.dp) || B % dp !== 0) continue;
      const eps = moe ? divisors(moe.experts).filter((ep) => (tp * dp) % ep === 0 && inRange(ep, n.ep)) : [1];
      for (const ep of eps) {
        unit++;
        const skip = skipUnit?.(unit) ?? false;
        // Expert TP: whole expert groups must tile the stage; at most the dense TP.
        const etps = moe ? divisors(tp).filter((etp) => ((tp * dp) / ep) % etp === 0 && inRange(etp, n.etp)) : [1];
        for (const etp of etps) {
          for (const schedule of schedules) {
            for (const v of vCandidates) {
              for (const m of divisors(B / dp)) {
                if (!inRange(m, n.microBatches) || !inRange(B / (dp * m), n.microBatchSize)) continue;
                candidate++;
                if (skip) continue;
                Object.assign(probe.parallel, { tp, pp, dp, ep, etp, schedule, virtualStages: v });
                probe.workload.microBatches = m;
                if (hasError()) continue;
                // Counting only: the training settings multiply.
                if (!visit) {
                  count += recomputes.length * zeros.length * spList.length;
                  continue;
                }
                group++;
                let k = 0;
                for (const recompute of recomputes) {
                  for (const zeroStage of zeros) {
                    for (const sequenceParallel of [false, true]) {
                      const id = candidate * variants + k++;
                      if (!spList.includes(sequenceParallel)) continue;
                      count++;
                      visit(
                        {
                          tp,
                          pp,
                          dp,
                          ep,
                          etp,
                          schedule,
                          virtualStages: v,
                          microBatches: m,
                          recompute,
                          zeroStage,
                          sequenceParallel,
                        },
                        { id, group, unit },
                      );
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return count;
}

/** How many strategies the search would evaluate (shown before it runs). */
export function countStrategies(s: Scenario, narrowing: Narrowing = {}): number {
  return forEachStrategy(s, narrowing);
}

/** Every strategy, as a list. */
export function enumerateStrategies(s: Scenario, narrowing: Narrowing = {}): Strategy[] {
  const out: Strategy[] = [];
  forEachStrategy(s, narrowing, (st) => out.push(st));
  return out;
}
