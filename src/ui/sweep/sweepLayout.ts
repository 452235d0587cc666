/**
 * Layout of the sweep chart (chart/lineChart.ts): sequence lengths on the
 * log-2 x axis with ticks at powers of two, the scenario's own length marked
 * and kept on the axis. Pure.
 */
import type { Sweep } from '../../core';
import { lineChartLayout, powerOfTwoTicks, type LineChartLayout, type LinePoint } from '../chart/lineChart';
import { formatTokens, type SweepMetric } from './metrics';

type SweepPoint = Sweep['points'][number];
export type SweepLayout = LineChartLayout<SweepPoint>;
export type SweepPointLayout = LinePoint<SweepPoint>;

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
  return lineChartLayout({
    width: opts.width,
    height: opts.height,
    margin: MARGIN,
    data: sweep.points,
    at: (p) => p.seqLen,
    value: (p) => metric.value(p),
    kind: metric.kind,
    target: opts.target,
    current: opts.currentSeqLen,
    xTicks: ({ lo, hi, plotWidth }) => powerOfTwoTicks(lo, hi, Math.max(2, Math.floor(plotWidth / 44))),
    xLabel: formatTokens,
    yLabel: (v) => metric.tick(v),
  });
}
