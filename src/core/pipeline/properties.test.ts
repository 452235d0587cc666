import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { simulatePipeline } from './index';
import { SCHEDULE_IDS, scheduleById, type PipelineInput, type PipelineResult, type SimBlock } from './index';

const EPS = 1e-9;

/** Durations include exact zeros, which must not produce NaN or reorder anything. */
const duration = fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 3, noNaN: true }));

/** Any schedule and shape, inside its rules or not: outside them a schedule still runs (and reports violations). */
const inputArb: fc.Arbitrary<PipelineInput> = fc
  .record({
    schedule: fc.constantFrom(...SCHEDULE_IDS),
    stages: fc.integer({ min: 1, max: 8 }),
    microBatches: fc.integer({ min: 1, max: 16 }),
    v: fc.integer({ min: 1, max: 4 }),
    transferSeconds: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    forwardOnly: fc.boolean(),
    seed: fc.array(fc.tuple(duration, duration, duration), { minLength: 32, maxLength: 32 }),
  })
  .map(({ schedule, stages, microBatches, v, transferSeconds, forwardOnly, seed }) => {
    const V = scheduleById(schedule).placement(stages, v).virtualStages;
    const chunks = Array.from({ length: V }, (_, j) => {
      const [f, b, w] = seed[j % seed.length];
      return { forward: f, backwardInput: b, backwardWeight: w };
    });
    return { schedule, stages, microBatches, virtualStages: v, chunks, transferSeconds, forwardOnly };
  });

const key = (j: number, mb: number, kind: string) => `${j}:${mb}:${kind}`;

/**
 * Checks every invariant that must hold for any input and returns what
 * breaks (plain checks, one expect per run: a few thousand expect calls per
 * run would make the property slow).
 */
function invariantErrors(input: PipelineInput, r: PipelineResult): string[] {
  const errors: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok && errors.length < 5) errors.push(what);
  };
  const near = (a: number, b: number) => Math.abs(a - b) <= EPS * Math.max(1, Math.abs(b));
  const { stages: P, microBatches: m, forwardOnly } = input;
  const schedule = scheduleById(input.schedule);
  const place = schedule.placement(P, input.virtualStages);
  const v = place.chunksPerDevice;
  check(
    r.timeline.length ===
      schedule.blocks({ stages: P, microBatches: m, virtualStages: input.virtualStages }, forwardOnly),
    'block count',
  );

  const blocks = new Map<string, SimBlock>();
  for (const b of r.timeline) {
    check(Number.isFinite(b.start) && Number.isFinite(b.end) && b.start >= 0, `finite start ${b.start}`);
    const j = place.stageOf[b.stage * v + b.chunk];
    check(place.deviceOf[j] === b.stage, `chunk ${b.chunk} of device ${b.stage} is virtual stage ${j}`);
    const k = key(j, b.microBatch, b.kind);
    check(!blocks.has(k), `${k} twice`); // each op exactly once
    blocks.set(k, b);
  }
  // Sorted by stage then start, and no two blocks overlap on a device.
  for (let n = 1; n < r.timeline.length; n++) {
    const a = r.timeline[n - 1];
    const b = r.timeline[n];
    check(b.stage >= a.stage, 'sorted by device');
    if (a.stage === b.stage) check(b.start >= a.end - EPS, `overlap on device ${a.stage}`);
  }
  const hop = (j: number) => (P > 1 && place.deviceOf[j] !== place.deviceOf[j + 1] ? input.transferSeconds : 0);
  for (let mb = 0; mb < m; mb++) {
    const { first, last } = place.lanes[schedule.laneOf(mb, m)];
    for (let j = first; j <= last; j++) {
      const c = input.chunks[j];
      const f = blocks.get(key(j, mb, 'F'));
      if (!f) {
        check(false, `F of ${j}:${mb} missing`);
        continue;
      }
      check(near(f.end - f.start, c.forward), `F ${j}:${mb} lasts F`);
      if (j > first)
        check(f.start >= blocks.get(key(j - 1, mb, 'F'))!.end + hop(j - 1) - EPS, `F ${j}:${mb} after its input`);
      if (forwardOnly) continue;
      const b = blocks.get(key(j, mb, 'B'))!;
      const w = blocks.get(key(j, mb, 'W'));
      // A backward is whole unless its weight gradients run as a separate W.
      check(near(b.end - b.start, w ? c.backwardInput : c.backwardInput + c.backwardWeight), `B ${j}:${mb} duration`);
      if (w) check(w.start >= b.end - EPS && near(w.end - w.start, c.backwardWeight), `W ${j}:${mb} after its B`);
      if (j < last)
        check(b.start >= blocks.get(key(j + 1, mb, 'B'))!.end + hop(j) - EPS, `B ${j}:${mb} after its gradient`);
      else check(b.start >= f.end - EPS, `B ${j}:${mb} after the loss`);
    }
  }
  const maxEnd = r.timeline.reduce((x, b) => Math.max(x, b.end), 0);
  check(near(r.makespan, maxEnd), 'makespan = last end');
  for (const busy of r.busySeconds) check(r.makespan >= busy - EPS, 'makespan ≥ busy');
  check(r.bubbleFraction >= 0 && r.bubbleFraction <= 1, 'bubble in [0, 1]');
  return errors;
}

/** Max over time of (# of `open` blocks done − # of `close` blocks done) on one device. */
function maxInFlight(r: PipelineResult, stage: number, open: string, close: string): number {
  let live = 0;
  let peak = 0;
  for (const b of r.timeline) {
    if (b.stage !== stage) continue;
    if (b.kind === open) peak = Math.max(peak, ++live);
    else if (b.kind === close) live--;
  }
  return peak;
}

describe('pipeline simulator invariants (fast-check)', () => {
  it('dependencies, no overlap, counts, makespan ≥ busy, for every schedule', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(invariantErrors(input, simulatePipeline(input))).toEqual([]);
      }),
      // Up to ~70 ms a run on a loaded machine (an expect per block): 30 runs stay well inside the 5 s timeout.
      { numRuns: 30 },
    );
  });

  it('inside its rules, no device holds more activations than its schedule tells memory (counted from F to B)', () => {
    const inside = (x: PipelineInput) =>
      scheduleById(x.schedule)
        .constraints({ stages: x.stages, microBatches: x.microBatches, virtualStages: x.virtualStages })
        .every((c) => c.severity !== 'error');
    const arb = inputArb.filter((x) => !x.forwardOnly && inside(x));
    fc.assert(
      fc.property(arb, (input) => {
        const r = simulatePipeline(input);
        const schedule = scheduleById(input.schedule);
        const shape = { stages: input.stages, microBatches: input.microBatches, virtualStages: input.virtualStages };
        const chunks = schedule.chunksPerDevice(input.virtualStages);
        for (let i = 0; i < input.stages; i++) {
          // In chunk activations: the schedule counts micro-batches through all of the device's chunks.
          expect(maxInFlight(r, i, 'F', 'B')).toBeLessThanOrEqual(
            schedule.inFlightMicroBatches(shape, i) * chunks + EPS,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('one chunk per device: makespan ≥ the busiest stage’s lower bound (work plus the ramp up and, without W, back)', () => {
    const arb = inputArb.filter(
      (x) => scheduleById(x.schedule).chunksPerDevice(x.virtualStages) === 1 && !x.forwardOnly,
    );
    fc.assert(
      fc.property(arb, (input) => {
        const r = simulatePipeline(input);
        const t = input.stages > 1 ? input.transferSeconds : 0;
        const c = input.chunks;
        let up = 0; // Σ_{i<s} Fᵢ + s·t: earliest first input at stage s
        let down = 0; // Σ_{i<s} Bᵢ + s·t: gradient of the last B back to stage 0
        for (let s = 0; s < input.stages; s++) {
          const work = input.microBatches * (c[s].forward + c[s].backwardInput + c[s].backwardWeight);
          // When W is split off, a stage may end on a W, which nothing waits for.
          const split = scheduleById(input.schedule).backwardSplit !== 'none';
          const bound = up + work + (split ? 0 : down);
          expect(r.makespan).toBeGreaterThanOrEqual(bound - 1e-9 * Math.max(1, bound));
          up += c[s].forward + t;
          down += c[s].backwardInput + (split ? 0 : c[s].backwardWeight) + t;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('equal stages, free communication: more micro-batches never raise the 1F1B bubble fraction', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        (P, m, F, B) => {
          const chunks = Array.from({ length: P }, () => ({ forward: F, backwardInput: B, backwardWeight: 0 }));
          const at = (mm: number) =>
            simulatePipeline({
              schedule: '1f1b',
              stages: P,
              microBatches: mm,
              virtualStages: 1,
              chunks,
              transferSeconds: 0,
              forwardOnly: false,
            }).bubbleFraction;
          expect(at(m + 1)).toBeLessThanOrEqual(at(m) + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
