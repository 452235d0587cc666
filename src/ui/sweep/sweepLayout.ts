/**
 * Layout of the sweep chart: log-2 x axis in tokens (sequence lengths double),
 * linear y axis from zero that always includes the target so its line is on
 * the chart, the metric's line, and which points miss the target. Pure.
 */
import type { PlotFrame } from '../chart/plotFrame';
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { line } from 'd3-shape';
import type { Sweep } from '../../core';
import { formatTokens, type SweepMetric } from './metrics';

export interface SweepPointLayout {
  seqLen: number;
  value: number;
  x: number;
  y: number;
  /** On the wrong side of the target. */
  outside: boolean;
}

export interface SweepLayout extends PlotFrame {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLinear<number, number>;
  path: string;
  points: SweepPointLayout[];
  /** The target line; its label goes at the end where the line is farther from the data. */
  target: { value: number; y: number; labelSide: 'start' | 'end' } | null;
  current: { seqLen: number; x: number } | null;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
}

export interface SweepLayoutOptions {
  width: number;
  height: number;
  /** Target in the metric's unit, or null. */
  target: number | null;
  /** The scenario's own sequence length, marked on the x axis. */
  currentSeqLen: number | null;
}

const MARGIN = { left: 58, right: 14, top: 24, bottom: 34 };

export function sweepLayout(sweep: Sweep, metric: SweepMetric, opts: SweepLayoutOptions): SweepLayout {
  const { width, height, target, currentSeqLen } = opts;
  const plotLeft = MARGIN.left;
  const plotRight = Math.max(plotLeft + 40, width - MARGIN.right);
  const plotTop = MARGIN.top;
  const plotBottom = Math.max(plotTop + 40, height - MARGIN.bottom);

  const lens = sweep.points.map((p) => p.seqLen);
  if (currentSeqLen !== null && currentSeqLen > 0) lens.push(currentSeqLen);
  let lo = Math.min(...lens);
  let hi = Math.max(...lens);
  // A one-length sweep still needs a span for a log scale.
  if (hi <= lo) [lo, hi] = [lo / 2, hi * 2];
  const x = scaleLog().base(2).domain([lo, hi]).range([plotLeft, plotRight]);

  const values = sweep.points.map((p) => metric.value(p)).filter(Number.isFinite);
  const top = Math.max(...values, target ?? 0, 0) * 1.08 || 1;
  const y = scaleLinear().domain([0, top]).nice(5).range([plotBottom, plotTop]);

  const points = sweep.points.map((p) => {
    const value = metric.value(p);
    const outside = target !== null && Number.isFinite(value) && (metric.kind === 'max' ? value > target : value < target);
    return { seqLen: p.seqLen, value, x: x(p.seqLen), y: y(value), outside };
  });
  const path =
    line<SweepPointLayout>()
      .defined((d) => Number.isFinite(d.value))
      .x((d) => d.x)
      .y((d) => d.y)(points) ?? '';

  return {
    width,
    height,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    x,
    y,
    path,
    points,
    target: target === null ? null : { value: target, y: y(target), labelSide: labelSide(points, y(target), plotLeft, plotRight) },
    current: currentSeqLen !== null && currentSeqLen > 0 ? { seqLen: currentSeqLen, x: x(currentSeqLen) } : null,
    xTicks: powerOfTwoTicks(lo, hi, Math.max(2, Math.floor((plotRight - plotLeft) / 44))).map((t) => ({ x: x(t), label: formatTokens(t) })),
    yTicks: y.ticks(5).map((t) => ({ y: y(t), label: metric.tick(t) })),
  };
}

/** Powers of two in [lo, hi], thinned to at most `max` (every 2nd, 4th… power). */
export function powerOfTwoTicks(lo: number, hi: number, max: number): number[] {
  const first = Math.ceil(Math.log2(lo));
  const last = Math.floor(Math.log2(hi));
  const all: number[] = [];
  for (let k = first; k <= last; k++) all.push(2 ** k);
  const step = Math.max(1, Math.ceil(all.length / max));
  return all.filter((_, i) => i % step === 0);
}

/** Rough width of the target label, to know which points it could cover. */
const TARGET_LABEL_PX = 120;

/**
 * The end of the chart whose points, under the label's span, stay farther
 * from the target line, so the label does not sit on the data.
 */
function labelSide(points: SweepPointLayout[], targetY: number, plotLeft: number, plotRight: number): 'start' | 'end' {
  const clearance = (from: number, to: number) =>
    Math.min(Infinity, ...points.filter((p) => p.x >= from && p.x <= to && Number.isFinite(p.y)).map((p) => Math.abs(p.y - targetY)));
  const start = clearance(plotLeft, plotLeft + TARGET_LABEL_PX);
  const end = clearance(plotRight - TARGET_LABEL_PX, plotRight);
  return start > end ? 'start' : 'end';
}
