import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Ctx2D } from '../chart/canvas';
import { drawHeatmap } from './drawCanvas';
import { Heatmap } from './Heatmap';
import { heatmapLayout } from './layout';
import { uiFixture } from '../../../test/evaluations';

const noop = () => {};
const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('<Heatmap>', () => {
  const S = uiFixture('seed');

  it('renders the seed as 32 gpu-cell rects in SVG, with the missing-GPU caption', () => {
    const html = renderToStaticMarkup(
      <Heatmap evaluation={S} metric="memory" onMetricChange={noop} selectedRank={null} onSelect={noop} />,
    );
    expect(count(html, 'class="gpu-cell')).toBe(32);
    expect(html).toContain('data-testid="heatmap"');
    expect(html).toContain('data-cells="32"');
    expect(html).toContain('16 of 32 ranks have no GPU');
    expect(html).toContain('class="what"');
    expect(html).toMatch(/<label[^>]*>Colour by<select/);
    expect(count(html, '<option')).toBe(4);
    expect(count(html, 'data-missing="true"')).toBe(16);
    expect(html).toContain('role="img"');
    expect(html).toContain('missing GPU');
  });

  it('outlines the selection and lists its groups', () => {
    const html = renderToStaticMarkup(
      <Heatmap evaluation={S} metric="busy" onMetricChange={noop} selectedRank={5} onSelect={noop} />,
    );
    expect(html).toContain('data-testid="heatmap-selection"');
    expect(html).toContain('data-relation="selected"');
    expect(html).toContain('data-relation="tp"');
    expect(html).toContain('Tensor-parallel group');
    expect(html).toContain('<strong>GPU 5</strong> · node 0');
  });

  it('ignores a selected rank that does not exist', () => {
    const html = renderToStaticMarkup(
      <Heatmap evaluation={S} metric="busy" onMetricChange={noop} selectedRank={400} onSelect={noop} />,
    );
    expect(html).not.toContain('heatmap-selection');
  });

  it('shows "not applicable" for expert load on a dense model', () => {
    const html = renderToStaticMarkup(
      <Heatmap
        evaluation={uiFixture('dense')}
        metric="expertLoad"
        onMetricChange={noop}
        selectedRank={null}
        onSelect={noop}
      />,
    );
    expect(html).toContain('Dense model: no experts');
  });

  it('switches to a canvas above 1024 GPUs and still reports the cell count', () => {
    const html = renderToStaticMarkup(
      <Heatmap
        evaluation={uiFixture('gpus4096')}
        metric="memory"
        onMetricChange={noop}
        selectedRank={null}
        onSelect={noop}
      />,
    );
    expect(html).toContain('<canvas');
    expect(html).toContain('data-cells="4096"');
    expect(count(html, 'gpu-cell')).toBe(0);
  });
});

describe('drawHeatmap', () => {
  it('fills every cell in one pass', () => {
    const e = uiFixture('gpus4096');
    const layout = heatmapLayout({
      perGpu: e.perGpu,
      gpusPerNode: 8,
      width: 1200,
      metric: 'memory',
      capacityBytes: e.memory.capacityBytes,
      stepSeconds: e.time.stepSeconds,
    });
    let fills = 0;
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (t, k) => (k === 'fillRect' ? () => fills++ : k in t ? t[k as string] : () => {}),
      set: (t, k, v) => ((t[k as string] = v), true),
    }) as unknown as Ctx2D;
    drawHeatmap(ctx, layout, { dpr: 2, outlines: [], related: null, resolve: (c) => c });
    expect(fills).toBe(layout.frames.length + layout.cells.length);
  });
});

describe('golden SVG (seed scenario)', () => {
  // A change here is a visible change to the chart: review the diff, then `npx vitest run -u`.
  it('matches the stored markup', () => {
    const html = renderToStaticMarkup(
      <Heatmap evaluation={uiFixture('seed')} metric="memory" onMetricChange={noop} selectedRank={5} onSelect={noop} />,
    );
    expect(html).toMatchSnapshot();
  });
});
