import { describe, expect, it } from 'vitest';
import { uiFixture } from '../../../test/evaluations';
import { heatmapLayout } from './layout';
import { countsText, withPlayStates } from './playState';

describe('withPlayStates', () => {
  const e = uiFixture('training1f1b');
  const layout = heatmapLayout({
    perGpu: e.perGpu,
    gpusPerNode: e.scenario.hardware.gpusPerNode,
    width: 900,
    metric: 'memory',
    capacityBytes: e.memory.capacityBytes,
    stepSeconds: e.time.stepSeconds,
  });
  const P = e.pipeline.stages;
  const stages = Array.from({ length: P }, (_, s) =>
    s === 0 ? { state: 'forward' as const, block: 'F0' } : { state: 'idle' as const, block: null },
  );

  it('every GPU takes its pipeline stage’s state; the counts are the stages’ GPU counts', () => {
    const { layout: l, counts } = withPlayStates(layout, e.perGpu, { stages });
    const perStage = e.perGpu.filter((g) => g.inCluster && g.coords.pp === 0).length;
    expect(perStage).toBeGreaterThan(0);
    expect(counts.forward).toBe(perStage);
    expect(counts.idle).toBe(e.perGpu.filter((g) => g.inCluster).length - perStage);
    l.cells.forEach((c, i) => expect(c.state).toBe(e.perGpu[i].coords.pp === 0 ? 'forward' : 'idle'));
    expect(l.cells.find((c) => c.state === 'forward')!.short).toBe('F0');
    expect(l.cells.find((c) => c.state === 'idle')!.short).toBe('wait');
    // Geometry is the metric layout's: hit-testing and selection keep working.
    l.cells.forEach((c, i) =>
      expect([c.x, c.y, c.w]).toEqual([layout.cells[i].x, layout.cells[i].y, layout.cells[i].w]),
    );
    expect(countsText(counts)).toBe(`${perStage} computing forward, ${counts.idle} waiting`);
  });

  it('leaves ranks without a GPU hatched and uncounted', () => {
    const s = uiFixture('seed');
    const l0 = heatmapLayout({
      perGpu: s.perGpu,
      gpusPerNode: 8,
      width: 900,
      metric: 'memory',
      capacityBytes: s.memory.capacityBytes,
      stepSeconds: s.time.stepSeconds,
    });
    const all = Array.from({ length: s.pipeline.stages }, () => ({ state: 'comm' as const, block: null }));
    const { layout: l, counts } = withPlayStates(l0, s.perGpu, { stages: all });
    expect(counts.comm).toBe(s.perGpu.filter((g) => g.inCluster).length);
    expect(l.cells.filter((c) => !c.inCluster).every((c) => c.state === undefined)).toBe(true);
    expect(l.alarms).toBe(0);
  });
});
