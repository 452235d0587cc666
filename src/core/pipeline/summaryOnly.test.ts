/** The search's simulation without a timeline reports exactly what the full one does. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SCHEDULES } from './registry';
import { simulatePipeline } from './simulate';

describe('simulatePipeline with timeline: false', () => {
  it('gives the same makespan, busy time and bubble as the full run, with empty lists, on every schedule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCHEDULES.map((s) => s.id)),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(1, 2),
        fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: 30, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (schedule, P, k, v, times, transfer, forwardOnly) => {
          const s = SCHEDULES.find((x) => x.id === schedule)!;
          const { min, step } = s.microBatchGrid(P);
          const m = min + step * k;
          const place = s.placement(P, v);
          if (s.constraints({ stages: P, microBatches: m, virtualStages: v }).some((x) => x.severity === 'error'))
            return;
          const chunks = Array.from({ length: place.virtualStages }, (_, j) => ({
            forward: times[j % 30],
            backwardInput: times[(j + 7) % 30],
            backwardWeight: times[(j + 13) % 30],
          }));
          const input = {
            schedule,
            stages: P,
            microBatches: m,
            virtualStages: v,
            chunks,
            transferSeconds: transfer,
            forwardOnly,
          };
          const full = simulatePipeline(input);
          const lean = simulatePipeline(input, { timeline: false });
          expect(lean.makespan).toBe(full.makespan);
          expect(lean.busySeconds).toEqual(full.busySeconds);
          expect(lean.bubbleFraction).toBe(full.bubbleFraction);
          expect(full.timeline.length).toBeGreaterThan(0);
          expect([lean.timeline.length, lean.transfers.length]).toEqual([0, 0]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
