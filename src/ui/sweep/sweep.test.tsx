import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { uiFixture } from '../../../test/evaluations';
import { testIds } from '../../../test/markup';
import { formatTokens, SWEEP_METRICS, sweepMetric } from './metrics';
import { SweepChart } from './SweepChart';
import { powerOfTwoTicks } from '../chart/lineChart';
import { sweepLayout } from './sweepLayout';

const opts = { width: 640, height: 230, currentSeqLen: 2048 };

describe('sweepLayout', () => {
  it('has one point per sweep point for every metric, on a log x scale', () => {
    for (const e of [uiFixture('seed'), uiFixture('training1f1b')]) {
      const sweep = e.sweep!;
      for (const m of SWEEP_METRICS) {
        const layout = sweepLayout(sweep, m, { ...opts, target: m.target(e.scenario.targets, e) });
        expect(layout.points).toHaveLength(sweep.points.length);
        expect(layout.points.map((p) => p.value)).toEqual(sweep.points.map((p) => m.value(p)));
        // One move and n−1 line segments.
        expect(layout.path.match(/[ML]/g)).toHaveLength(sweep.points.length);
        expect(layout.points[0].x).toBe(layout.plotLeft);
        expect(layout.points.at(-1)!.x).toBe(layout.plotRight);
      }
    }
  });

  it('draws the target where the y scale puts the target value', () => {
    const e = uiFixture('seed');
    const t = e.scenario.targets;
    const expected = {
      latency: t.latencyMs! / 1e3,
      throughput: t.throughputTokensPerSec!,
      peakMemory: (e.memory.capacityBytes * t.memoryPct!) / 100 / 2 ** 30, // plotted in GB
      commOverhead: t.commOverheadPct!,
      gpuUtilization: t.gpuUtilizationPct!,
    };
    for (const m of SWEEP_METRICS) {
      const target = m.target(t, e);
      expect(target).toBeCloseTo(expected[m.id], 9);
      const layout = sweepLayout(e.sweep!, m, { ...opts, target });
      expect(layout.target!.y).toBe(layout.y(target!));
      expect(layout.target!.y).toBeCloseTo(layout.y(expected[m.id]), 9);
      expect(layout.target!.y).toBeGreaterThanOrEqual(layout.plotTop);
      expect(layout.target!.y).toBeLessThanOrEqual(layout.plotBottom);
    }
  });

  it('highlights exactly the points on the wrong side of the target', () => {
    const e = uiFixture('seed');
    const latency = sweepMetric('latency');
    const layout = sweepLayout(e.sweep!, latency, { ...opts, target: 0.05 });
    expect(layout.points.map((p) => p.outside)).toEqual(e.sweep!.points.map((p) => p.latencySeconds > 0.05));
    expect(layout.points.some((p) => p.outside)).toBe(true);
    expect(layout.points.some((p) => !p.outside)).toBe(true);
    const util = sweepLayout(e.sweep!, sweepMetric('gpuUtilization'), { ...opts, target: 90 });
    expect(util.points.every((p) => p.outside)).toBe(true); // 33–45% < 90%
  });

  it('marks the current sequence length', () => {
    const e = uiFixture('seed');
    const layout = sweepLayout(e.sweep!, sweepMetric('latency'), { ...opts, target: null });
    // 2048 is right of the middle of 128–10240 on a log scale: the label goes left of the line.
    expect(layout.current).toEqual({ at: 2048, x: layout.x(2048), labelAnchor: 'end' });
    expect(layout.target).toBeNull();
  });

  it('handles a one-length sweep', () => {
    const e = uiFixture('seedOneLength');
    const layout = sweepLayout(e.sweep!, sweepMetric('latency'), { ...opts, target: null, currentSeqLen: 1024 });
    expect(layout.points).toHaveLength(1);
    expect(Number.isFinite(layout.points[0].x)).toBe(true);
  });

  it('ticks at powers of two, thinned to fit', () => {
    expect(powerOfTwoTicks(128, 10240, 20)).toEqual([128, 256, 512, 1024, 2048, 4096, 8192]);
    expect(powerOfTwoTicks(128, 10240, 4)).toEqual([128, 512, 2048, 8192]);
    expect(formatTokens(2048)).toBe('2K');
    expect(formatTokens(500)).toBe('500');
  });
});

describe('SweepChart', () => {
  it('renders the line, points, target and current length with the test id', () => {
    const e = uiFixture('seed');
    const html = renderToStaticMarkup(<SweepChart evaluation={e} targets={e.scenario.targets} />);
    expect(html).toContain('data-testid="sweep-chart"');
    expect(testIds(html, 'sweep-line')[0].attrs['data-points']).toBe(String(e.sweep!.points.length));
    const layout = sweepLayout(e.sweep!, sweepMetric('latency'), { ...opts, target: 0.05 });
    expect(Number(testIds(html, 'sweep-target')[0].attrs['data-y'])).toBeCloseTo(layout.y(0.05), 9);
    expect(testIds(html, 'sweep-current')).toHaveLength(1);
    expect(html.match(/data-outside="true"/g)).toHaveLength(layout.points.filter((p) => p.outside).length);
    for (const m of SWEEP_METRICS) expect(html).toContain(`value="${m.id}"`);
  });

  it('plots the metric it is given and the targets it is given', () => {
    const e = uiFixture('seed');
    const html = renderToStaticMarkup(
      <SweepChart evaluation={e} metric="peakMemory" targets={{ ...e.scenario.targets, memoryPct: null }} />,
    );
    expect(html).toContain('data-metric="peakMemory"');
    expect(testIds(html, 'sweep-target')).toHaveLength(0);
    expect(html).toContain('No peak memory target set');
  });

  it('says how to get a sweep when there is none', () => {
    const e = uiFixture('seedNoSweep');
    expect(e.sweep).toBeNull();
    const html = renderToStaticMarkup(<SweepChart evaluation={e} targets={e.scenario.targets} />);
    expect(html).toContain('data-testid="sweep-chart"');
    expect(html).toContain('Report across a sequence-length range');
    expect(html).not.toContain('<svg');
  });
});

describe('target label placement', () => {
  it('puts the label at the end where the data stays clear of the target line', () => {
    const e = uiFixture('seed');
    // Seed latency crosses 50 ms near 2K tokens, on the right: the label goes left.
    const layout = sweepLayout(e.sweep!, sweepMetric('latency'), {
      width: 390,
      height: 230,
      target: 0.05,
      currentSeqLen: 2048,
    });
    expect(layout.target!.labelSide).toBe('start');
  });
});
