import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Ctx2D } from '../chart/canvas';
import { uiFixture } from '../../../test/evaluations';
import { drawGantt } from './drawCanvas';
import { Gantt } from './Gantt';
import { ganttLayout } from './layout';
import { ghostMarks } from './ghost';
import { formatSeconds } from '../format';

const noop = () => {};
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('<Gantt>', () => {
  it('renders one gantt-block rect per timeline block for 1F1B training', () => {
    const e = uiFixture('training1f1b');
    const html = renderToStaticMarkup(<Gantt evaluation={e} zoom={null} onZoom={noop} />);
    expect(count(html, 'class="gantt-block"')).toBe(e.timeline.length);
    expect(count(html, 'data-kind="F"')).toBe(32);
    expect(count(html, 'data-kind="B"')).toBe(32);
    expect(html).toContain('data-testid="gantt"');
    expect(html).toContain(`data-blocks="${e.timeline.length}"`);
    expect(html).toContain('Block durations the simulation used');
    expect(html).toContain(e.pipeline.analyticFormula);
    expect(html).toContain('Why the simulated bubble differs from the textbook bubble');
    expect(html).toContain('stage 0 (GPU pp=0)');
    expect(html).toContain('class="what"');
    expect(html).toContain('Reset');
  });

  it('draws TP tails striped and EP tails dotted, each with its own legend entry and seconds per step', () => {
    const e = uiFixture('training1f1b');
    const html = renderToStaticMarkup(<Gantt evaluation={e} zoom={null} onZoom={noop} />);
    const l = ganttLayout({
      pipeline: e.pipeline,
      timeline: e.timeline,
      transfers: e.transfers,
      width: 720,
      zoom: null,
    });
    // Every F and B block of this MoE run carries both parts.
    const fb = e.timeline.filter((b) => b.kind !== 'W').length;
    expect(l.blocks.filter((b) => b.comm).length).toBe(fb);
    expect(l.blocks.filter((b) => b.epComm).length).toBe(fb);
    expect(count(html, 'class="gantt-comm"')).toBe(fb);
    expect(count(html, 'class="gantt-comm-ep"')).toBe(fb);
    // Two different textures: stripes (a rotated line) and dots (a circle).
    const hatch = html.match(/id="(gantt-hatch-[^"]+)"[^>]*patternTransform="rotate\(45\)"><line/);
    const dots = html.match(/id="(gantt-dots-[^"]+)"[^>]*><rect[^>]*><\/rect><circle/);
    expect(hatch).not.toBeNull();
    expect(dots).not.toBeNull();
    expect(html).toMatch(new RegExp(`class="gantt-comm"[^>]*fill="url\\(#${hatch![1]}\\)"`));
    expect(html).toMatch(new RegExp(`class="gantt-comm-ep"[^>]*fill="url\\(#${dots![1]}\\)"`));
    // The legend: one entry each, with the step's exposed seconds (52.7 ms TP with the sequence-parallel re-gather, 10.8 ms EP in this fixture).
    expect(html).toMatch(/data-testid="gantt-legend-tp"[^>]*><svg[^>]*data-pattern="hatch"/);
    expect(html).toMatch(/data-testid="gantt-legend-ep"[^>]*><svg[^>]*data-pattern="dots"/);
    expect(html).toContain(
      `exposed TP communication (stripes): ${formatSeconds(e.time.exposedCommSeconds.tp)} per step`,
    );
    expect(html).toContain(`exposed EP all-to-all (dots): ${formatSeconds(e.time.exposedCommSeconds.ep)} per step`);
    expect(formatSeconds(e.time.exposedCommSeconds.tp)).toBe('52.7 ms');
    expect(formatSeconds(e.time.exposedCommSeconds.ep)).toBe('10.8 ms');
    expect(html).not.toContain('gantt-legend-comm');
  });

  it('draws an evaluation made before the TP/EP split with one hatch and one legend entry', () => {
    const e = uiFixture('training1f1b');
    const { forwardEpCommSeconds: _f, backwardEpCommSeconds: _b, ...pipeline } = e.pipeline;
    const html = renderToStaticMarkup(<Gantt evaluation={{ ...e, pipeline }} zoom={null} onZoom={noop} />);
    expect(count(html, 'class="gantt-comm"')).toBe(e.timeline.filter((b) => b.kind !== 'W').length);
    expect(count(html, 'class="gantt-comm-ep"')).toBe(0);
    expect(html).toContain('data-testid="gantt-legend-comm"');
    expect(html).not.toContain('gantt-legend-ep');
  });

  it('says inference has only F blocks', () => {
    const e = uiFixture('seed');
    const html = renderToStaticMarkup(<Gantt evaluation={e} zoom={null} onZoom={noop} />);
    expect(count(html, 'class="gantt-block"')).toBe(32);
    expect(count(html, 'data-kind="B"')).toBe(0);
    expect(html).toContain('only F blocks exist');
  });

  it('shows W columns and legend for ZB-H1', () => {
    const html = renderToStaticMarkup(<Gantt evaluation={uiFixture('zbh1')} zoom={null} onZoom={noop} />);
    expect(html).toContain('W weight gradients');
    expect(html).toContain('<th scope="col">W</th>');
    expect(count(html, 'data-kind="W"')).toBe(32);
  });

  it('DualPipe: the legend names both directions, the notes say a micro-batch passes one of a GPU’s two chunks', () => {
    const e = uiFixture('dualpipe');
    const html = renderToStaticMarkup(<Gantt evaluation={e} zoom={null} onZoom={noop} />);
    expect(html).toContain('data-chunks="2"');
    expect(html).toContain('chunk 0: downward: stage i');
    expect(html).toContain('chunk 1: upward: stage P−1−i');
    expect(html).toContain('a micro-batch passes one of them');
    expect(html).toContain('input gradients only where a W follows');
    expect(count(html, 'data-chunk="1"')).toBe(e.timeline.filter((b) => b.chunk === 1).length);
  });

  it('renders only the zoomed window but reports every block', () => {
    const e = uiFixture('training1f1b');
    const html = renderToStaticMarkup(<Gantt evaluation={e} zoom={[0.1, 0.15]} onZoom={noop} />);
    const visible = e.timeline.filter((b) => b.end > 0.1 && b.start < 0.15).length;
    expect(count(html, 'class="gantt-block"')).toBe(visible);
    expect(html).toContain(`data-blocks="${e.timeline.length}"`);
    expect(html).toContain('data-zoomed="true"');
  });

  it('draws above 2000 blocks on a canvas', () => {
    const e = uiFixture('blocks2048');
    const html = renderToStaticMarkup(<Gantt evaluation={e} zoom={null} onZoom={noop} />);
    expect(html).toContain('<canvas');
    expect(html).toContain('data-blocks="2048"');
    expect(count(html, 'gantt-block')).toBe(0);
  });
});

describe('drawGantt', () => {
  it('fills every bubble and block', () => {
    const e = uiFixture('blocks2048');
    const l = ganttLayout({
      pipeline: e.pipeline,
      timeline: e.timeline,
      transfers: e.transfers,
      width: 1200,
      zoom: null,
    });
    let fills = 0;
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (t, k) => (k === 'fillRect' ? () => fills++ : k in t ? t[k as string] : () => {}),
      set: (t, k, v) => ((t[k as string] = v), true),
    }) as unknown as Ctx2D;
    drawGantt(ctx, l, { dpr: 2, resolve: (c) => c });
    // One wash per TP tail and one per EP tail (its dots are one path, filled once).
    const comm = l.blocks.filter((b) => b.comm).length;
    const ep = l.blocks.filter((b) => b.epComm).length;
    expect(ep).toBeGreaterThan(0);
    expect(fills).toBe(l.bubbles.length + l.blocks.length + comm + ep);
  });
});

describe('golden SVG (seed scenario)', () => {
  // A change here is a visible change to the chart: review the diff, then `npx vitest run -u`.
  it('matches the stored markup', () => {
    expect(renderToStaticMarkup(<Gantt evaluation={uiFixture('seed')} zoom={null} onZoom={noop} />)).toMatchSnapshot();
  });
});

describe('drawGantt with a ghost', () => {
  it('fills and outlines every ghost span behind the blocks', () => {
    const e = uiFixture('blocks2048');
    const l = ganttLayout({
      pipeline: e.pipeline,
      timeline: e.timeline,
      transfers: e.transfers,
      width: 1200,
      zoom: null,
      axisEnd: e.pipeline.makespanSeconds * 2,
    });
    const ghost = ghostMarks(l, {
      timeline: e.timeline.map((b) => ({ ...b, start: b.start * 2, end: b.end * 2 })),
      makespan: e.pipeline.makespanSeconds * 2,
      stages: e.pipeline.stages,
    });
    const calls: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (t, k) =>
        k === 'fillRect' || k === 'strokeRect' ? () => calls.push(k as string) : k in t ? t[k as string] : () => {},
      set: (t, k, v) => ((t[k as string] = v), true),
    }) as unknown as Ctx2D;
    drawGantt(ctx, l, { dpr: 1, resolve: (c) => c, ghost });
    expect(ghost.spans.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c === 'strokeRect')).toHaveLength(ghost.spans.length);
    const comm = l.blocks.filter((b) => b.comm).length + l.blocks.filter((b) => b.epComm).length;
    expect(calls.filter((c) => c === 'fillRect')).toHaveLength(
      l.bubbles.length + ghost.spans.length + l.blocks.length + comm,
    );
    // Behind the blocks: every ghost fill comes before the first block fill.
    expect(calls.indexOf('strokeRect')).toBe(l.bubbles.length + ghost.spans.length);
    expect(calls.lastIndexOf('strokeRect')).toBe(l.bubbles.length + 2 * ghost.spans.length - 1);
  });
});
