/**
 * Layout of a line chart of one metric against a doubling quantity, shared
 * by the sequence-length sweep and the metric-against-a-parameter chart: a
 * log-2 x axis, a linear y axis from zero that always includes the target so
 * its line is on the chart, the line broken where a point has no value, which
 * points miss the target, and the scenario's own x marked. Pure.
 */
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { line } from 'd3-shape';
import type { PlotFrame } from './plotFrame';

export interface LinePoint<D> {
  datum: D;
  /** The point's x value (tokens, a degree…). */
  at: number;
  /** The metric, or null where there is none (the value cannot run, or is not finite). */
  value: number | null;
  x: number;
  /** Null where `value` is. */
  y: number | null;
  /** On the wrong side of the target. */
  outside: boolean;
}

export interface LineChartLayout<D> extends PlotFrame {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLinear<number, number>;
  path: string;
  points: LinePoint<D>[];
  /** The target line; its label goes at the end where the line is farther from the data. */
  target: { value: number; y: number; labelSide: 'start' | 'end' } | null;
  /** The scenario's own x; its label's text anchor puts it on the side of the line with room. */
  current: { at: number; x: number; labelAnchor: 'start' | 'end' } | null;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** Largest plotted value (an axis unit may depend on it). */
  max: number;
}

export interface LineChartOptions<D> {
  width: number;
  height: number;
  margin: { left: number; right: number; top: number; bottom: number };
  data: readonly D[];
  at(d: D): number;
  /** The metric of a datum; null or a non-finite number leaves a gap. */
  value(d: D): number | null;
  /** 'max': values above the target miss it; 'min': values below. */
  kind: 'max' | 'min';
  /** Target in the metric's unit, or null. */
  target: number | null;
  /** The scenario's own x (kept inside the x domain), or null. */
  current: number | null;
  /** Half a step of room at each end, so end points and their marks are not on the frame. */
  padEnds?: boolean;
  /** The x values that get a tick, given the domain's data span and the plot width. */
  xTicks(span: { lo: number; hi: number; plotWidth: number }): number[];
  xLabel(at: number): string;
  yLabel(v: number, max: number): string;
}

export function lineChartLayout<D>(opts: LineChartOptions<D>): LineChartLayout<D> {
  const { width, height, margin, data, target, kind } = opts;
  const plotLeft = margin.left;
  const plotRight = Math.max(plotLeft + 40, width - margin.right);
  const plotTop = margin.top;
  const plotBottom = Math.max(plotTop + 40, height - margin.bottom);

  const ats = data.map(opts.at);
  if (opts.current !== null && opts.current > 0) ats.push(opts.current);
  let lo = Math.min(...ats);
  let hi = Math.max(...ats);
  // A one-value chart still needs a span for a log scale.
  if (hi <= lo) [lo, hi] = [lo / 2, hi * 2];
  const pad = opts.padEnds ? Math.min(1.25, Math.pow(hi / lo, 0.04)) : 1;
  const x = scaleLog()
    .base(2)
    .domain([lo / pad, hi * pad])
    .range([plotLeft, plotRight]);

  const values = data.map((d) => {
    const v = opts.value(d);
    return v !== null && Number.isFinite(v) ? v : null;
  });
  const max = Math.max(...values.filter((v) => v !== null), 0);
  const top = Math.max(max, target ?? 0) * 1.08 || 1;
  const y = scaleLinear().domain([0, top]).nice(5).range([plotBottom, plotTop]);

  const points: LinePoint<D>[] = data.map((datum, i) => {
    const value = values[i];
    const outside = value !== null && target !== null && (kind === 'max' ? value > target : value < target);
    return { datum, at: ats[i], value, x: x(ats[i]), y: value === null ? null : y(value), outside };
  });
  const path =
    line<LinePoint<D>>()
      .defined((d) => d.y !== null)
      .x((d) => d.x)
      .y((d) => d.y ?? 0)(points) ?? '';

  const currentX = opts.current !== null && opts.current > 0 ? x(opts.current) : null;
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
    max,
    target:
      target === null
        ? null
        : { value: target, y: y(target), labelSide: targetLabelSide(points, y(target), plotLeft, plotRight) },
    current:
      currentX === null
        ? null
        : { at: opts.current!, x: currentX, labelAnchor: currentX > (plotLeft + plotRight) / 2 ? 'end' : 'start' },
    xTicks: opts.xTicks({ lo, hi, plotWidth: plotRight - plotLeft }).map((t) => ({ x: x(t), label: opts.xLabel(t) })),
    yTicks: y.ticks(5).map((t) => ({ y: y(t), label: opts.yLabel(t, max) })),
  };
}

/** The current-value label's x and anchor, `gap` px beside its vertical line on the side with room. */
export function besideLine(
  current: { x: number; labelAnchor: 'start' | 'end' },
  gap: number,
): { x: number; textAnchor: 'start' | 'end' } {
  return { x: current.labelAnchor === 'end' ? current.x - gap : current.x + gap, textAnchor: current.labelAnchor };
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

/** Every value tried when there is room for `tickPx` per label; otherwise every 2nd, 4th… and always the current one. */
export function valueTicks(
  values: readonly number[],
  current: number | null,
  plotWidth: number,
  tickPx: number,
): number[] {
  const every = Math.max(1, Math.ceil((values.length * tickPx) / Math.max(1, plotWidth)));
  return values.filter((v, i) => i % every === 0 || v === current);
}

/** Rough width of the target label, to know which points it could cover. */
const TARGET_LABEL_PX = 120;

/**
 * The end of the chart whose points, under the label's span, stay farther
 * from the target line, so the label does not sit on the data.
 */
function targetLabelSide(
  points: LinePoint<unknown>[],
  targetY: number,
  plotLeft: number,
  plotRight: number,
): 'start' | 'end' {
  const clearance = (from: number, to: number) =>
    Math.min(
      Infinity,
      ...points.filter((p) => p.x >= from && p.x <= to && p.y !== null).map((p) => Math.abs(p.y! - targetY)),
    );
  const start = clearance(plotLeft, plotLeft + TARGET_LABEL_PX);
  const end = clearance(plotRight - TARGET_LABEL_PX, plotRight);
  return start > end ? 'start' : 'end';
}
