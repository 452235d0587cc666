import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TimeSummary } from '../../core';
import { uiFixture } from '../../../test/evaluations';
import { testIds } from '../../../test/markup';
import { MemoryBreakdown } from './MemoryBreakdown';
import { memoryLayout } from './memoryLayout';
import { TimeBreakdown } from './TimeBreakdown';
import { timeLayout } from './timeLayout';
import { computeLayout } from './computeLayout';
import { formatSeconds } from '../format';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('memoryLayout', () => {
  it('per stage, the segments sum to perStage.totalBytes and tile the bar without gaps', () => {
    for (const e of [uiFixture('seed'), uiFixture('training1f1b')]) {
      const layout = memoryLayout(e.memory, { width: 640 });
      expect(layout.rows).toHaveLength(e.memory.perStage.length);
      layout.rows.forEach((row, i) => {
        const stage = e.memory.perStage[i];
        expect(sum(row.segments.map((s) => s.bytes))).toBeCloseTo(stage.totalBytes, 0);
        expect(row.segments.map((s) => s.part)).toEqual([
          'weights',
          'gradients',
          'optimizer',
          'activations',
          'kvCache',
          'buffers',
        ]);
        for (let k = 1; k < row.segments.length; k++) {
          const prev = row.segments[k - 1];
          expect(row.segments[k].x).toBeCloseTo(prev.x + prev.width, 6);
        }
        expect(row.segments[0].x).toBe(layout.plotLeft);
        expect(row.barEnd).toBeCloseTo(layout.x(stage.totalBytes), 6);
      });
    }
  });

  it('marks exactly the peak stage and places the capacity line on the same scale', () => {
    const e = uiFixture('training1f1b');
    const layout = memoryLayout(e.memory, { width: 640 });
    expect(layout.rows.filter((r) => r.isPeak).map((r) => r.stage)).toEqual([e.memory.peakStage]);
    expect(layout.capacityX).toBe(layout.x(e.memory.capacityBytes));
    // Under capacity, the scale ends at the capacity: the line is the right edge.
    expect(layout.capacityX).toBe(layout.plotRight);
    expect(layout.rows.every((r) => r.overBytes === 0)).toBe(true);
  });

  it('shows a stage over capacity past the line', () => {
    const e = uiFixture('trainingOverCapacity');
    const layout = memoryLayout(e.memory, { width: 640 });
    const peak = layout.rows.find((r) => r.isPeak)!;
    expect(peak.overBytes).toBe(e.memory.peakBytes - e.memory.capacityBytes);
    expect(peak.barEnd).toBe(layout.plotRight);
    expect(layout.capacityX).toBeLessThan(peak.barEnd);
    const html = renderToStaticMarkup(<MemoryBreakdown evaluation={e} />);
    expect(html).toContain('✗ over capacity');
  });

  it('adds an "other" segment when the parts miss some of the total', () => {
    const e = uiFixture('seed');
    const stage = { ...e.memory.perStage[0], totalBytes: e.memory.perStage[0].totalBytes + 2 ** 30 };
    const layout = memoryLayout({ ...e.memory, perStage: [stage] }, { width: 640 });
    const other = layout.rows[0].segments.at(-1)!;
    expect(other.part).toBe('other');
    expect(other.bytes).toBe(2 ** 30);
  });

  it('keeps many stages within a screen', () => {
    const e = uiFixture('seed');
    const perStage = Array.from({ length: 64 }, (_, i) => ({ ...e.memory.perStage[0], stage: i }));
    const layout = memoryLayout({ ...e.memory, perStage, peakStage: 0 }, { width: 360 });
    expect(layout.height).toBeLessThan(480); // well within a 844 px phone screen
  });
});

describe('MemoryBreakdown', () => {
  it('renders a bar per stage with a rect per non-zero part, the legend and the test id', () => {
    const e = uiFixture('training1f1b');
    const html = renderToStaticMarkup(<MemoryBreakdown evaluation={e} />);
    expect(html).toContain('data-testid="memory-breakdown"');
    expect(html.match(/data-stage="/g)).toHaveLength(e.memory.perStage.length);
    const nonZero = sum(e.memory.perStage.map((s) => Object.values(s.breakdown).filter((b) => b > 0).length));
    expect(html.match(/<rect[^>]*data-part=/g)).toHaveLength(nonZero);
    expect(html).toContain('capacity 64.0 GB');
    // The legend starts on the peak stage.
    expect(html).toMatch(/data-testid="memory-details"[^]*Stage 0[^]*peak stage/);
    for (const label of ['Weights', 'Gradients', 'Optimizer', 'Activations', 'KV cache', 'Buffers'])
      expect(html).toContain(label);
  });
});

describe('timeLayout', () => {
  it('segments sum to the step and span the width (seed and training)', () => {
    for (const e of [uiFixture('seed'), uiFixture('training1f1b')]) {
      const layout = timeLayout(e.time, 500);
      expect(sum(layout.segments.map((s) => s.seconds))).toBeCloseTo(e.time.stepSeconds, 12);
      expect(sum(layout.segments.map((s) => s.width))).toBeCloseTo(500, 6);
      expect(sum(layout.segments.map((s) => s.pct))).toBeCloseTo(100, 6);
      expect(layout.excessSeconds).toBe(0);
      expect(layout.segments.find((s) => s.part === 'compute')!.seconds).toBe(e.time.computeSeconds);
      expect(layout.segments.find((s) => s.part === 'tp')!.seconds).toBe(e.time.exposedCommSeconds.tp);
    }
  });

  it('shows the unexplained remainder as "other" when parts fall short of the step', () => {
    const time: TimeSummary = {
      stepSeconds: 1,
      computeSeconds: 0.5,
      bubbleSeconds: 0.1,
      exposedCommSeconds: { tp: 0.1, ep: 0, pp: 0, dp: 0 },
      optimizerSeconds: 0,
    };
    const layout = timeLayout(time, 100);
    const other = layout.segments.at(-1)!;
    expect(other.part).toBe('other');
    expect(other.seconds).toBeCloseTo(0.3, 12);
    expect(other.pct).toBeCloseTo(30, 9);
    expect(sum(layout.segments.map((s) => s.seconds))).toBeCloseTo(1, 12);
  });

  it('reports parts that exceed the step instead of hiding them', () => {
    const time: TimeSummary = {
      stepSeconds: 1,
      computeSeconds: 0.9,
      bubbleSeconds: 0.3,
      exposedCommSeconds: { tp: 0, ep: 0, pp: 0, dp: 0 },
      optimizerSeconds: 0,
    };
    const layout = timeLayout(time, 120);
    expect(layout.excessSeconds).toBeCloseTo(0.2, 12);
    expect(layout.stepX).toBeCloseTo(100, 9);
    expect(layout.segments.some((s) => s.part === 'other')).toBe(false);
  });
});

describe('TimeBreakdown', () => {
  it('labels the step time and renders a rect per non-zero part', () => {
    const e = uiFixture('training1f1b');
    const html = renderToStaticMarkup(<TimeBreakdown evaluation={e} />);
    expect(html).toContain('data-testid="time-breakdown"');
    expect(testIds(html, 'step-time')).toHaveLength(1);
    expect(html).toContain(`${formatSeconds(e.time.stepSeconds)} per training step`);
    const nonZero = timeLayout(e.time, 640).segments.filter((s) => s.width > 0).length;
    expect(html.match(/<g data-part=/g)).toHaveLength(nonZero);
    expect(html).toContain('Pipeline wait');
  });

  it('stripes TP and dots EP, names them in the bar when wide enough, and textures their legend chips', () => {
    const f = uiFixture('training1f1b');
    // Move a fifth of the step from compute to TP so its segment is wide enough for its name at 640 px.
    const moved = f.time.stepSeconds / 5;
    const time = {
      ...f.time,
      computeSeconds: f.time.computeSeconds - moved,
      exposedCommSeconds: { ...f.time.exposedCommSeconds, tp: f.time.exposedCommSeconds.tp + moved },
    };
    const e = { ...f, time };
    const html = renderToStaticMarkup(<TimeBreakdown evaluation={e} />);
    const seg = (part: string) => timeLayout(e.time, 640).segments.find((s) => s.part === part)!;
    expect(html).toMatch(
      /<g data-part="tp" data-texture="stripes"><rect[^>]*>.*?<\/rect><rect[^>]*fill="url\(#tb-stripes-/,
    );
    expect(html).toMatch(/<g data-part="ep" data-texture="dots"><rect[^>]*>.*?<\/rect><rect[^>]*fill="url\(#tb-dots-/);
    expect(html).toMatch(/<g data-part="compute"><rect/);
    // Wide TP carries its name with its percentage; narrow EP (< 64 px) only its percentage, if that fits.
    expect(seg('tp').width).toBeGreaterThanOrEqual(64);
    expect(html).toContain(`>TP ${seg('tp').pct.toFixed(0)}%</text>`);
    expect(seg('ep').width).toBeLessThan(64);
    expect(html).not.toMatch(/>EP [0-9]/);
    expect(html.match(/data-texture="stripes"/g)).toHaveLength(2); // segment and legend chip
    expect(html.match(/data-texture="dots"/g)).toHaveLength(2);
  });
});

describe('inside compute', () => {
  it('splits the compute of the step-setting GPU by kind of work; the parts add up to it and tile the bar', () => {
    const e = uiFixture('training1f1b');
    const parts = e.time.computeParts!;
    expect(sum(parts.map((p) => p.seconds))).toBeCloseTo(e.time.computeSeconds, 9);
    const segs = computeLayout(parts, e.time.stepSeconds, 500);
    expect(sum(segs.map((s) => s.width))).toBeCloseTo(500, 6);
    expect(sum(segs.map((s) => s.pct))).toBeCloseTo((e.time.computeSeconds / e.time.stepSeconds) * 100, 6);
    // An MoE model shows its router, permutation and expert GEMMs as parts of their own.
    for (const p of ['router', 'permute', 'routedExperts']) expect(segs.map((s) => s.part)).toContain(p);
  });

  it('renders a rect per part with its name in the legend', () => {
    const e = uiFixture('training1f1b');
    const html = renderToStaticMarkup(<TimeBreakdown evaluation={e} />);
    expect(testIds(html, 'compute-parts')).toHaveLength(1);
    expect(html.match(/<g data-compute-part=/g)).toHaveLength(e.time.computeParts!.length);
    expect(html).toContain('Permute / unpermute');
    expect(html).toContain('Routed experts');
  });
});
