/**
 * Layout of the step-time bar: the named parts of evaluation.time laid end to
 * end. If they fall short of the step, the remainder is drawn as "other" so
 * the bar always equals the step; if they exceed it (work counted in two
 * parts), the bar is scaled to their sum and the excess reported.
 */
import { scaleLinear } from 'd3-scale';
import type { TimeSummary } from '../../core';
import { TIME_OTHER, TIME_PARTS, type TimePartKey } from './palette';

export interface TimeSegment {
  part: TimePartKey;
  label: string;
  color: string;
  description: string;
  seconds: number;
  /** Share of the step, in percent. */
  pct: number;
  x: number;
  width: number;
  /** Whether the percentage fits inside the segment. */
  showLabel: boolean;
}

export interface TimeLayout {
  width: number;
  stepSeconds: number;
  /** Seconds the bar spans: the step, or the parts' sum when that is larger. */
  spanSeconds: number;
  /** Parts' sum beyond the step (0 normally). */
  excessSeconds: number;
  /** Where the step ends on the bar (pixels). */
  stepX: number;
  segments: TimeSegment[];
}

/** Below this share of the step, a difference is float noise, not a part. */
const EPS = 1e-9;
/** Narrowest segment that still gets its percentage printed inside. */
const MIN_LABEL_PX = 34;

export function timeParts(time: TimeSummary): { part: TimePartKey; seconds: number }[] {
  const value: Record<Exclude<TimePartKey, 'other'>, number> = {
    compute: time.computeSeconds,
    tp: time.exposedCommSeconds.tp,
    ep: time.exposedCommSeconds.ep,
    pp: time.exposedCommSeconds.pp,
    dp: time.exposedCommSeconds.dp,
    bubble: time.bubbleSeconds,
    optimizer: time.optimizerSeconds,
  };
  return TIME_PARTS.map((p) => ({ part: p.key, seconds: Math.max(0, value[p.key as Exclude<TimePartKey, 'other'>]) }));
}

export function timeLayout(time: TimeSummary, width: number): TimeLayout {
  const step = Math.max(0, time.stepSeconds);
  const parts = timeParts(time);
  const sum = parts.reduce((a, p) => a + p.seconds, 0);
  const rest = step - sum;
  if (rest > EPS * step) parts.push({ part: 'other', seconds: rest });
  const span = Math.max(step, sum) || 1;
  const x = scaleLinear().domain([0, span]).range([0, width]);
  const defs = new Map([...TIME_PARTS, TIME_OTHER].map((p) => [p.key, p]));
  let acc = 0;
  const segments = parts.map(({ part, seconds }) => {
    const def = defs.get(part) ?? TIME_OTHER;
    const x0 = x(acc);
    acc += seconds;
    const w = x(acc) - x0;
    return {
      part,
      label: def.label,
      color: def.color,
      description: def.description,
      seconds,
      pct: step > 0 ? (seconds / step) * 100 : 0,
      x: x0,
      width: w,
      showLabel: w >= MIN_LABEL_PX,
    };
  });
  return {
    width,
    stepSeconds: step,
    spanSeconds: span,
    excessSeconds: sum - step > EPS * step ? sum - step : 0,
    stepX: x(step),
    segments,
  };
}
