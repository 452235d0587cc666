/**
 * Show the math (issue 9, item 3): for each headline number and each target,
 * the formula, its values, its terms and its source, computed from the
 * evaluation's own fields. Pure: the page and the tests read the same thing.
 *
 * @example explainMetric(evaluate({}), 'latency').substituted
 */
import type { Evaluation } from '../evaluation';
import { derive } from './derive';
import { explainBubble } from './pipeline';
import { explainMemory, explainMemoryPct, explainParams } from './memory';
import { SOURCES } from './sources';
import { explainCommOverhead, explainGpuUtilization, explainMfu, explainStepTime, explainThroughput } from './time';
import type { Derivation, MetricId } from './types';

export type { Check, Derivation, MetricId, Source, Term, Unit } from './types';
export { evaluateExpr } from './expr';
export { formatQuantity, UNIT_NAMES } from './quantity';

function explainLoadBalance(e: Evaluation): Derivation {
  const r = e.routing;
  const source = [SOURCES.costModel('§7 (mean / max tokens per GPU of the EP group)'), SOURCES.switch];
  if (!r || r.gpuLoad.length === 0) {
    return derive({
      id: 'loadBalance',
      title: 'Load balance',
      symbol: 'LB',
      expr: '100',
      terms: [],
      unit: '%',
      source,
      notes: ['A dense model has no experts: every GPU does the same work, 100% by definition.'],
    });
  }
  const max = Math.max(...r.gpuLoad);
  const mean = r.gpuLoad.reduce((a, b) => a + b, 0) / r.gpuLoad.length;
  return derive({
    id: 'loadBalance',
    title: 'Load balance',
    symbol: 'LB',
    expr: max > 0 ? '100 · n_mean / n_max' : '100',
    terms: [
      {
        symbol: 'n_mean',
        value: mean,
        unit: 'tokens',
        meaning: `Token–expert assignments per GPU of the EP group, averaged over its ${r.gpuLoad.length} GPUs (one sampled micro-batch).`,
      },
      {
        symbol: 'n_max',
        value: max,
        unit: 'tokens',
        meaning: 'Assignments of the busiest GPU: its experts run longest, and the others wait for it.',
      },
    ],
    unit: '%',
    source,
    notes: [
      `Straggler factor n_max / n_mean = ${r.stragglerFactor.toPrecision(4)}: how much longer the slowest GPU’s experts run.`,
    ],
  });
}

const EXPLAIN: Record<MetricId, (e: Evaluation) => Derivation> = {
  latency: explainStepTime,
  throughput: explainThroughput,
  mfu: explainMfu,
  memory: explainMemory,
  params: explainParams,
  bubble: explainBubble,
  commOverhead: explainCommOverhead,
  gpuUtilization: explainGpuUtilization,
  loadBalance: explainLoadBalance,
  memoryPct: explainMemoryPct,
};

export const METRIC_IDS = Object.keys(EXPLAIN) as MetricId[];

/** The derivation of one headline number. */
export function explainMetric(e: Evaluation, id: MetricId): Derivation {
  return EXPLAIN[id](e);
}
