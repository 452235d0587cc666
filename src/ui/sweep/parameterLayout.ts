/**
 * Layout of the metric-vs-parameter chart (chart/lineChart.ts): the values
 * tried on the log-2 x axis with half a step of room at each end, a tick per
 * value when there is room, a point per value that runs and a gap (null y)
 * per value that cannot. Pure.
 */
import type { ParameterPoint, ParameterSweepResult } from '../../core';
import { lineChartLayout, valueTicks, type LineChartLayout, type LinePoint } from '../chart/lineChart';
import type { ParamMetric } from './parameterMetrics';

export type ParamLayout = LineChartLayout<ParameterPoint>;
export type ParamPointLayout = LinePoint<ParameterPoint>;

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
  const values = sweep.points.map((p) => p.value);
  const current = sweep.points.find((p) => p.current)?.value ?? null;
  return lineChartLayout({
    width: opts.width,
    height: opts.height,
    margin: MARGIN,
    data: sweep.points,
    at: (p) => p.value,
    value: (p) => (p.runs && p.metrics ? metric.value(p.metrics) : null),
    kind: metric.kind,
    target: opts.target,
    current,
    padEnds: true,
    xTicks: ({ plotWidth }) => valueTicks(values, current, plotWidth, TICK_PX),
    xLabel: opts.label,
    yLabel: (v, max) => metric.tick(v, max),
  });
}
