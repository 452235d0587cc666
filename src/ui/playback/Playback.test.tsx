import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { uiFixture } from '../../../test/evaluations';
import { statesText } from './PlaybackBar';
import { PlaybackGantt } from './PlaybackGantt';
import { PlaybackHeatmap } from './PlaybackHeatmap';
import { INITIAL, playbackStore } from './store';
import { playbackIndex } from './timeline';

const noop = () => {};
const e = uiFixture('training1f1b');

afterEach(() => playbackStore.setState(INITIAL, true));

describe('<PlaybackGantt> and <PlaybackHeatmap>', () => {
  it('without a cursor: the bar, paused, no cursor; the grid shows its metric', () => {
    const gantt = renderToStaticMarkup(<PlaybackGantt evaluation={e} zoom={null} onZoom={noop} />);
    expect(gantt).toContain('data-testid="playback"');
    expect(gantt).toContain('data-playing="false"');
    expect(gantt).not.toContain('gantt-cursor');
    expect(gantt).toContain(`class="gantt-block"`);
    const grid = renderToStaticMarkup(
      <PlaybackHeatmap evaluation={e} metric="memory" onMetricChange={noop} selectedRank={null} onSelect={noop} />,
    );
    expect(grid).not.toContain('data-playback');
    expect(grid).not.toContain('data-state=');
  });

  it('with a cursor in stage 0’s first forward: the cursor at that time, the grid coloured by state', () => {
    const f0 = e.timeline.find((b) => b.stage === 0 && b.kind === 'F' && b.microBatch === 0)!;
    const t = f0.start + (f0.end - f0.start) / 4;
    playbackStore.setState({ ...INITIAL, cursor: t }, true);
    const gantt = renderToStaticMarkup(<PlaybackGantt evaluation={e} zoom={null} onZoom={noop} />);
    expect(gantt).toContain(`data-time="${t}"`);
    const grid = renderToStaticMarkup(
      <PlaybackHeatmap evaluation={e} metric="memory" onMetricChange={noop} selectedRank={null} onSelect={noop} />,
    );
    const P = e.pipeline.stages;
    expect(grid).toContain(`data-states="${['forward', ...Array(P - 1).fill('idle')].join(' ')}"`);
    const stage0 = e.perGpu.filter((g) => g.inCluster && g.coords.pp === 0).length;
    expect(grid.match(/class="gpu-cell[^>]*data-state="forward"/g)).toHaveLength(stage0);
    expect(grid.match(/class="gpu-cell[^>]*data-state="idle"/g)).toHaveLength(
      e.perGpu.filter((g) => g.inCluster).length - stage0,
    );
    expect(grid).toContain('data-testid="heatmap-state-legend"');
    expect(grid).toContain('Show the metric again');
  });

  it('says the states in words for screen readers', () => {
    const ix = playbackIndex(e.pipeline, e.timeline, e.transfers);
    const f0 = e.timeline.find((b) => b.stage === 0 && b.kind === 'F' && b.microBatch === 0)!;
    const text = statesText(ix, f0.start);
    expect(text).toMatch(/^At 0 s: stage 0 computing forward \(F0\); stage 1 waiting; /);
  });
});
