/**
 * Layout of the memory chart: one horizontal stacked bar per pipeline stage
 * on a shared byte scale that always reaches the capacity, so the capacity
 * line is on screen and overflow shows past it. Pure: a test pins it without
 * a browser, and the component only draws what it returns.
 */
import type { PlotFrame } from '../chart/plotFrame';
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { MemorySummary } from '../../core';
import { MEMORY_OTHER, MEMORY_PARTS, type MemoryPartKey } from './palette';
import { GiB } from './units';

export interface MemorySegment {
  part: MemoryPartKey;
  label: string;
  color: string;
  bytes: number;
  x: number;
  width: number;
}

export interface MemoryRow {
  stage: number;
  layers: number;
  inFlightMicroBatches: number;
  totalBytes: number;
  /** Bytes beyond capacity (0 when it fits). */
  overBytes: number;
  isPeak: boolean;
  /** Top of the bar and its height. */
  y: number;
  barHeight: number;
  /** Where the bar ends (pixels). */
  barEnd: number;
  /** Whether the stage label is drawn (thinned out when stages are many). */
  showLabel: boolean;
  segments: MemorySegment[];
}

export interface MemoryLayout extends PlotFrame {
  capacityX: number;
  x: ScaleLinear<number, number>;
  ticks: { x: number; label: string }[];
  rows: MemoryRow[];
}

export interface MemoryLayoutOptions {
  /** Total width in pixels. */
  width: number;
  /** Row pitch in pixels when stages are few. */
  rowHeight?: number;
}

const MARGIN = { left: 74, right: 78, top: 20, bottom: 22 };

export function memoryLayout(memory: MemorySummary, { width, rowHeight = 26 }: MemoryLayoutOptions): MemoryLayout {
  const stages = memory.perStage;
  const plotLeft = MARGIN.left;
  const plotRight = Math.max(plotLeft + 40, width - MARGIN.right);
  const maxTotal = Math.max(0, ...stages.map((s) => s.totalBytes));
  const domainMax = Math.max(memory.capacityBytes, maxTotal, 1);
  const x = scaleLinear().domain([0, domainMax]).range([plotLeft, plotRight]);

  // Many stages (deep pipelines) shrink rows so the chart stays one screen tall.
  const pitch = stages.length <= 12 ? rowHeight : Math.max(6, Math.floor((12 * rowHeight) / stages.length));
  const labelEvery = Math.max(1, Math.ceil(14 / pitch));
  const plotTop = MARGIN.top;
  const plotBottom = plotTop + pitch * stages.length;

  const rows: MemoryRow[] = stages.map((s, i) => {
    const parts = MEMORY_PARTS.map((p) => ({ p, bytes: s.breakdown[p.key as keyof typeof s.breakdown] ?? 0 }));
    const sum = parts.reduce((a, q) => a + q.bytes, 0);
    // Whatever the parts miss is shown, not hidden, so the bar ends at the total.
    const rest = s.totalBytes - sum;
    if (rest > s.totalBytes * 1e-9) parts.push({ p: MEMORY_OTHER, bytes: rest });
    let acc = 0;
    const segments = parts.map(({ p, bytes }) => {
      const x0 = x(acc);
      acc += bytes;
      return { part: p.key, label: p.label, color: p.color, bytes, x: x0, width: x(acc) - x0 };
    });
    return {
      stage: s.stage,
      layers: s.layers,
      inFlightMicroBatches: s.inFlightMicroBatches,
      totalBytes: s.totalBytes,
      overBytes: Math.max(0, s.totalBytes - memory.capacityBytes),
      isPeak: s.stage === memory.peakStage,
      y: plotTop + i * pitch + pitch * 0.15,
      barHeight: Math.max(3, pitch * 0.7),
      barEnd: x(acc),
      showLabel: i % labelEvery === 0 || s.stage === memory.peakStage,
      segments,
    };
  });

  // Ticks in whole GB (binary, as capacity is sized) read better than bytes.
  const tickCount = Math.max(2, Math.floor((plotRight - plotLeft) / 70));
  const ticks = scaleLinear()
    .domain([0, domainMax / GiB])
    .ticks(tickCount)
    .map((g) => ({ x: x(g * GiB), label: `${g}` }));

  return {
    width,
    height: plotBottom + MARGIN.bottom,
    plotLeft,
    plotRight,
    plotTop,
    plotBottom,
    capacityX: x(memory.capacityBytes),
    x,
    ticks,
    rows,
  };
}
