import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { uiFixture } from '../../../test/evaluations';
import { Gantt } from './Gantt';
import { ghostMarks } from './ghost';
import { ganttLayout } from './layout';

const e = uiFixture('training1f1b');
const base = { pipeline: e.pipeline, timeline: e.timeline, transfers: e.transfers, width: 1000, zoom: null };
const makespan = ganttLayout(base).makespan;
const right = (l: ReturnType<typeof ganttLayout>) => Math.max(...l.blocks.map((b) => b.x + b.w));

describe('keeping the time axis longer than the step', () => {
  it('a step drawn on an axis twice its length ends half-way across the plot', () => {
    const full = ganttLayout(base);
    const fixed = ganttLayout({ ...base, axisEnd: 2 * makespan });
    expect(right(full)).toBeCloseTo(full.plot.x1, 6);
    expect(right(fixed) - fixed.plot.x0).toBeCloseTo((fixed.plot.x1 - fixed.plot.x0) / 2, 6);
    expect(fixed.full).toEqual([0, 2 * makespan]);
    expect(fixed.makespan).toBe(makespan);
    // An axis shorter than the step changes nothing.
    expect(ganttLayout({ ...base, axisEnd: makespan / 2 }).full).toEqual([0, makespan]);
  });
});

describe('ghostMarks', () => {
  it('the same schedule as its own ghost: one span per run of back-to-back blocks, covering exactly the busy pixels', () => {
    const l = ganttLayout(base);
    const g = ghostMarks(l, { timeline: e.timeline, makespan, stages: e.pipeline.stages });
    expect(g.hiddenStages).toBe(0);
    expect(g.endX).toBeCloseTo(l.plot.x1, 6);
    for (const row of l.rows) {
      const spans = g.spans.filter((s) => s.stage === row.stage);
      const blocks = l.blocks.filter((b) => b.stage === row.stage);
      expect(spans.length).toBeGreaterThan(0);
      expect(spans.length).toBeLessThanOrEqual(blocks.length);
      // The bubbles wider than a pixel are exactly the gaps between spans.
      const wideGaps = l.bubbles.filter(
        (b) => b.stage === row.stage && b.w >= 1 && b.x > l.plot.x0 && b.x + b.w < l.plot.x1,
      ).length;
      expect(spans.length - 1).toBe(wideGaps);
    }
  });

  it('a previous schedule with more stages draws only the rows this chart has', () => {
    const l = ganttLayout(base);
    const g = ghostMarks(l, {
      timeline: e.timeline.map((b) => ({ ...b, stage: b.stage + 1 })),
      makespan,
      stages: e.pipeline.stages + 1,
    });
    expect(g.hiddenStages).toBe(1);
    expect(g.spans.every((s) => s.stage >= 1)).toBe(true);
  });
});

describe('<Gantt> with a ghost and a longer axis', () => {
  it('draws the ghost spans behind the blocks, the previous end and this step’s end', () => {
    const ghost = {
      timeline: e.timeline.map((b) => ({ ...b, start: b.start * 1.5, end: b.end * 1.5 })),
      makespan: makespan * 1.5,
      stages: e.pipeline.stages,
    };
    const html = renderToStaticMarkup(
      <Gantt evaluation={e} zoom={null} onZoom={() => {}} ghost={ghost} axisEnd={makespan * 1.5} />,
    );
    expect(html).toContain('class="gantt-ghost"');
    expect(html.indexOf('class="gantt-ghost"')).toBeLessThan(html.indexOf('class="gantt-block"'));
    expect(html).toContain('class="gantt-ghost-end"');
    expect(html).toContain('class="gantt-step-end"');
    expect(html).toContain(`data-axis-end="${makespan * 1.5}"`);
  });
});
