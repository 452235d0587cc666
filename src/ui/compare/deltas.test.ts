import { describe, expect, it } from 'vitest';
import { evaluate } from '../../core';
import { scenarioPreset } from '../../presets/scenarios';
import { setAtPath } from '../../state/permalink';
import {
  bandOfPair,
  compareEvaluations,
  compareSummary,
  gpuHoursPerMTokens,
  metricDelta,
  type MetricDelta,
} from './deltas';
import { errorBandOf } from '../../core';

const mixtral = scenarioPreset('mixtral-8x7b-h100-16')!.scenario;
const withMicroBatches = (mb: number) => evaluate(setAtPath(mixtral, 'workload.microBatches', mb));
const row = (rows: MetricDelta[], id: string) => rows.find((r) => r.id === id)!;

describe('compare: Mixtral preset, micro-batches 1 (A) vs 16 (B)', () => {
  const a = withMicroBatches(1);
  const b = withMicroBatches(16);
  const rows = compareEvaluations(a, b);

  it('the simulated bubble: 1F1B on 2 stages, (p−1)/(m+p−1) = 1/2 at m = 1; lower at m = 16, which is better', () => {
    const bubble = row(rows, 'bubble');
    expect(bubble.a).toBeCloseTo(50, 6);
    expect(bubble.b).toBeCloseTo(b.pipeline.simulatedBubbleFraction * 100, 9);
    expect(bubble.b!).toBeLessThan(bubble.a!);
    expect(bubble.verdict).toBe('better');
    expect(bubble.directionText).toBe('lower is better');
    const points = bubble.b! - bubble.a!;
    expect(bubble.deltaText).toBe(`−${Math.abs(points).toFixed(1)} pts`);
    expect(bubble.pct).toBeCloseTo((points / 50) * 100, 9);
    expect(bubble.pctText).toBe(`−${Math.abs(bubble.pct!).toFixed(1)}%`);
  });

  it('step time falls and throughput rises by the evaluations’ own numbers, both better', () => {
    const t = row(rows, 'latency');
    expect(t.label).toBe('Step time');
    expect(t.a).toBe(a.latencySeconds);
    expect(t.b).toBe(b.latencySeconds);
    expect(t.pct).toBeCloseTo(((b.latencySeconds - a.latencySeconds) / a.latencySeconds) * 100, 9);
    expect(t.pct!).toBeLessThan(0);
    expect(t.verdict).toBe('better');
    expect(t.deltaText.startsWith('−')).toBe(true);
    const tp = row(rows, 'throughput');
    expect(tp.pct!).toBeGreaterThan(0);
    expect(tp.verdict).toBe('better');
    expect(tp.directionText).toBe('higher is better');
    // Same work per step: throughput scales as 1 / step time.
    expect(1 + tp.pct! / 100).toBeCloseTo(a.latencySeconds / b.latencySeconds, 6);
  });

  it('feasibility: one micro-batch holds every activation at once and overflows 80 GB; sixteen fit', () => {
    expect(a.feasible).toBe(false);
    expect(b.feasible).toBe(true);
    const f = row(rows, 'feasible');
    expect([f.aText, f.bText]).toEqual(['no: 1 error', 'yes']);
    expect(f.verdict).toBe('better');
    expect(f.deltaText).toBe('B can run; A cannot');
    const m = row(rows, 'memory');
    expect(m.b!).toBeLessThan(m.a!);
    expect(m.verdict).toBe('better');
  });

  it('cost is GPU-hours per million tokens, lower at the higher throughput', () => {
    const gpus = 2 * 2 * 4;
    expect(gpuHoursPerMTokens(b)).toBeCloseTo((gpus / 3600 / b.throughputTokensPerSec) * 1e6, 9);
    expect(row(rows, 'cost').verdict).toBe('better');
  });

  it('swapped, every verdict flips and every change changes sign', () => {
    const back = compareEvaluations(b, a);
    for (const r of rows) {
      const s = row(back, r.id);
      const flipped = r.verdict === 'better' ? 'worse' : r.verdict === 'worse' ? 'better' : r.verdict;
      expect(s.verdict, r.id).toBe(flipped);
    }
    expect(row(back, 'bubble').deltaText.startsWith('+')).toBe(true);
  });

  it('the same scenario twice: no change anywhere; no targets set (the preset has none)', () => {
    const same = compareEvaluations(b, b);
    expect(same.filter((r) => r.verdict !== 'same' && r.verdict !== 'n/a')).toEqual([]);
    expect(row(same, 'targets').aText).toBe('no targets set');
    expect(row(same, 'targets').verdict).toBe('n/a');
    expect(compareSummary(same)).toBe('A and B score the same on every metric');
    expect(compareSummary(rows)).toMatch(/^B is better than A on \d+ metrics and worse on \d+$/);
  });
});

describe('metricDelta', () => {
  it('says the direction in words and the sentence carries both values and the verdict', () => {
    const d = metricDelta({ id: 'x', label: 'MFU', direction: 'higher', unit: 'percent' }, 40, 30);
    expect(d.deltaText).toBe('−10.0 pts');
    expect(d.pctText).toBe('−25.0%');
    expect(d.verdict).toBe('worse');
    expect(d.sentence).toBe('MFU: A 40.0%, B 30.0%; −10.0 pts, −25.0%: B is worse (higher is better).');
  });

  it('a zero A has no per-cent change; a missing value is not comparable', () => {
    expect(metricDelta({ id: 'x', label: 'Warnings', direction: 'lower', unit: 'count' }, 0, 2)).toMatchObject({
      deltaText: '+2',
      pct: null,
      pctText: '',
      verdict: 'worse',
    });
    expect(metricDelta({ id: 'x', label: 'Cost', direction: 'lower', unit: 'gpuHours' }, null, 2).verdict).toBe('n/a');
  });

  it('the seed with targets: targets met counts the passes of those set', () => {
    const seed = evaluate({});
    const r = row(compareEvaluations(seed, seed), 'targets');
    const set = seed.compliance.filter((c) => c.pass !== null);
    expect(r.aText).toBe(`${set.filter((c) => c.pass).length} of ${set.length}`);
    expect(row(compareEvaluations(seed, seed), 'latency').label).toBe('Latency');
  });
});

describe('compare: changes too small to show, and unlike quantities', () => {
  it('a share moving by less than the 0.05 points its display resolves is no change, whatever its relative size', () => {
    const def = { id: 'bubble', label: 'Simulated bubble', direction: 'lower' as const, unit: 'percent' as const };
    expect(metricDelta(def, 0, 0.004).verdict).toBe('same');
    expect(metricDelta(def, 0.01, 0.04).verdict).toBe('same');
    expect(metricDelta(def, 0.01, 0.2).verdict).toBe('worse');
  });

  it('a training step against a serving pass: time, throughput, MFU and cost are not compared, and say why', () => {
    const training = withMicroBatches(16);
    const serving = evaluate(setAtPath(setAtPath(mixtral, 'workload.mode', 'inference'), 'workload.globalBatch', 16));
    const rows = compareEvaluations(training, serving);
    for (const id of ['latency', 'throughput', 'mfu', 'cost']) {
      expect(row(rows, id).verdict).toBe('n/a');
      expect(row(rows, id).sentence).toContain('A measures a training step, B a prefill pass');
    }
    // Memory is the same quantity either way.
    expect(row(rows, 'memory').verdict).not.toBe('n/a');
  });
});

describe('compare: a difference smaller than the model error (issue 14)', () => {
  const band = { key: 'training-moe', label: 'MoE training', pct: 10, rows: 7, wanted: 'training-moe-hopper' };
  const def = { id: 'latency', label: 'Step time', direction: 'lower' as const, unit: 'seconds' as const };

  it('says so when the change is inside the band, keeping the verdict', () => {
    const d = metricDelta(def, 1, 0.95, undefined, undefined, band);
    expect(d.verdict).toBe('better');
    expect(d.withinError).toBe(band);
    expect(d.withinErrorText).toBe("the difference (5.0%) is smaller than the model's error (± 10%, MoE training)");
    expect(d.sentence).toContain(d.withinErrorText);
  });

  it('says nothing at or beyond the band, for no change, or without a band', () => {
    expect(metricDelta(def, 1, 1.1, undefined, undefined, band).withinError).toBeNull();
    expect(metricDelta(def, 1, 1.2, undefined, undefined, band).withinErrorText).toBe('');
    expect(metricDelta(def, 1, 1, undefined, undefined, band).withinError).toBeNull();
    expect(metricDelta(def, 1, 0.95).withinError).toBeNull();
  });

  it('on two evaluations, the time rows use the wider of the two bands; memory has none', () => {
    const a = withMicroBatches(8);
    const b = withMicroBatches(12);
    const rows = compareEvaluations(a, b);
    const t = row(rows, 'latency');
    const pair = bandOfPair({ band: 'own' }, a, b)!;
    expect(pair).toEqual(errorBandOf(a));
    // 8 → 12 micro-batches moves the step by under 2%, inside the band of MoE training on Hopper.
    expect(Math.abs(t.pct!)).toBeLessThan(pair.pct);
    expect(t.withinError).toEqual(pair);
    expect(row(rows, 'memory').withinError).toBeNull();
  });
});
