/**
 * Each heatmap metric's colour scale and legend; what it measures and how its
 * values read come from the per-GPU metric registry (core/metrics/perGpu.ts).
 */
import { scaleLinear, scaleSequential } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { GPU_METRICS, type GpuEntry, type GpuMetricContext } from '../../core';
import type { HeatmapMetric } from '../../state/view';
import { formatGB } from '../format';

export type MetricContext = GpuMetricContext;

/** Fill of cells whose metric does not apply (dense model, expert load). */
export const NA_FILL = 'var(--na-bg)';
/** Fill of ranks without a GPU (drawn hatched on top). */
export const MISSING_FILL = 'var(--panel)';
/** Hatch strokes of missing GPUs and the outline of over-capacity cells. */
export const MISSING_HATCH = 'var(--text-muted)';
export const ALARM_STROKE = 'var(--fail)';

/** Viridis: perceptually uniform, readable with every common colour-vision deficiency and in greyscale. */
export const INTERPOLATOR = interpolateViridis;

export function metricValue(g: GpuEntry, metric: HeatmapMetric, ctx: MetricContext): number {
  return GPU_METRICS[metric].value(g, ctx);
}

/** The value as the tooltip and screen readers say it. */
export function formatValue(metric: HeatmapMetric, v: number): string {
  return GPU_METRICS[metric].format(v);
}

/** The value as it fits inside a cell (the unit is on the legend). */
export function shortValue(metric: HeatmapMetric, v: number): string {
  return GPU_METRICS[metric].short(v);
}

/**
 * Colour domain. Shares of capacity and of the step are pinned to 0–100% so
 * colours mean the same in every scenario (memory over 100% clamps and is
 * flagged separately). Expert load spans at least 0.9–1.1× around the mean
 * so sampling noise of ±2% does not look like a hot spot. Comm starts at 0.
 */
export function metricDomain(metric: HeatmapMetric, values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 0;
  }
  switch (metric) {
    case 'memory':
    case 'busy':
      return [0, 1];
    case 'expertLoad': {
      const d = scaleLinear()
        .domain([Math.min(0.9, lo), Math.max(1.1, hi)])
        .nice(4)
        .domain();
      return [d[0], d[1]];
    }
    case 'comm': {
      // Nice in milliseconds, the unit the legend shows.
      const top =
        hi > 0
          ? scaleLinear()
              .domain([0, hi * 1e3])
              .nice(4)
              .domain()[1] / 1e3
          : 1e-3;
      return [0, top];
    }
  }
}

export interface LegendTick {
  value: number;
  label: string;
  /** Position along the legend bar, 0 (left) to 1 (right). */
  offset: number;
}

export function legendTicks(metric: HeatmapMetric, domain: [number, number]): LegendTick[] {
  const [d0, d1] = domain;
  const span = d1 - d0 || 1;
  let values: number[];
  let label: (v: number) => string;
  if (metric === 'memory' || metric === 'busy') {
    values = [0, 0.25, 0.5, 0.75, 1];
    label = (v) => `${Math.round(v * 100)}`;
  } else if (metric === 'comm') {
    const s = scaleLinear().domain([d0 * 1e3, d1 * 1e3]);
    const fmt = s.tickFormat(4);
    values = s.ticks(4).map((ms) => ms / 1e3);
    label = (v) => fmt(v * 1e3);
  } else {
    const s = scaleLinear().domain(domain);
    const fmt = s.tickFormat(4);
    values = s.ticks(4);
    label = (v) => fmt(v);
  }
  return values.map((value) => ({ value, label: label(value), offset: (value - d0) / span }));
}

/** Colour of a value; clamped, so over-capacity memory takes the top colour. */
export function colourScale(domain: [number, number]): (v: number) => string {
  const s = scaleSequential(INTERPOLATOR).domain(domain).clamp(true);
  return (v) => s(v);
}

/** Gradient stops of the legend bar (offset 0–1, colour). */
export function legendStops(steps = 10): { offset: number; color: string }[] {
  return Array.from({ length: steps + 1 }, (_, i) => ({ offset: i / steps, color: INTERPOLATOR(i / steps) }));
}

/** Dark text on the light (yellow-green) end of viridis, white on the dark end. */
export function textColourAt(t: number): string {
  return t > 0.55 ? '#1b1f24' : '#ffffff';
}

/** Memory of a GPU as the tooltip writes it: "2.6 GB of 64.0 GB (4.1%)". */
export function memoryText(g: GpuEntry, capacityBytes: number): string {
  const pct = capacityBytes > 0 ? ` (${((g.memoryBytes / capacityBytes) * 100).toFixed(1)}%)` : '';
  return `${formatGB(g.memoryBytes)} of ${formatGB(capacityBytes)}${pct}`;
}
