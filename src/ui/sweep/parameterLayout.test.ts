/** The metric-vs-parameter chart's layout: a mark per value, gaps on the axis, the line broken at gaps. */
import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../core';
import { parameterSweep } from '../../core';
import { PARAM_METRICS, paramMetric } from './parameterMetrics';
import { paramLayout } from './parameterLayout';
import { PARAM_CHART_METRICS } from '../../state/view';

const s = (
  parseScenario({ parallel: { tp: 1, pp: 1, dp: 16, ep: 1 }, workload: { microBatches: 1 } }) as {
    ok: true;
    scenario: Scenario;
  }
).scenario;
const opts = { width: 560, height: 260, target: null, label: String };

describe('paramLayout', () => {
  it('EP on 16 GPUs: 5 points and 2 gaps (EP 32, 64) on the axis; the line has one piece', () => {
    const sweep = parameterSweep(s, 'ep');
    for (const m of PARAM_METRICS) {
      const layout = paramLayout(sweep, m, opts);
      expect(layout.points.map((p) => p.at)).toEqual([1, 2, 4, 8, 16, 32, 64]);
      expect(layout.points.filter((p) => p.y === null).map((p) => p.at)).toEqual([32, 64]);
      expect(layout.path.match(/M/g)).toHaveLength(1);
      // x grows with the value, inside the plot.
      const xs = layout.points.map((p) => p.x);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
      expect(xs[0]).toBeGreaterThan(layout.plotLeft);
      expect(xs.at(-1)!).toBeLessThan(layout.plotRight);
      expect(layout.current?.at).toBe(1);
    }
  });

  it('plots the metric in its axis unit: MFU in %, memory in GB, time in s', () => {
    const sweep = parameterSweep(s, 'tp');
    const first = sweep.points[0].metrics!;
    const at = (id: string) => paramLayout(sweep, paramMetric(id), opts).points[0].value;
    expect(at('mfu')).toBeCloseTo(first.mfu * 100, 12);
    expect(at('peakMemory')).toBeCloseTo(first.peakMemoryBytes / 2 ** 30, 12);
    expect(at('latency')).toBe(first.latencySeconds);
    // A point's y is where the y scale puts its value.
    const layout = paramLayout(sweep, paramMetric('mfu'), opts);
    for (const p of layout.points) expect(p.y).toBeCloseTo(layout.y(p.value!), 9);
  });

  it('a target outside the data still appears on the y axis, and points past it are marked', () => {
    const sweep = parameterSweep(s, 'microBatches');
    const m = paramMetric('latency');
    const top = Math.max(...sweep.points.filter((p) => p.metrics).map((p) => p.metrics!.latencySeconds));
    const layout = paramLayout(sweep, m, { ...opts, target: top * 2 });
    expect(layout.y.domain()[1]).toBeGreaterThanOrEqual(top * 2);
    expect(layout.points.some((p) => p.outside)).toBe(false);
    const tight = paramLayout(sweep, m, { ...opts, target: top * 0.999 });
    expect(tight.points.filter((p) => p.outside).length).toBeGreaterThan(0);
  });
});

describe('PARAM_METRICS', () => {
  it('describes exactly the metrics a link may name (view.vs)', () => {
    expect(PARAM_METRICS.map((m) => m.id)).toEqual([...PARAM_CHART_METRICS]);
  });
});
