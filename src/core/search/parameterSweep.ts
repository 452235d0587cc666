/**
 * A headline metric against one parameter (issue 9, item 4): the scenario
 * evaluated at every candidate value of TP, PP, EP, micro-batches or
 * sequence length, everything else held. Values the strategy rules reject,
 * or that do not fit in memory, come back as gaps with the reason, never
 * dropped.
 *
 * What is held: TP and PP use the cluster's GPUs, so DP adjusts (TP 4 → 2 on
 * 16 GPUs with PP 1 makes DP 4 → 8), as on a fixed cluster; a strategy that
 * asks for more ranks than the cluster has (the seed plan's 32 on 16) is
 * swept on the cluster it names. Only when the other degree does not divide
 * the GPU count are the strategy's own TP × PP × DP ranks kept. EP keeps TP, PP and DP (EP reuses the GPUs of a stage). Micro-batches
 * keep the global batch, so each micro-batch gets smaller. Sequence length keeps
 * the batch in sequences, so a step holds more tokens.
 */
import type { Evaluation } from '../evaluation';
import { ScenarioError } from '../evaluation';
import type { Scenario } from '../scenario/types';
import { checkStrategy } from '../scenario/constraints';
import { budgetErrors } from '../scenario/budget';
import { divisors } from './space';
import { createMemo, evaluateScenario, type EvaluateMemo } from '../evaluate/evaluate';

export type SweepParameterId = 'tp' | 'pp' | 'ep' | 'microBatches' | 'seqLen';

export interface SweepParameter {
  id: SweepParameterId;
  label: string;
  /** Axis title, with the unit. */
  axisTitle: string;
  /** What the sweep holds while this parameter moves, in a sentence. */
  held: string;
}

export const SWEEP_PARAMETERS: readonly SweepParameter[] = [
  {
    id: 'tp',
    label: 'TP',
    axisTitle: 'Tensor-parallel degree TP (GPUs)',
    held: "DP adjusts so TP × PP × DP uses the cluster's GPUs",
  },
  {
    id: 'pp',
    label: 'PP',
    axisTitle: 'Pipeline stages PP',
    held: "DP adjusts so TP × PP × DP uses the cluster's GPUs",
  },
  {
    id: 'ep',
    label: 'EP',
    axisTitle: 'Expert-parallel degree EP (GPUs)',
    held: 'TP, PP and DP held; EP reuses the GPUs of a stage',
  },
  {
    id: 'microBatches',
    label: 'Micro-batches',
    axisTitle: 'Micro-batches per step',
    held: 'the global batch held, so each micro-batch gets smaller',
  },
  {
    id: 'seqLen',
    label: 'Sequence length',
    axisTitle: 'Sequence length (tokens)',
    held: 'the batch in sequences held, so a step holds more tokens',
  },
];

export function sweepParameter(id: SweepParameterId): SweepParameter {
  return SWEEP_PARAMETERS.find((p) => p.id === id) ?? SWEEP_PARAMETERS[0];
}

/** The headline metrics of one point. */
export interface PointMetrics {
  /** Training: step time; inference: latency of the batch. */
  latencySeconds: number;
  throughputTokensPerSec: number;
  /** Model FLOPs utilization, 0–1. */
  mfu: number;
  peakMemoryBytes: number;
  capacityBytes: number;
  /** Simulated pipeline bubble, 0–1. */
  bubbleFraction: number;
  commOverheadPct: number;
  gpuUtilizationPct: number;
}

export interface ParameterPoint {
  value: number;
  /** DP at this point (TP and PP sweeps change it). */
  dp: number;
  /** The strategy rules allow this value (it is in the strategy search's space). */
  allowed: boolean;
  /** It can run: allowed and fits in memory. */
  runs: boolean;
  /** Why it cannot run (the first error), or null. */
  reason: string | null;
  /** Null when the rules stop the evaluation (over the work budget) or the value is not allowed. */
  metrics: PointMetrics | null;
  /** The scenario's own value. */
  current: boolean;
}

export interface ParameterSweepResult {
  parameter: SweepParameterId;
  current: number;
  /** GPUs every point uses: the cluster's for the TP and PP sweeps (gpusOfSweep), TP × PP × DP of the scenario otherwise. */
  gpus: number;
  /** Ascending by value. */
  points: ParameterPoint[];
  /** Why there is nothing to sweep (a dense model has no EP), or null. */
  note: string | null;
}

/** Candidates kept at most, nearest the current value (a GPU count like 720,720 has 240 divisors). */
export const MAX_CANDIDATES = 24;

/** Sequence lengths tried: powers of two from current/16 to current×16 (and the current one). */
const SEQ_SPAN = 16;

/** The scenario's current value of a parameter. */
export function currentValue(s: Scenario, id: SweepParameterId): number {
  switch (id) {
    case 'tp':
      return s.parallel.tp;
    case 'pp':
      return s.parallel.pp;
    case 'ep':
      return s.parallel.ep;
    case 'microBatches':
      return s.workload.microBatches;
    case 'seqLen':
      return s.workload.seqLen;
  }
}

/**
 * GPUs the points of a sweep use: TP and PP fill the cluster when the other
 * degree divides its GPU count; otherwise (and for the other parameters) the
 * ranks the strategy asks for.
 */
export function gpusOfSweep(s: Scenario, id: SweepParameterId): number {
  const { tp, pp, dp } = s.parallel;
  const G = s.hardware.count;
  if (id === 'tp' && G % pp === 0) return G;
  if (id === 'pp' && G % tp === 0) return G;
  return tp * pp * dp;
}

/** The values tried: the natural grid of the parameter around the current value, ascending, current included. */
export function parameterCandidates(s: Scenario, id: SweepParameterId): number[] {
  const { tp, pp, dp } = s.parallel;
  const cur = currentValue(s, id);
  let list: number[];
  switch (id) {
    // DP = GPUs / (TP × PP) must be whole: TP runs over the divisors of GPUs / PP, PP over those of GPUs / TP.
    case 'tp':
      list = divisors(gpusOfSweep(s, 'tp') / pp);
      break;
    case 'pp':
      list = divisors(gpusOfSweep(s, 'pp') / tp);
      break;
    case 'ep':
      list = s.model.moe ? divisors(s.model.moe.experts) : [1];
      break;
    case 'microBatches': {
      const B = s.workload.globalBatch;
      list = divisors(B % dp === 0 ? B / dp : B);
      break;
    }
    case 'seqLen': {
      list = [];
      const lo = Math.max(1, Math.ceil(Math.log2(Math.max(1, cur / SEQ_SPAN))));
      const hi = Math.floor(Math.log2(cur * SEQ_SPAN));
      for (let k = lo; k <= hi; k++) list.push(2 ** k);
      break;
    }
  }
  if (!list.includes(cur)) list.push(cur);
  list.sort((a, b) => a - b);
  return nearest(list, cur, MAX_CANDIDATES);
}

/** The `max` values nearest `cur` on a log scale, ascending. */
function nearest(list: number[], cur: number, max: number): number[] {
  if (list.length <= max) return list;
  const dist = (v: number) => Math.abs(Math.log(v) - Math.log(cur));
  return [...list]
    .sort((a, b) => dist(a) - dist(b) || a - b)
    .slice(0, max)
    .sort((a, b) => a - b);
}

/** The scenario with the parameter set to `value` (and DP adjusted for TP and PP). */
export function withParameter(s: Scenario, id: SweepParameterId, value: number): Scenario {
  switch (id) {
    case 'tp':
      return { ...s, parallel: { ...s.parallel, tp: value, dp: gpusOfSweep(s, 'tp') / (value * s.parallel.pp) } };
    case 'pp':
      return { ...s, parallel: { ...s.parallel, pp: value, dp: gpusOfSweep(s, 'pp') / (s.parallel.tp * value) } };
    case 'ep':
      return { ...s, parallel: { ...s.parallel, ep: value } };
    case 'microBatches':
      return { ...s, workload: { ...s.workload, microBatches: value } };
    case 'seqLen':
      return { ...s, workload: { ...s.workload, seqLen: value } };
  }
}

export function pointMetrics(e: Evaluation): PointMetrics {
  return {
    latencySeconds: e.latencySeconds,
    throughputTokensPerSec: e.throughputTokensPerSec,
    mfu: e.mfu,
    peakMemoryBytes: e.memory.peakBytes,
    capacityBytes: e.memory.capacityBytes,
    bubbleFraction: e.pipeline.simulatedBubbleFraction,
    commOverheadPct: e.commOverheadPct,
    gpuUtilizationPct: e.gpuUtilizationPct,
  };
}

/** Evaluates one point as the search does (no sweep, timeline or per-GPU list; same figures as the page). */
function evaluatePoint(s: Scenario, memo: EvaluateMemo): Evaluation {
  return evaluateScenario(s, [], { sweep: false, serving: false, perGpu: false, timeline: false, memo });
}

/** One point: the rules first (a rejected value is a gap with the rule's words), then the evaluation. */
export function parameterPoint(
  base: Scenario,
  id: SweepParameterId,
  value: number,
  memo: EvaluateMemo = createMemo(),
): ParameterPoint {
  const s = withParameter(base, id, value);
  const dp = s.parallel.dp;
  // The scenario's own point: its value, on its own DP (a TP or PP sweep of a strategy asking for other than the cluster's GPUs has none).
  const current = value === currentValue(base, id) && dp === base.parallel.dp;
  const rule = checkStrategy(s).find((v) => v.severity === 'error');
  const budget = budgetErrors(s)[0];
  if (rule || budget) {
    return {
      value,
      dp,
      allowed: false,
      runs: false,
      reason: rule ? rule.message : budget.message,
      metrics: null,
      current,
    };
  }
  try {
    const e = evaluatePoint(s, memo);
    const error = e.violations.find((v) => v.severity === 'error');
    return {
      value,
      dp,
      allowed: true,
      runs: e.feasible,
      reason: error ? error.message : null,
      metrics: pointMetrics(e),
      current,
    };
  } catch (err) {
    if (err instanceof ScenarioError)
      return { value, dp, allowed: true, runs: false, reason: err.message, metrics: null, current };
    throw err;
  }
}

/** The scenario at every candidate value of one parameter. */
export function parameterSweep(s: Scenario, id: SweepParameterId): ParameterSweepResult {
  const memo = createMemo();
  const note = id === 'ep' && !s.model.moe ? 'The model is dense: it has no experts to spread, so EP stays 1.' : null;
  // One memo for every point, the sequence length's too: its memos key on every input they read (staleMemo.property.test.ts).
  const points = parameterCandidates(s, id).map((v) => parameterPoint(s, id, v, memo));
  return { parameter: id, current: currentValue(s, id), gpus: gpusOfSweep(s, id), points, note };
}
