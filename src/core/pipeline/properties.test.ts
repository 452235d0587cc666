import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { simulatePipeline } from './index';
import type { PipelineInput, PipelineResult, ScheduleName, SimBlock } from './types';

const EPS = 1e-9;
const schedules: ScheduleName[] = ['gpipe', '1f1b', 'interleaved-1f1b', 'zb-h1'];

/** Durations include exact zeros, which must not produce NaN or reorder anything. */
const duration = fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 3, noNaN: true }));

const inputArb: fc.Arbitrary<PipelineInput> = fc
  .record({
    schedule: fc.constantFrom(...schedules),
    stages: fc.integer({ min: 1, max: 8 }),
    microBatches: fc.integer({ min: 1, max: 24 }),
    v: fc.integer({ min: 1, max: 4 }),
    transferSeconds: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    forwardOnly: fc.boolean(),
    seed: fc.array(fc.tuple(duration, duration, duration), { minLength: 32, maxLength: 32 }),
  })
  .map(({ schedule, stages, microBatches, v, transferSeconds, forwardOnly, seed }) => {
    const vv = schedule === 'interleaved-1f1b' ? v : 1;
    const chunks = Array.from({ length: stages * vv }, (_, j) => {
      const [f, b, w] = seed[j % seed.length];
      return { forward: f, backwardInput: b, backwardWeight: w };
    });
    return { schedule, stages, microBatches, virtualStages: vv, chunks, transferSeconds, forwardOnly };
  });

const key = (j: number, mb: number, kind: string) => `${j}:${mb}:${kind}`;

/** Checks every invariant that must hold for any input; returns the blocks by (virtual stage, micro-batch, kind). */
function checkInvariants(input: PipelineInput, r: PipelineResult): Map<string, SimBlock> {
  const { stages: P, microBatches: m, schedule, forwardOnly } = input;
  const v = input.virtualStages;
  const V = P * v;
  const zb = schedule === 'zb-h1';
  const kinds = forwardOnly ? 1 : zb ? 3 : 2;
  expect(r.timeline).toHaveLength(P * m * v * kinds);

  const blocks = new Map<string, SimBlock>();
  for (const b of r.timeline) {
    expect(Number.isFinite(b.start) && Number.isFinite(b.end)).toBe(true);
    expect(b.start).toBeGreaterThanOrEqual(0);
    const k = key(b.chunk * P + b.stage, b.microBatch, b.kind);
    expect(blocks.has(k)).toBe(false); // each op exactly once
    blocks.set(k, b);
  }
  // Sorted by stage then start, and no two blocks overlap on a device.
  for (let n = 1; n < r.timeline.length; n++) {
    const a = r.timeline[n - 1];
    const b = r.timeline[n];
    expect(b.stage).toBeGreaterThanOrEqual(a.stage);
    if (a.stage === b.stage) expect(b.start).toBeGreaterThanOrEqual(a.end - EPS);
  }
  const hop = P > 1 ? input.transferSeconds : 0;
  for (let j = 0; j < V; j++) {
    for (let mb = 0; mb < m; mb++) {
      const f = blocks.get(key(j, mb, 'F'))!;
      expect(f.end - f.start).toBeCloseTo(input.chunks[j].forward, 9);
      if (j > 0) expect(f.start).toBeGreaterThanOrEqual(blocks.get(key(j - 1, mb, 'F'))!.end + hop - EPS);
      if (forwardOnly) continue;
      const b = blocks.get(key(j, mb, 'B'))!;
      if (j < V - 1) expect(b.start).toBeGreaterThanOrEqual(blocks.get(key(j + 1, mb, 'B'))!.end + hop - EPS);
      else expect(b.start).toBeGreaterThanOrEqual(f.end - EPS);
      if (zb) expect(blocks.get(key(j, mb, 'W'))!.start).toBeGreaterThanOrEqual(b.end - EPS);
    }
  }
  const maxEnd = r.timeline.reduce((x, b) => Math.max(x, b.end), 0);
  expect(r.makespan).toBeCloseTo(maxEnd, 9);
  for (const busy of r.busySeconds) expect(r.makespan).toBeGreaterThanOrEqual(busy - EPS);
  expect(r.bubbleFraction).toBeGreaterThanOrEqual(0);
  expect(r.bubbleFraction).toBeLessThanOrEqual(1);
  return blocks;
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
        checkInvariants(input, simulatePipeline(input));
      }),
      // Up to ~70 ms a run on a loaded machine (an expect per block): 30 runs stay well inside the 5 s timeout.
      { numRuns: 30 },
    );
  });

  it('1F1B keeps at most P−i micro-batches in flight on device i; ZB-H1 the same, and at most P awaiting W', () => {
    const arb = inputArb.filter((x) => (x.schedule === '1f1b' || x.schedule === 'zb-h1') && !x.forwardOnly);
    fc.assert(
      fc.property(arb, (input) => {
        const r = simulatePipeline(input);
        for (let i = 0; i < input.stages; i++) {
          expect(maxInFlight(r, i, 'F', 'B')).toBeLessThanOrEqual(input.stages - i);
          if (input.schedule === 'zb-h1') expect(maxInFlight(r, i, 'F', 'W')).toBeLessThanOrEqual(input.stages);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('non-interleaved makespan ≥ the busiest stage’s lower bound (work plus the ramp up and, without W, back)', () => {
    const arb = inputArb.filter((x) => x.schedule !== 'interleaved-1f1b' && !x.forwardOnly);
    fc.assert(
      fc.property(arb, (input) => {
        const r = simulatePipeline(input);
        const t = input.stages > 1 ? input.transferSeconds : 0;
        const c = input.chunks;
        let up = 0; // Σ_{i<s} Fᵢ + s·t: earliest first input at stage s
        let down = 0; // Σ_{i<s} Bᵢ + s·t: gradient of the last B back to stage 0
        for (let s = 0; s < input.stages; s++) {
          const work = input.microBatches * (c[s].forward + c[s].backwardInput + c[s].backwardWeight);
          // Under ZB-H1 a stage may end on a W, which nothing waits for.
          const bound = up + work + (input.schedule === 'zb-h1' ? 0 : down);
          expect(r.makespan).toBeGreaterThanOrEqual(bound - 1e-9 * Math.max(1, bound));
          up += c[s].forward + t;
          down += c[s].backwardInput + (input.schedule === 'zb-h1' ? 0 : c[s].backwardWeight) + t;
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
            simulatePipeline({ schedule: '1f1b', stages: P, microBatches: mm, virtualStages: 1, chunks, transferSeconds: 0, forwardOnly: false })
              .bubbleFraction;
          expect(at(m + 1)).toBeLessThanOrEqual(at(m) + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});
