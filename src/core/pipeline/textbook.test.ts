/**
 * Every schedule's textbook bubble is exact for this simulator: with equal
 * stages and free transfers, for training and inference, the formula and the
 * simulation give the same idle time and fraction (issue 6, "Done means").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEDULES, scheduleById, type ScheduleId } from './registry';
import { simulatePipeline } from './simulate';
import type { ChunkDurations } from './types';

/** Shapes inside each schedule's rules (its constraints() reports nothing for them). */
const shapes: Record<ScheduleId, fc.Arbitrary<{ P: number; m: number; v: number }>> = {
  gpipe: fc.record({ P: fc.integer({ min: 1, max: 8 }), m: fc.integer({ min: 1, max: 16 }), v: fc.constant(1) }),
  '1f1b': fc.record({ P: fc.integer({ min: 1, max: 8 }), m: fc.integer({ min: 1, max: 16 }), v: fc.constant(1) }),
  'interleaved-1f1b': fc
    .record({
      P: fc.integer({ min: 2, max: 6 }),
      groups: fc.integer({ min: 1, max: 4 }),
      v: fc.integer({ min: 2, max: 4 }),
    })
    .map(({ P, groups, v }) => ({ P, m: P * groups, v })),
  'zb-h1': fc.record({ P: fc.integer({ min: 1, max: 8 }), m: fc.integer({ min: 1, max: 16 }), v: fc.constant(1) }),
  'zb-v': fc
    .record({ P: fc.integer({ min: 1, max: 6 }), extra: fc.integer({ min: 0, max: 8 }) })
    .map(({ P, extra }) => ({ P, m: 2 * P - 1 + extra, v: 1 })),
  dualpipe: fc
    .record({ half: fc.integer({ min: 1, max: 4 }), extra: fc.integer({ min: 0, max: 4 }) })
    .map(({ half, extra }) => ({ P: 2 * half, m: 4 * half + 2 * extra, v: 1 })),
};

const seconds = fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 3, noNaN: true }));
const durationsArb: fc.Arbitrary<ChunkDurations> = fc.record({
  forward: fc.double({ min: 0.01, max: 3, noNaN: true }),
  backwardInput: seconds,
  backwardWeight: seconds,
});

describe('textbook bubble = simulated bubble (equal stages, free transfers)', () => {
  for (const schedule of SCHEDULES) {
    for (const forwardOnly of [false, true]) {
      it(`${schedule.label}, ${forwardOnly ? 'inference' : 'training'}`, () => {
        fc.assert(
          fc.property(shapes[schedule.id], durationsArb, ({ P, m, v }, d) => {
            const shape = { stages: P, microBatches: m, virtualStages: v };
            expect(schedule.constraints(shape)).toEqual([]);
            const V = schedule.placement(P, v).virtualStages;
            const sim = simulatePipeline({
              schedule: schedule.id,
              ...shape,
              chunks: Array.from({ length: V }, () => d),
              transferSeconds: 0,
              forwardOnly,
            });
            const book = schedule.textbookBubble({ ...shape, durations: d, forwardOnly });
            const meanBusy = sim.busySeconds.reduce((a, b) => a + b, 0) / P;
            const scale = Math.max(1, sim.makespan);
            expect(book.applies).toBe(true);
            expect(Math.abs(book.idleSeconds - (sim.makespan - meanBusy))).toBeLessThan(1e-9 * scale);
            expect(Math.abs(book.fraction - sim.bubbleFraction)).toBeLessThan(1e-9);
          }),
          { numRuns: 60 },
        );
      });
    }
  }

  it('outside a schedule’s rules there is no textbook value, and the formula says so', () => {
    const dp = scheduleById('dualpipe').textbookBubble({
      stages: 3,
      microBatches: 8,
      virtualStages: 1,
      durations: { forward: 1, backwardInput: 1, backwardWeight: 1 },
      forwardOnly: false,
    });
    expect(dp).toMatchObject({ applies: false, fraction: 0 });
    expect(dp.formula).toContain('even');
    const zv = scheduleById('zb-v').textbookBubble({
      stages: 4,
      microBatches: 6,
      virtualStages: 1,
      durations: { forward: 1, backwardInput: 1, backwardWeight: 1 },
      forwardOnly: false,
    });
    expect(zv).toMatchObject({ applies: false });
    expect(zv.formula).toContain('2P−1');
  });
});
