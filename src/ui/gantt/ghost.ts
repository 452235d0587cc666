/**
 * "Before / after": the previous schedule drawn faintly behind the current
 * one, on the current layout's time axis and rows. Pure, no DOM. Blocks of a
 * row closer than a pixel are merged into one busy span, so a ghost of
 * thousands of blocks stays a few hundred rectangles.
 *
 * @example
 *   const g = ghostMarks(layout, { timeline: before.timeline, makespan: before.pipeline.makespanSeconds, stages: 2 });
 *   g.spans.length; // busy spans of the previous schedule, clipped to the window
 */
import type { TimelineBlock } from '../../core';
import type { GanttLayout } from './layout';

export interface GanttGhost {
  timeline: readonly TimelineBlock[];
  makespan: number;
  /** Its pipeline stages (rows); rows the current chart lacks are not drawn. */
  stages: number;
}

export interface GhostSpan {
  stage: number;
  x: number;
  w: number;
  y: number;
  h: number;
}

export interface GhostMarks {
  spans: GhostSpan[];
  /** Where the previous step ended, px; null when outside the window. */
  endX: number | null;
  /** Stages of the previous schedule with no row here (it had more stages). */
  hiddenStages: number;
}

export function ghostMarks(layout: GanttLayout, ghost: GanttGhost): GhostMarks {
  const { x0, x1 } = layout.plot;
  const [t0, t1] = layout.domain;
  const k = (x1 - x0) / (t1 - t0);
  const X = (t: number) => Math.min(x1, Math.max(x0, x0 + (t - t0) * k));
  const perRow: [number, number][][] = layout.rows.map(() => []);
  for (const b of ghost.timeline) {
    if (b.end <= t0 || b.start >= t1) continue;
    perRow[b.stage]?.push([X(b.start), X(b.end)]);
  }
  const spans: GhostSpan[] = [];
  layout.rows.forEach((row, s) => {
    const list = perRow[s].sort((a, b) => a[0] - b[0]);
    let cur: [number, number] | null = null;
    const flush = () => {
      if (cur && cur[1] > cur[0]) spans.push({ stage: s, x: cur[0], w: cur[1] - cur[0], y: row.y, h: row.h });
    };
    for (const [a, b] of list) {
      if (cur && a - cur[1] < 1) cur[1] = Math.max(cur[1], b);
      else {
        flush();
        cur = [a, b];
      }
    }
    flush();
  });
  const end = ghost.makespan;
  return {
    spans,
    endX: end >= t0 && end <= t1 ? x0 + (end - t0) * k : null,
    hiddenStages: Math.max(0, ghost.stages - layout.rows.length),
  };
}
