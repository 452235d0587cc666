/** The shared line-chart layout: log-2 x, y from zero to past the target, gaps, misses, the current marker. */
import { describe, expect, it } from 'vitest';
import { lineChartLayout, valueTicks, type LineChartOptions } from './lineChart';

type D = { at: number; v: number | null };
const data: D[] = [
  { at: 1, v: 10 },
  { at: 2, v: 20 },
  { at: 4, v: null },
  { at: 8, v: Number.NaN },
  { at: 16, v: 40 },
  { at: 32, v: 30 },
];
const base: LineChartOptions<D> = {
  width: 500,
  height: 200,
  margin: { left: 50, right: 10, top: 20, bottom: 30 },
  data,
  at: (d) => d.at,
  value: (d) => d.v,
  kind: 'max',
  target: null,
  current: null,
  xTicks: ({ lo, hi }) => [lo, hi],
  xLabel: String,
  yLabel: String,
};

describe('lineChartLayout', () => {
  it('puts x on a log-2 scale: each doubling moves the same distance, ends on the frame', () => {
    const l = lineChartLayout(base);
    const xs = l.points.map((p) => p.x);
    expect(xs[0]).toBe(l.plotLeft);
    expect(xs[5]).toBe(l.plotRight);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeCloseTo((l.plotRight - l.plotLeft) / 5, 9);
  });

  it('padEnds keeps the end points off the frame', () => {
    const l = lineChartLayout({ ...base, padEnds: true });
    expect(l.points[0].x).toBeGreaterThan(l.plotLeft);
    expect(l.points[5].x).toBeLessThan(l.plotRight);
  });

  it('null and non-finite values are gaps: no y, and the line restarts after them', () => {
    const l = lineChartLayout(base);
    expect(l.points.map((p) => p.value)).toEqual([10, 20, null, null, 40, 30]);
    expect(l.points.map((p) => p.y === null)).toEqual([false, false, true, true, false, false]);
    expect(l.path.match(/M/g)).toHaveLength(2);
    expect(l.max).toBe(40);
  });

  it('the y axis starts at zero and reaches past a target above the data; misses follow the kind', () => {
    const high = lineChartLayout({ ...base, target: 100 });
    expect(high.y.domain()[0]).toBe(0);
    expect(high.y.domain()[1]).toBeGreaterThanOrEqual(100);
    expect(high.target!.y).toBe(high.y(100));
    expect(high.points.some((p) => p.outside)).toBe(false);
    const max = lineChartLayout({ ...base, target: 25 });
    expect(max.points.map((p) => p.outside)).toEqual([false, false, false, false, true, true]);
    const min = lineChartLayout({ ...base, kind: 'min', target: 25 });
    expect(min.points.map((p) => p.outside)).toEqual([true, true, false, false, false, false]);
  });

  it('marks the current x inside the domain, its label on the side with room', () => {
    const l = lineChartLayout({ ...base, current: 64 });
    expect(l.x.domain()[1]).toBe(64);
    expect(l.current).toEqual({ at: 64, x: l.plotRight, labelAnchor: 'end' });
    expect(lineChartLayout({ ...base, current: 1 }).current!.labelAnchor).toBe('start');
    expect(lineChartLayout(base).current).toBeNull();
  });

  it('a one-value chart still spans an octave each side', () => {
    const l = lineChartLayout({ ...base, data: [{ at: 8, v: 1 }] });
    expect(l.x.domain()).toEqual([4, 16]);
  });
});

describe('valueTicks', () => {
  it('every value when there is room, else every nth and always the current one', () => {
    expect(valueTicks([1, 2, 4, 8], null, 400, 34)).toEqual([1, 2, 4, 8]);
    // 6 labels × 34 px in 100 px: every 3rd (1, 8), plus the current 4.
    expect(valueTicks([1, 2, 4, 8, 16, 32], 4, 100, 34)).toEqual([1, 4, 8]);
  });
});
