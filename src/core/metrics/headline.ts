/**
 * The headline metrics, one entry per "show the math" derivation (MetricId):
 * the headline, the comparison and the charts read their label, direction
 * and value here. A `Record<MetricId, …>`: a derivation without an entry
 * does not compile.
 */
import type { Evaluation } from '../evaluation';
import type { MetricId } from '../explain';
import { BUBBLE_TERMS } from '../pipeline';
import { billions, formatGB, formatPct, formatSeconds, formatTokensPerSec } from '../format/number';

export interface MetricDef {
  /** Also the id of its derivation ("Show the math"). */
  id: MetricId;
  label: string;
  /** The label in a training scenario, where it differs ("Step time"). */
  trainingLabel?: string;
  unit: 's' | 'tokens/s' | '%' | 'bytes' | 'parameters';
  /** Which way the metric improves; null where neither does (a model's size). */
  direction: 'lower' | 'higher' | null;
  value(e: Evaluation): number;
  format(v: number): string;
}

export const METRICS: Record<MetricId, MetricDef> = {
  latency: {
    id: 'latency',
    label: 'Latency',
    trainingLabel: 'Step time',
    unit: 's',
    direction: 'lower',
    value: (e) => e.latencySeconds,
    format: formatSeconds,
  },
  throughput: {
    id: 'throughput',
    label: 'Throughput',
    unit: 'tokens/s',
    direction: 'higher',
    value: (e) => e.throughputTokensPerSec,
    format: formatTokensPerSec,
  },
  mfu: {
    id: 'mfu',
    label: 'MFU',
    unit: '%',
    direction: 'higher',
    value: (e) => e.mfu * 100,
    format: (v) => formatPct(v),
  },
  memory: {
    id: 'memory',
    label: 'Peak memory per GPU',
    unit: 'bytes',
    direction: 'lower',
    value: (e) => e.memory.peakBytes,
    format: (v) => formatGB(v),
  },
  memoryPct: {
    id: 'memoryPct',
    label: 'Memory used / capacity',
    unit: '%',
    direction: 'lower',
    value: (e) => (e.memory.peakBytes / e.memory.capacityBytes) * 100,
    format: (v) => formatPct(v),
  },
  params: {
    id: 'params',
    label: 'Parameters',
    unit: 'parameters',
    direction: null,
    value: (e) => e.params.total,
    format: billions,
  },
  bubble: {
    id: 'bubble',
    label: BUBBLE_TERMS.simulated.label,
    unit: '%',
    direction: 'lower',
    value: (e) => e.pipeline.simulatedBubbleFraction * 100,
    format: (v) => formatPct(v),
  },
  commOverhead: {
    id: 'commOverhead',
    label: 'Comm. overhead (of compute)',
    unit: '%',
    direction: 'lower',
    value: (e) => e.commOverheadPct,
    format: (v) => formatPct(v),
  },
  gpuUtilization: {
    id: 'gpuUtilization',
    label: 'GPU utilization',
    unit: '%',
    direction: 'higher',
    value: (e) => e.gpuUtilizationPct,
    format: (v) => formatPct(v),
  },
  loadBalance: {
    id: 'loadBalance',
    label: 'Load balance',
    unit: '%',
    direction: 'higher',
    value: (e) => e.loadBalancePct,
    format: (v) => formatPct(v),
  },
};
