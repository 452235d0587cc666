/**
 * Pipeline Gantt layout: pure, no DOM. One row per pipeline stage (device),
 * one block per simulated F / B / W pass, idle gaps as bubbles, the exposed
 * TP and EP communication at the tail of each block, stage-to-stage transfers
 * as thin lines, and a time axis in ms. SVG and canvas both draw from it and
 * hit-testing uses it.
 *
 * @example
 *   const l = ganttLayout({ pipeline: e.pipeline, timeline: e.timeline,
 *     transfers: e.transfers, width: 900, zoom: null });
 *   hitTest(l, l.blocks[0].x + 1, l.blocks[0].y + 1); // → l.blocks[0]
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { PipelineSummary, TimelineBlock, TimelineTransfer } from '../../core';
import { blockComm } from './comm';
import { BLOCK_FILL, BLOCK_FILL_ALT, BLOCK_TEXT, BLOCK_TEXT_ALT } from './colours';

export interface GanttInput {
  pipeline: PipelineSummary;
  timeline: TimelineBlock[];
  transfers: TimelineTransfer[];
  /** Available width, CSS pixels. */
  width: number;
  /** Total height wanted (rows shrink or grow to it); default from the stage count. */
  height?: number;
  /** Visible window in seconds, or null for the whole pipeline. */
  zoom: [number, number] | null;
  /**
   * The time axis runs to at least this many seconds (default: the step's
   * own end), so two charts given the same end share one axis (compare) and
   * a shorter step draws shorter (playback's fixed axis).
   */
  axisEnd?: number | null;
  /** Size the row-label gutter as for this many stages (two charts whose plots must start at the same x). */
  gutterStages?: number;
  /**
   * The row labels' font size as drawn, CSS px (default 11; presenter mode
   * draws chart text larger): the gutter and the block labels' fit scale with it.
   */
  labelFontPx?: number;
  /** The widest row label as measured on the page, px: the gutter is never narrower. */
  labelWidth?: number;
}

export interface GanttRow {
  stage: number;
  /** "stage 0 (GPU pp=0)". */
  label: string;
  /** "s0", for narrow screens. */
  short: string;
  y: number;
  h: number;
}

export interface GanttBlock {
  /** Index into the input timeline. */
  index: number;
  stage: number;
  microBatch: number;
  chunk: number;
  kind: TimelineBlock['kind'];
  start: number;
  end: number;
  /** Clipped to the plot. */
  x: number;
  w: number;
  y: number;
  h: number;
  fill: string;
  textFill: string;
  /** "F3", "B3", "W3"; "F3·1" for chunk 1 when a GPU runs several chunks. */
  label: string;
  /** True when the label fits inside the block. */
  showLabel: boolean;
  /** Exposed TP + EP communication inside the block (its last part), seconds. */
  commSeconds: number;
  /** Its expert-parallel (all-to-all) part, seconds; the rest is TP. */
  epSeconds: number;
  /**
   * The TP part of the tail (hatched), clipped to the plot; null when none is
   * visible. For an evaluation that does not split TP from EP, the whole tail.
   */
  comm: { x: number; w: number } | null;
  /** The EP part: the very end of the block (dotted), clipped; null when none is visible. */
  epComm: { x: number; w: number } | null;
}

export interface GanttBubble {
  stage: number;
  start: number;
  end: number;
  x: number;
  w: number;
  y: number;
  h: number;
}

export interface GanttTransfer {
  fromStage: number;
  toStage: number;
  microBatch: number;
  direction: TimelineTransfer['direction'];
  start: number;
  end: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface GanttTick {
  t: number;
  x: number;
  /** Milliseconds; the last tick carries the unit ("280 ms"). */
  label: string;
  /** Text anchor that keeps the label inside the chart. */
  anchor: 'start' | 'middle' | 'end';
}

export interface GanttLayout {
  width: number;
  height: number;
  /** Plot area (blocks), CSS pixels. */
  plot: { x0: number; x1: number; y0: number; y1: number };
  /** Width of the row-label gutter. */
  gutter: number;
  useShortLabels: boolean;
  /** Visible window, seconds. */
  domain: [number, number];
  /** The whole axis, seconds: [0, makespan], or [0, axisEnd] when that is longer. */
  full: [number, number];
  /** The end of the simulated pipeline, seconds. */
  makespan: number;
  zoomed: boolean;
  scale: ScaleLinear<number, number>;
  rowHeight: number;
  rowGap: number;
  rows: GanttRow[];
  blocks: GanttBlock[];
  bubbles: GanttBubble[];
  transfers: GanttTransfer[];
  ticks: GanttTick[];
  /** Axis line y; tick labels sit below it. */
  axisY: number;
  /** Visible blocks of each row, indices into `blocks`, in time order. */
  rowBlocks: number[][];
  /** True when the timeline has only forward blocks (inference). */
  forwardOnly: boolean;
  /**
   * More than one model chunk per GPU (interleaved 1F1B, ZB-V, DualPipe):
   * labels carry the chunk, and odd chunks are drawn in lighter shades.
   */
  interleaved: boolean;
  /** True when the evaluation tells TP from EP communication (older ones draw one mark). */
  commSplit: boolean;
}

const AXIS_H = 30;
const ROW_GAP = 3;
const RIGHT_PAD = 12;
/** Narrower than this, rows are labelled "s0" instead of "stage 0 (GPU pp=0)". */
export const SHORT_LABEL_WIDTH = 560;
/** Approximate width of a character of the 10 px block labels and the 11 px row and tick labels. */
const CHAR_W = 6.4;
const LABEL_CHAR_W = 6;
/** The row labels' font size the widths above are for (Gantt.module.css). */
export const LABEL_FONT_PX = 11;

/** The smallest window (seconds) a zoom may show: a 2000th of the pipeline. */
export function minSpan(makespan: number): number {
  return makespan / 2000;
}

/** A requested window made valid: inside [0, makespan] and not narrower than minSpan; null means the whole pipeline. */
export function clampWindow(zoom: [number, number] | null, makespan: number): [number, number] | null {
  if (!zoom || !(makespan > 0)) return null;
  let [a, b] = zoom;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  if (b < a) [a, b] = [b, a];
  // Intersect with the pipeline first: a window hanging over an end keeps its inside part.
  a = Math.min(Math.max(0, a), makespan);
  b = Math.max(Math.min(makespan, b), 0);
  const min = minSpan(makespan);
  if (b - a >= makespan - min * 1e-3) return null;
  if (b - a < min) {
    const mid = (a + b) / 2;
    a = mid - min / 2;
    b = mid + min / 2;
    if (a < 0) [a, b] = [0, min];
    if (b > makespan) [a, b] = [makespan - min, makespan];
  }
  return [a, b];
}

export function blockLabel(b: Pick<TimelineBlock, 'kind' | 'microBatch' | 'chunk'>, interleaved: boolean): string {
  return `${b.kind}${b.microBatch}${interleaved ? `·${b.chunk}` : ''}`;
}

function rowHeightFor(stages: number, height: number | undefined): number {
  if (height !== undefined)
    return Math.max(4, Math.min(40, Math.floor((height - AXIS_H) / Math.max(1, stages)) - ROW_GAP));
  return Math.max(8, Math.min(30, Math.round(360 / Math.max(1, stages))));
}

export function ganttLayout(input: GanttInput): GanttLayout {
  const { pipeline, timeline, transfers } = input;
  const width = Math.max(80, Math.floor(input.width));
  const P = Math.max(1, pipeline.stages);
  let makespan = pipeline.makespanSeconds;
  for (const b of timeline) if (b.end > makespan) makespan = b.end;
  if (!(makespan > 0)) makespan = 1e-3;
  const axisEnd = Number.isFinite(input.axisEnd) ? Math.max(makespan, input.axisEnd!) : makespan;
  const full: [number, number] = [0, axisEnd];
  const window = clampWindow(input.zoom, axisEnd);
  const domain: [number, number] = window ?? full;

  const useShortLabels = width < SHORT_LABEL_WIDTH;
  // Character widths grow with the font the page draws labels in (presenter mode: 15 px).
  const fontScale = Math.max(1, (input.labelFontPx ?? LABEL_FONT_PX) / LABEL_FONT_PX);
  // The gutter fits the longest row label ("stage 15 (GPU pp=15)"), and at least the widest one measured.
  const G = Math.max(P, Math.floor(input.gutterStages ?? 0));
  const longest = useShortLabels ? `s${G - 1}` : `stage ${G - 1} (GPU pp=${G - 1})`;
  const gutter = Math.ceil(Math.max(longest.length * LABEL_CHAR_W * fontScale, input.labelWidth ?? 0)) + 12;
  const x0 = gutter;
  const x1 = Math.max(x0 + 20, width - RIGHT_PAD);
  const rowHeight = rowHeightFor(P, input.height);
  const rows: GanttRow[] = [];
  for (let s = 0; s < P; s++) {
    rows.push({
      stage: s,
      label: `stage ${s} (GPU pp=${s})`,
      short: `s${s}`,
      y: s * (rowHeight + ROW_GAP),
      h: rowHeight,
    });
  }
  const y1 = P * (rowHeight + ROW_GAP) - ROW_GAP;
  const axisY = y1 + 4;
  const height = axisY + AXIS_H - 4;
  const scale = scaleLinear().domain(domain).range([x0, x1]);
  const [t0, t1] = domain;
  const k = (x1 - x0) / (t1 - t0);
  const X = (t: number) => x0 + (t - t0) * k; // the scale, inlined for 4096+ blocks
  const clipX = (t: number) => Math.min(x1, Math.max(x0, X(t)));

  const interleaved = Math.max(1, pipeline.virtualStages) > 1;
  const commOf = blockComm(pipeline);
  let forwardOnly = true;
  const blocks: GanttBlock[] = [];
  const rowBlocks: number[][] = rows.map(() => []);
  // Every block of each row (visible or not), for the bubbles.
  const perRow: TimelineBlock[][] = rows.map(() => []);
  for (let i = 0; i < timeline.length; i++) {
    const b = timeline[i];
    if (b.kind !== 'F') forwardOnly = false;
    const row = rows[b.stage];
    if (!row) continue;
    perRow[b.stage].push(b);
    if (b.end <= t0 || b.start >= t1) continue;
    // The exposed comm is already inside the block's duration: its last part.
    // TP first, then EP at the very end: both are summed over the layers, so
    // the order is a convention (the tooltip and legend give the seconds).
    const c = commOf(b);
    const commSeconds = c.tp + c.ep;
    const bx = clipX(b.start);
    const bw = clipX(b.end) - bx;
    const span = (from: number, to: number) => {
      if (!(to - from > 0)) return null;
      const sx = clipX(from);
      const sw = clipX(to) - sx;
      return sw > 0 ? { x: sx, w: sw } : null;
    };
    const comm = span(b.end - commSeconds, b.end - c.ep);
    const epComm = span(b.end - c.ep, b.end);
    const label = blockLabel(b, interleaved);
    rowBlocks[b.stage].push(blocks.length);
    blocks.push({
      index: i,
      stage: b.stage,
      microBatch: b.microBatch,
      chunk: b.chunk,
      kind: b.kind,
      start: b.start,
      end: b.end,
      x: bx,
      w: bw,
      y: row.y,
      h: row.h,
      fill: b.chunk % 2 === 1 ? BLOCK_FILL_ALT[b.kind] : BLOCK_FILL[b.kind],
      textFill: b.chunk % 2 === 1 ? BLOCK_TEXT_ALT[b.kind] : BLOCK_TEXT[b.kind],
      label,
      showLabel: row.h >= 11 * fontScale && bw >= label.length * CHAR_W * fontScale + 4,
      commSeconds,
      epSeconds: c.ep,
      comm,
      epComm,
    });
  }
  // The simulator emits each stage's blocks in time order; sort only if not.
  const byStart = (list: { start: number }[]) => {
    for (let i = 1; i < list.length; i++) if (list[i].start < list[i - 1].start) return false;
    return true;
  };
  for (const list of rowBlocks)
    if (!byStart(list.map((i) => blocks[i]))) list.sort((a, b) => blocks[a].start - blocks[b].start);

  // Bubbles: the gaps of each row over the whole pipeline, clipped to the window.
  const bubbles: GanttBubble[] = [];
  const eps = makespan * 1e-9;
  for (const row of rows) {
    const list = perRow[row.stage];
    if (!byStart(list)) list.sort((a, b) => a.start - b.start);
    let cursor = 0;
    const gap = (a: number, b: number) => {
      if (b - a <= eps || b <= t0 || a >= t1) return;
      const x = clipX(a);
      bubbles.push({ stage: row.stage, start: a, end: b, x, w: clipX(b) - x, y: row.y, h: row.h });
    };
    for (const b of list) {
      gap(cursor, b.start);
      if (b.end > cursor) cursor = b.end;
    }
    gap(cursor, makespan);
  }

  const out: GanttTransfer[] = [];
  for (const t of transfers) {
    if (t.end < t0 || t.start > t1) continue;
    const from = rows[t.fromStage];
    const to = rows[t.toStage];
    if (!from || !to) continue;
    // Leave the sender's edge facing the receiver, arrive at the receiver's facing edge.
    const down = t.toStage > t.fromStage;
    out.push({
      fromStage: t.fromStage,
      toStage: t.toStage,
      microBatch: t.microBatch,
      direction: t.direction,
      start: t.start,
      end: t.end,
      x1: X(t.start),
      y1: down ? from.y + from.h : from.y,
      x2: X(t.end),
      y2: down ? to.y : to.y + to.h,
    });
  }

  // Ticks in ms: nice values (d3's tick rule), one per ~90 px.
  const ms = scaleLinear().domain([t0 * 1e3, t1 * 1e3]);
  const count = Math.max(2, Math.floor((x1 - x0) / 90));
  const fmt = ms.tickFormat(count);
  const values = ms.ticks(count);
  const ticks: GanttTick[] = values.map((m, i) => {
    const label = i === values.length - 1 ? `${fmt(m)} ms` : fmt(m);
    const x = X(m / 1e3);
    const half = (label.length * LABEL_CHAR_W * fontScale) / 2;
    const anchor = x + half > width ? 'end' : x - half < 0 ? 'start' : 'middle';
    return { t: m / 1e3, x, label, anchor };
  });

  return {
    width,
    height,
    plot: { x0, x1, y0: 0, y1 },
    gutter,
    useShortLabels,
    domain,
    full,
    makespan,
    zoomed: window !== null,
    scale,
    rowHeight,
    rowGap: ROW_GAP,
    rows,
    blocks,
    bubbles,
    transfers: out,
    ticks,
    axisY,
    rowBlocks,
    forwardOnly,
    interleaved,
    commSplit: pipeline.forwardEpCommSeconds !== undefined && pipeline.backwardEpCommSeconds !== undefined,
  };
}

/** The row under y, or -1. */
export function rowAt(layout: GanttLayout, y: number): number {
  const pitch = layout.rowHeight + layout.rowGap;
  const r = Math.floor(y / pitch);
  if (r < 0 || r >= layout.rows.length || y - r * pitch > layout.rowHeight) return -1;
  return r;
}

/** The block under (x, y), or null: row by arithmetic, block by binary search. */
export function hitTest(layout: GanttLayout, x: number, y: number): GanttBlock | null {
  const r = rowAt(layout, y);
  if (r < 0 || x < layout.plot.x0 || x > layout.plot.x1) return null;
  const list = layout.rowBlocks[r];
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = layout.blocks[list[mid]];
    if (x < b.x) hi = mid - 1;
    else if (x > b.x + b.w) lo = mid + 1;
    else return b;
  }
  return null;
}

/** The bubble (idle gap) under (x, y), or null. */
export function bubbleAt(layout: GanttLayout, x: number, y: number): GanttBubble | null {
  const r = rowAt(layout, y);
  if (r < 0) return null;
  for (const b of layout.bubbles) if (b.stage === r && x >= b.x && x <= b.x + b.w) return b;
  return null;
}
