/**
 * The targets a scenario can set (its `targets` block), one entry each:
 * every view that lists targets (badges, compliance, "show the math", the
 * search table and CSV, the walk, the controls, the CLI) reads this record.
 * It is a `Record<keyof Targets, …>`, so a target field without an entry,
 * or an entry without a field, does not compile.
 */
import type { ComplianceEntry, Evaluation } from '../evaluation';
import type { Targets } from '../scenario/types';
import { explainMetric, type Derivation, type MetricId } from '../explain';
import { formatGB, formatMs, formatPct, formatTokensPerSec } from '../format/number';
import { METRICS } from './headline';

export type TargetId = keyof Targets;

export interface TargetDef {
  id: TargetId;
  /** Badge and table label: "Latency". */
  label: string;
  /** The label in a training scenario, where it differs ("Step time"). */
  trainingLabel?: string;
  /** The search CSV's column of this target's verdict. */
  csvHeader: string;
  /** One word for lists of missed targets: "misses latency, comm". */
  short: string;
  /** The target's unit, as the scenario field gives it. */
  unit: 'ms' | '%' | 'tokens/s';
  /** 'max': the figure must stay at or under the limit (lower is better); 'min': at or over. */
  kind: 'max' | 'min';
  /** The figure the target checks, in the target's unit. */
  value(e: Evaluation): number;
  /** A figure or limit in the target's unit, as the page prints it. */
  format(v: number): string;
  /** What the figure is, in one sentence. */
  explanation: string;
  /** Its "show the math" derivation, and the factor from the target's unit to the derivation's (ms → s: 1e-3). */
  math: { id: MetricId; scale: number };
  /** The limit a target starts from when switched on in the controls. */
  defaultLimit: number;
  /** Extra context in other units beside the badge (the GB behind a memory share), or absent. */
  detail?(e: Evaluation): string;
}

/** In the order the badges, the compliance list and the controls show them. */
export const TARGETS: Record<TargetId, TargetDef> = {
  latencyMs: {
    id: 'latencyMs',
    csvHeader: 'meets_latency_target',
    label: METRICS.latency.label,
    trainingLabel: METRICS.latency.trainingLabel,
    short: 'latency',
    unit: 'ms',
    kind: 'max',
    value: (e) => e.latencySeconds * 1e3,
    format: formatMs,
    explanation:
      'Time of one step of the whole batch through every pipeline stage, bubble and exposed communication included.',
    math: { id: 'latency', scale: 1e-3 },
    defaultLimit: 50,
  },
  commOverheadPct: {
    id: 'commOverheadPct',
    csvHeader: 'meets_comm_overhead_target',
    label: METRICS.commOverhead.label,
    short: 'comm',
    unit: '%',
    kind: 'max',
    value: (e) => e.commOverheadPct,
    format: (v) => formatPct(v),
    explanation: 'Communication the GPUs wait for (not hidden behind compute), as a share of compute time.',
    math: { id: 'commOverhead', scale: 1 },
    defaultLimit: 20,
  },
  loadBalancePct: {
    id: 'loadBalancePct',
    csvHeader: 'meets_load_balance_target',
    label: METRICS.loadBalance.label,
    short: 'balance',
    unit: '%',
    kind: 'min',
    value: (e) => e.loadBalancePct,
    format: (v) => formatPct(v),
    explanation: 'Mean expert load per GPU over the busiest GPU’s load.',
    math: { id: 'loadBalance', scale: 1 },
    defaultLimit: 90,
  },
  gpuUtilizationPct: {
    id: 'gpuUtilizationPct',
    csvHeader: 'meets_gpu_utilization_target',
    label: METRICS.gpuUtilization.label,
    short: 'util',
    unit: '%',
    kind: 'min',
    value: (e) => e.gpuUtilizationPct,
    format: (v) => formatPct(v),
    explanation: 'Share of the step the GPUs spend computing, averaged over all GPUs.',
    math: { id: 'gpuUtilization', scale: 1 },
    defaultLimit: 90,
  },
  throughputTokensPerSec: {
    id: 'throughputTokensPerSec',
    csvHeader: 'meets_throughput_target',
    label: METRICS.throughput.label,
    short: 'throughput',
    unit: 'tokens/s',
    kind: 'min',
    value: (e) => e.throughputTokensPerSec,
    format: formatTokensPerSec,
    explanation: 'Tokens processed (or generated, in decode) per second by the whole cluster.',
    math: { id: 'throughput', scale: 1 },
    defaultLimit: 20000,
  },
  memoryPct: {
    id: 'memoryPct',
    csvHeader: 'meets_memory_target',
    label: 'Memory',
    short: 'memory',
    unit: '%',
    kind: 'max',
    value: (e) => (e.memory.peakBytes / e.memory.capacityBytes) * 100,
    format: (v) => formatPct(v),
    explanation: 'Peak memory of the busiest GPU as a share of its capacity.',
    math: { id: 'memoryPct', scale: 1 },
    defaultLimit: 100,
    detail: (e) => `${formatGB(e.memory.peakBytes)} of ${formatGB(e.memory.capacityBytes)}`,
  },
};

/** Every target id, in the record's order. */
export const TARGET_IDS = Object.keys(TARGETS) as TargetId[];

/** Whether a string names a target (a compliance entry's, a claim's). */
export function isTargetId(name: string): name is TargetId {
  return Object.hasOwn(TARGETS, name);
}

/** Pass or fail of each target against the evaluation's own figures; null where none is set or the figure is not finite. */
export function compliance(targets: Targets, e: Evaluation): ComplianceEntry[] {
  return TARGET_IDS.map((target) => {
    const { kind } = TARGETS[target];
    const limit = targets[target];
    const value = TARGETS[target].value(e);
    const pass = limit === null || !Number.isFinite(value) ? null : kind === 'max' ? value <= limit : value >= limit;
    return { target, value, limit, pass, kind };
  });
}

/** A target's derivation: its figure worked out, then compared with the limit. Null for a name that is no target. */
export function explainTarget(e: Evaluation, entry: ComplianceEntry): Derivation | null {
  if (!isTargetId(entry.target)) return null;
  const { math } = TARGETS[entry.target];
  const d = explainMetric(e, math.id);
  return {
    ...d,
    check: {
      target: entry.target,
      kind: entry.kind,
      limit: entry.limit === null ? null : entry.limit * math.scale,
      pass: entry.pass,
    },
  };
}
