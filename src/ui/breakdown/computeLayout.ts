/**
 * Layout of the "inside compute" bar: the compute time of the GPU that sets
 * the step, split by kind of work, laid end to end over the full width.
 * Percentages are of the step, as in the step bar above it.
 */
import { scaleLinear } from 'd3-scale';
import type { ComputePartTime } from '../../core';
import { computePart } from './computeParts';
import type { TimeSegment } from './timeLayout';

/** A segment of the compute bar: the step bar's segment shape, keyed by a compute part. */
export type ComputeSegment = Omit<TimeSegment, 'part'> & { part: string };

const MIN_LABEL_PX = 34;

export function computeLayout(parts: readonly ComputePartTime[], stepSeconds: number, width: number): ComputeSegment[] {
  const total = parts.reduce((a, p) => a + p.seconds, 0);
  const x = scaleLinear()
    .domain([0, total || 1])
    .range([0, width]);
  let acc = 0;
  return parts.map((p) => {
    const def = computePart(p.part);
    const x0 = x(acc);
    acc += p.seconds;
    const w = x(acc) - x0;
    return {
      part: p.part,
      label: def.label,
      color: def.color,
      description: def.description,
      seconds: p.seconds,
      pct: stepSeconds > 0 ? (p.seconds / stepSeconds) * 100 : 0,
      x: x0,
      width: w,
      showLabel: w >= MIN_LABEL_PX,
    };
  });
}
