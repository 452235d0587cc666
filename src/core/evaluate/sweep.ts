/**
 * Metrics across the sequence-length range (cost-model.md §8): attention cost
 * and memory grow with s while targets are single numbers, so the evaluator
 * reports the headline metrics at the ends of `seqLenRange` and between them.
 * The evaluator is passed in (it calls this module, so importing it would
 * make the two modules import each other).
 */
import type { Evaluation, Sweep, SweepPoint } from '../evaluation';
import type { Scenario } from '../scenario/types';

/** Evaluates one scenario without a sweep of its own. */
export type EvaluateAt = (s: Scenario) => Evaluation;

/** Points on a geometric grid from min to max, both included. */
export const SWEEP_POINTS = 7;

export function sweepLengths(min: number, max: number, points = SWEEP_POINTS): number[] {
  if (max <= min) return [min];
  const out: number[] = [];
  for (let i = 0; i < points; i++) {
    const x = Math.round(min * Math.pow(max / min, i / (points - 1)));
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

export function sweepSeqLen(s: Scenario, evaluateAt: EvaluateAt): Sweep | null {
  const range = s.workload.seqLenRange;
  if (!range) return null;
  const points: SweepPoint[] = sweepLengths(range.min, range.max).map((seqLen) => {
    const e = evaluateAt({ ...s, workload: { ...s.workload, seqLen }, claims: null });
    return {
      seqLen,
      latencySeconds: e.latencySeconds,
      throughputTokensPerSec: e.throughputTokensPerSec,
      peakMemoryBytes: e.memory.peakBytes,
      commOverheadPct: e.commOverheadPct,
      gpuUtilizationPct: e.gpuUtilizationPct,
    };
  });
  return { min: points[0], max: points[points.length - 1], points };
}
