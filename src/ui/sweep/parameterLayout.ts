/**
 * Layout of the metric-vs-parameter chart: a log-2 x axis over the values
 * tried (degrees and lengths double), a linear y axis from zero that
 * includes the target, a point per value that runs, a gap mark on the axis
 * per value that cannot (with its reason), the line broken at gaps. Pure.
 */
import { scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { line } from 'd3-shape';
import type { ParameterPoint, ParameterSweepResult } from '../../core';
import type { PlotFrame } from '../chart/plotFrame';
import type { ParamMetric } from './parameterMetrics';

export interface ParamPointLayout {
  value: number;
  x: number;
  /** Null for a gap. */
  y: number | null;
  metric: number | null;
  point: ParameterPoint;
  /** Runs, but on the wrong side of the target. */
  outside: boolean;
}

export interface ParamLayout extends PlotFrame {
  x: ScaleLogarithmic<number, number>;
  y: ScaleLinear<number, number>;
  path: string;
  points: ParamPointLayout[];
  target: { value: number; y: number } | null;
  current: { value: number; x: number } | null;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** Largest plotted value (the axis unit depends on it). */
  max: number;
}

export interface ParamLayoutOptions {
  width: number;
  height: number;
  target: number | null;
  /** Tick label of a parameter value ("2K" for 2048 tokens). */
  label(v: number): string;
}

const MARGIN = { left: 56, right: 16, top: 28, bottom: 44 };
/** Least room a tick label needs, px (labels of 12 px type). */
const TICK_PX = 34;

export function paramLayout(sweep: ParameterSweepResult, metric: ParamMetric, opts: ParamLayoutOptions): ParamLayout {
  const { width, height, target } = opts;
  const plotLeft = MARGIN.left;
  const plotRight = Math.max(plotLeft + 40, width - MARGIN.right);
  const plotTop = MARGIN.top;
  const plotBottom = Math.max(plotTop + 40, height - MARGIN.bottom);
  const values = sweep.points.map((p) => p.value);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi <= lo) [lo, hi] = [lo / 2, hi * 2];
  // Half a step of room at each end, so end points and their gap marks are not on the frame.
  const pad = Math.min(1.25, Math.pow(hi / lo, 0.04));
  const x = scaleLog().base(2).domain([lo / pad, hi * pad]).range([plotLeft, plotRight]);

  const runs = sweep.points.filter((p) => p.runs && p.metrics);
  const plotted = runs.map((p) => metric.value(p.metrics!)).filter(Number.isFinite);
  const max = Math.max(...plotted, 0);
  const top = Math.max(max, target ?? 0) * 1.08 || 1;
  const y = scaleLinear().domain([0, top]).nice(5).range([plotBottom, plotTop]);

  const points: ParamPointLayout[] = sweep.points.map((p) => {
    const v = p.runs && p.metrics ? metric.value(p.metrics) : null;
    const ok = v !== null && Number.isFinite(v);
    const outside = ok && target !== null && (metric.kind === 'max' ? v > target : v < target);
    return { value: p.value, x: x(p.value), y: ok ? y(v) : null, metric: ok ? v : null, point: p, outside };
  });
  const path = line<ParamPointLayout>().defined((d) => d.y !== null).x((d) => d.x).y((d) => d.y ?? 0)(points) ?? '';

  // Every value tried gets a tick when there is room; otherwise every 2nd, 4th… (the current one always).
  const every = Math.max(1, Math.ceil((values.length * TICK_PX) / Math.max(1, plotRight - plotLeft)));
  const ticks = sweep.points.filter((p, i) => i % every === 0 || p.current);
  const cur = sweep.points.find((p) => p.current);
  return {
    width, height, plotLeft, plotRight, plotTop, plotBottom, x, y, path, points, max,
    target: target === null ? null : { value: target, y: y(target) },
    current: cur ? { value: cur.value, x: x(cur.value) } : null,
    xTicks: ticks.map((p) => ({ x: x(p.value), label: opts.label(p.value) })),
    yTicks: y.ticks(5).map((t) => ({ y: y(t), label: metric.tick(t, max) })),
  };
}
