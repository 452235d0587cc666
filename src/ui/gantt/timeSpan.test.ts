/** The Gantt's optional fixed time axis (axisEnd), which the compare view gives both charts. */
import { describe, expect, it } from 'vitest';
import { uiFixture } from '../../../test/evaluations';
import { ganttLayout } from './layout';

const T = uiFixture('training1f1b');
const layoutOf = (timeSpan?: number, zoom: [number, number] | null = null, gutterStages?: number) =>
  ganttLayout({
    pipeline: T.pipeline,
    timeline: T.timeline,
    transfers: T.transfers,
    width: 900,
    zoom,
    axisEnd: timeSpan,
    gutterStages,
  });

describe('ganttLayout with a time span', () => {
  const own = layoutOf();
  const makespan = own.makespan;

  it('twice the step: the step ends half way along the plot, and no bubble is drawn after it', () => {
    const l = layoutOf(2 * makespan);
    expect(l.full).toEqual([0, 2 * makespan]);
    expect(l.makespan).toBe(makespan);
    const end = Math.max(...l.blocks.map((b) => b.x + b.w));
    expect(end).toBeCloseTo(l.plot.x0 + (l.plot.x1 - l.plot.x0) / 2, 6);
    expect(Math.max(...l.bubbles.map((b) => b.end))).toBeLessThanOrEqual(makespan * (1 + 1e-12));
    // The same blocks, each half as wide as on its own axis.
    expect(l.blocks).toHaveLength(own.blocks.length);
    expect(l.blocks[0].w).toBeCloseTo(own.blocks[0].w / 2, 6);
  });

  it('a span shorter than the step (or not a number) changes nothing', () => {
    expect(layoutOf(makespan / 2).full).toEqual([0, makespan]);
    expect(layoutOf(Number.NaN).full).toEqual([0, makespan]);
    expect(layoutOf(makespan / 2).blocks.map((b) => b.x)).toEqual(own.blocks.map((b) => b.x));
  });

  it('a zoom window past the step but inside the span is kept', () => {
    const l = layoutOf(2 * makespan, [makespan * 0.9, makespan * 1.5]);
    expect(l.zoomed).toBe(true);
    expect(l.domain).toEqual([makespan * 0.9, makespan * 1.5]);
  });

  it('the gutter sized for more stages: the plot starts where a 16-stage chart’s does', () => {
    expect(T.pipeline.stages).toBeLessThan(10);
    const wide = layoutOf(undefined, null, 16);
    expect(wide.plot.x0).toBe(Math.ceil('stage 15 (GPU pp=15)'.length * 6) + 12);
    expect(wide.plot.x0).toBeGreaterThan(own.plot.x0);
    expect(layoutOf(undefined, null, 1).plot.x0).toBe(own.plot.x0);
  });
});
