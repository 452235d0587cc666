/**
 * Compare (issue 9, item 6): every headline metric of scenario A (pinned)
 * and B (on screen), the change from A to B in the metric's unit and in
 * per cent, and whether that change is better or worse by the metric's
 * direction, told in words as well as colour. Pure, for tests.
 */
import type { Evaluation, MetricDef } from '../../core';
import { METRICS } from '../../core';
import { errorBandOf, formatErrorBand, type ErrorBand, type ServingFigure } from '../../core';
import { formatGB, formatPct, formatSeconds, formatTokensPerSec, plural, sig3 } from '../format';

/** Which way a metric improves. */
export type Direction = 'lower' | 'higher';
export type Verdict = 'better' | 'worse' | 'same' | 'n/a';

export interface MetricDelta {
  id: string;
  label: string;
  direction: Direction;
  /** "lower is better". */
  directionText: string;
  a: number | null;
  b: number | null;
  aText: string;
  bText: string;
  /** B − A in the metric's unit: "−2.19 s", "−43.4 pts", "+1"; "no change"; "" when not comparable. */
  deltaText: string;
  /** (B − A) / |A| × 100, or null (A is zero, or not comparable). */
  pct: number | null;
  pctText: string;
  verdict: Verdict;
  /** The row as one sentence, for screen readers and tooltips. */
  sentence: string;
  /** Set when the change is smaller than the model's error on this figure (issue 14): the band it is within. */
  withinError: ErrorBand | null;
  /** "the difference (3.1%) is smaller than the model's error (± 8.0%, training)", or "". */
  withinErrorText: string;
}

const MINUS = '−';

/** How a metric's values and differences are written. */
type Unit = 'seconds' | 'tokensPerSec' | 'bytes' | 'percent' | 'count' | 'gpuHours' | 'yesNo';

interface DeltaDef {
  id: string;
  label: string;
  direction: Direction;
  unit: Unit;
  value(e: Evaluation): number | null;
  /** The value's text when the unit's own is not enough ("no: 1 error", "3 of 6"). */
  text?(e: Evaluation): string;
  /** Why A's and B's values are not the same quantity (a training step against a serving pass), or absent. */
  unlike?: string;
  /** A predicted time or rate carries the model's error: 'own' the scenario's phase, or a serving figure's. */
  band?: 'own' | ServingFigure;
}

/** What a scenario's time and token count measure: a training step, a prefill pass or a decode run. */
function workOf(e: Evaluation): string {
  const w = e.scenario.workload;
  return w.mode === 'training' ? 'a training step' : w.phase === 'decode' ? 'decoding' : 'a prefill pass';
}

/** GPU-hours per million tokens: the GPUs the strategy occupies for the time a million tokens take (the search's cost objective). */
export function gpuHoursPerMTokens(e: Evaluation): number | null {
  const p = e.scenario.parallel;
  return e.throughputTokensPerSec > 0 ? ((p.tp * p.pp * p.dp) / 3600 / e.throughputTokensPerSec) * 1e6 : null;
}

function targetCounts(e: Evaluation): { met: number; set: number } {
  const set = e.compliance.filter((c) => c.pass !== null);
  return { met: set.filter((c) => c.pass).length, set: set.length };
}

function errorCount(e: Evaluation): number {
  return e.violations.filter((v) => v.severity === 'error').length;
}

function timeLabel(a: Evaluation, b: Evaluation): string {
  const training = [a, b].map((e) => e.scenario.workload.mode === 'training');
  return training[0] && training[1] ? 'Step time' : !training[0] && !training[1] ? 'Latency' : 'Step time / latency';
}

/** How the comparison writes each unit of the metric registry. */
const UNIT_OF: Record<Exclude<MetricDef['unit'], 'parameters'>, Unit> = {
  s: 'seconds',
  'tokens/s': 'tokensPerSec',
  '%': 'percent',
  bytes: 'bytes',
};

/** A headline metric as the registry defines it (core/metrics/headline.ts). */
function headline(
  id:
    | 'latency'
    | 'throughput'
    | 'mfu'
    | 'memory'
    | 'memoryPct'
    | 'bubble'
    | 'commOverhead'
    | 'loadBalance'
    | 'gpuUtilization',
  extra: Partial<DeltaDef> = {},
): DeltaDef {
  const m = METRICS[id];
  return {
    id,
    label: m.label,
    direction: m.direction ?? 'lower',
    unit: UNIT_OF[m.unit as keyof typeof UNIT_OF],
    value: m.value,
    ...extra,
  };
}

function metricDefs(a: Evaluation, b: Evaluation): DeltaDef[] {
  // Time, tokens per second, MFU and cost measure different work when A trains and B serves (or prefill against decode).
  const unlike = workOf(a) === workOf(b) ? undefined : `A measures ${workOf(a)}, B ${workOf(b)}`;
  const defs: DeltaDef[] = [
    headline('latency', { label: timeLabel(a, b), unlike, band: 'own' }),
    headline('throughput', { unlike, band: 'own' }),
    headline('mfu', { unlike, band: 'own' }),
    headline('memory'),
    headline('memoryPct'),
    headline('bubble'),
    headline('commOverhead'),
    {
      id: 'exposedComm',
      label: 'Exposed communication per step',
      direction: 'lower',
      unit: 'seconds',
      value: (e) => {
        const c = e.time.exposedCommSeconds;
        return c.tp + c.ep + c.pp + c.dp;
      },
    },
    {
      id: 'cost',
      label: 'Cost (GPU-hours per million tokens)',
      direction: 'lower',
      unit: 'gpuHours',
      value: gpuHoursPerMTokens,
      unlike,
      band: 'own',
    },
    headline('loadBalance'),
    headline('gpuUtilization'),
  ];
  if (a.serving && b.serving) {
    defs.push(
      {
        id: 'ttft',
        label: 'Time to first token',
        direction: 'lower',
        unit: 'seconds',
        value: (e) => e.serving?.ttftSeconds ?? null,
        band: 'prefill',
      },
      {
        id: 'tpot',
        label: 'Time per output token',
        direction: 'lower',
        unit: 'seconds',
        value: (e) => e.serving?.tpotSeconds ?? null,
        band: 'decode',
      },
    );
  }
  defs.push(
    {
      id: 'feasible',
      label: 'Can run',
      direction: 'higher',
      unit: 'yesNo',
      value: (e) => (e.feasible ? 1 : 0),
      text: (e) => (e.feasible ? 'yes' : `no: ${plural(errorCount(e), 'error')}`),
    },
    {
      id: 'warnings',
      label: 'Warnings',
      direction: 'lower',
      unit: 'count',
      value: (e) => e.violations.length - errorCount(e),
    },
    {
      id: 'targets',
      label: 'Targets met',
      direction: 'higher',
      unit: 'count',
      value: (e) => (targetCounts(e).set === 0 ? null : targetCounts(e).met),
      text: (e) => {
        const { met, set } = targetCounts(e);
        return set === 0 ? 'no targets set' : `${met} of ${set}`;
      },
    },
  );
  return defs;
}

function formatValue(unit: Unit, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  switch (unit) {
    case 'seconds':
      return formatSeconds(v);
    case 'tokensPerSec':
      return formatTokensPerSec(v);
    case 'bytes':
      return formatGB(v);
    case 'percent':
      return formatPct(v);
    case 'gpuHours':
      return `${sig3(v)} GPU·h`;
    case 'count':
      return String(v);
    case 'yesNo':
      return v ? 'yes' : 'no';
  }
}

/** A difference, signed, in the metric's unit; percentages differ by points. */
function formatDifference(unit: Unit, d: number): string {
  const sign = d > 0 ? '+' : d < 0 ? MINUS : '±';
  const m = Math.abs(d);
  switch (unit) {
    case 'percent':
      return `${sign}${m.toFixed(1)} pts`;
    case 'yesNo':
      return d > 0 ? 'B can run; A cannot' : 'A can run; B cannot';
    default:
      return `${sign}${formatValue(unit, m)}`;
  }
}

function formatChange(pct: number): string {
  const sign = pct > 0 ? '+' : pct < 0 ? MINUS : '±';
  const m = Math.abs(pct);
  return `${sign}${m >= 100 ? m.toFixed(0) : m.toFixed(1)}%`;
}

/** One metric's comparison. */
export function metricDelta(
  def: Omit<DeltaDef, 'value' | 'text'>,
  a: number | null,
  b: number | null,
  aText?: string,
  bText?: string,
  band: ErrorBand | null = null,
): MetricDelta {
  const directionText = `${def.direction} is better`;
  const at = aText ?? formatValue(def.unit, a);
  const bt = bText ?? formatValue(def.unit, b);
  const comparable = def.unlike === undefined && a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b);
  let deltaText = '';
  let pct: number | null = null;
  let pctText = '';
  let verdict: Verdict = 'n/a';
  if (comparable) {
    const d = b - a;
    pct = a !== 0 ? (d / Math.abs(a)) * 100 : d === 0 ? 0 : null;
    // A change that rounds to 0.0%, or that the shown values do not show, is no change at the model's
    // accuracy; a share moving by less than the 0.05 points its display resolves neither.
    const same =
      d === 0 || (pct !== null && Math.abs(pct) < 0.05) || at === bt || (def.unit === 'percent' && Math.abs(d) < 0.05);
    if (same) {
      verdict = 'same';
      deltaText = 'no change';
      pctText = '';
      pct = 0;
    } else {
      verdict = (def.direction === 'lower' ? d < 0 : d > 0) ? 'better' : 'worse';
      deltaText = formatDifference(def.unit, d);
      pctText = pct === null || def.unit === 'yesNo' ? '' : formatChange(pct);
      if (def.unit === 'yesNo') pct = null;
    }
  }
  // The verdict stays (the model does predict a difference), but a change smaller than its error is said to be.
  const within = band !== null && pct !== null && verdict !== 'same' && verdict !== 'n/a' && Math.abs(pct) < band.pct;
  const withinErrorText =
    within && pct !== null
      ? `the difference (${formatChange(Math.abs(pct)).slice(1)}) is smaller than the model's error (${formatErrorBand(band.pct)}, ${band.label})`
      : '';
  const change =
    verdict === 'n/a'
      ? def.unlike
        ? `not comparable: ${def.unlike}`
        : 'not comparable'
      : verdict === 'same'
        ? 'no change'
        : `${[deltaText, pctText].filter(Boolean).join(', ')}: B is ${verdict} (${directionText})`;
  return {
    id: def.id,
    label: def.label,
    direction: def.direction,
    directionText,
    a,
    b,
    aText: at,
    bText: bt,
    deltaText,
    pct,
    pctText,
    verdict,
    sentence: `${def.label}: A ${at}, B ${bt}; ${change}${withinErrorText ? `; ${withinErrorText}` : ''}.`,
    withinError: within ? band : null,
    withinErrorText,
  };
}

/** Every headline metric of A and B with the change from A to B. */
export function compareEvaluations(a: Evaluation, b: Evaluation): MetricDelta[] {
  return metricDefs(a, b).map((def) =>
    metricDelta(def, def.value(a), def.value(b), def.text?.(a), def.text?.(b), bandOfPair(def, a, b)),
  );
}

/** The wider of A's and B's bands for a figure: a difference must clear both to be told apart. */
export function bandOfPair(def: Pick<DeltaDef, 'band'>, a: Evaluation, b: Evaluation): ErrorBand | null {
  if (!def.band) return null;
  const figure = def.band === 'own' ? undefined : def.band;
  const [x, y] = [errorBandOf(a, figure), errorBandOf(b, figure)];
  return x && y ? (y.pct > x.pct ? y : x) : (x ?? y);
}

/** "B is better on 7 metrics, worse on 2": the comparison in one line. */
export function compareSummary(rows: readonly MetricDelta[]): string {
  const better = rows.filter((r) => r.verdict === 'better').length;
  const worse = rows.filter((r) => r.verdict === 'worse').length;
  if (better === 0 && worse === 0) return 'A and B score the same on every metric';
  return `B is better than A on ${plural(better, 'metric')} and worse on ${worse}`;
}
