import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../core';
import { isDividing, keyTarget, sliderDependencies, sliderValues, snapIndex } from './values';

const seed = (parseScenario({}) as { ok: true; scenario: Scenario }).scenario;

describe('slider values', () => {
  it('TP divides the GPU count and the heads', () => {
    expect([1, 2, 3, 4, 5, 8, 16, 32].filter((v) => isDividing('parallel.tp', v, seed))).toEqual([1, 2, 4, 8, 16]);
  });
  it('EP divides the experts and the GPU count; micro-batches divide the batch per replica', () => {
    expect([1, 2, 4, 8, 16, 32, 64].filter((v) => isDividing('parallel.ep', v, seed))).toEqual([1, 2, 4, 8, 16]);
    // 128 sequences over DP 2: 64 per replica.
    expect([1, 3, 8, 64, 128].filter((v) => isDividing('workload.microBatches', v, seed))).toEqual([1, 8, 64]);
  });
  it('micro-batch counts follow the schedule’s grid: interleaved multiples of PP, DualPipe even from 2·PP', () => {
    const ms = [1, 2, 4, 6, 8, 12, 16, 32];
    const withSchedule = (schedule: Scenario['parallel']['schedule']) => ({
      ...seed,
      parallel: { ...seed.parallel, schedule },
    });
    // Seed: PP 4, DP 2, 64 sequences per replica.
    expect(ms.filter((v) => isDividing('workload.microBatches', v, withSchedule('interleaved-1f1b')))).toEqual([
      4, 8, 16, 32,
    ]);
    expect(ms.filter((v) => isDividing('workload.microBatches', v, withSchedule('dualpipe')))).toEqual([8, 16, 32]);
    expect(ms.filter((v) => isDividing('workload.microBatches', v, withSchedule('1f1b')))).toEqual([
      1, 2, 4, 8, 16, 32,
    ]);
  });
  it('offers every small integer, so a non-dividing value is reachable, plus the dividing ones', () => {
    const v = sliderValues('parallel.tp', seed, 4);
    expect(v.slice(0, 16)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(v).toEqual([...v].sort((a, b) => a - b));
  });
  it('dragging snaps to the nearest dividing position', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    const ok = (x: number) => 8 % x === 0;
    expect(snapIndex(values, 2, ok)).toBe(3); // 3 → 4 (ties go up)
    expect(snapIndex(values, 4, ok)).toBe(3); // 5 → 4
    expect(snapIndex(values, 6, ok)).toBe(7); // 7 → 8
    expect(snapIndex(values, 1, ok)).toBe(1);
  });
  it('a slider re-renders only for the facts it depends on', () => {
    const moved = { ...seed, parallel: { ...seed.parallel, pp: 2 } };
    expect(sliderDependencies('parallel.tp', moved)).toBe(sliderDependencies('parallel.tp', seed));
    expect(sliderDependencies('parallel.pp', moved)).not.toBe(sliderDependencies('parallel.pp', seed));
  });
});

describe('tick labels', () => {
  it('label the first and last dividing values and never two within a label width', async () => {
    const { tickLabels } = await import('./DegreeSlider');
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 32, 64, 128, 256];
    const ok = (v: number) => (v & (v - 1)) === 0;
    const labels = [...tickLabels(values, ok)].sort((a, b) => a - b);
    expect(labels[0]).toBe(0);
    expect(labels[labels.length - 1]).toBe(values.length - 1);
    const gap = Math.ceil((26 / 290) * (values.length - 1));
    for (let i = 1; i < labels.length; i++) expect(labels[i] - labels[i - 1]).toBeGreaterThanOrEqual(gap);
  });
});

describe('keyTarget: arrow keys from any value', () => {
  const positions = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
  it('from tp=47 on 16 GPUs (off the positions): ArrowLeft goes to the largest position below, ArrowRight stays (none above)', () => {
    expect(keyTarget(positions, 47, 'ArrowLeft')).toBe(16);
    expect(keyTarget(positions, 47, 'ArrowDown')).toBe(16);
    expect(keyTarget(positions, 47, 'ArrowRight')).toBe(47);
    expect(keyTarget(positions, 47, 'PageDown')).toBe(13);
  });
  it('from a value between positions: each way to the nearest position in that direction', () => {
    const v = [1, 2, 4, 8, 16, 32, 64];
    expect(keyTarget(v, 47, 'ArrowLeft')).toBe(32);
    expect(keyTarget(v, 47, 'ArrowRight')).toBe(64);
    expect(keyTarget(v, 0.5, 'ArrowLeft')).toBe(0.5);
    expect(keyTarget(v, 3, 'PageUp')).toBe(32);
  });
  it('from a position: one position per arrow, clamped at the ends; Home and End; other keys are not handled', () => {
    expect(keyTarget(positions, 8, 'ArrowRight')).toBe(9);
    expect(keyTarget(positions, 1, 'ArrowLeft')).toBe(1);
    expect(keyTarget(positions, 16, 'PageUp')).toBe(16);
    expect(keyTarget(positions, 8, 'Home')).toBe(1);
    expect(keyTarget(positions, 8, 'End')).toBe(16);
    expect(keyTarget(positions, 8, 'a')).toBeNull();
  });
});
