import { describe, it, expect } from 'vitest';
import { analyticBubble, simulatePipeline } from './index';
import type { ChunkDurations, PipelineInput, ScheduleId, SimBlock } from './index';
import type { TimelineBlock } from '../evaluation';
import type { Schedule } from '../scenario/types';

/** P·v equal chunks; per-chunk times are the device's times split v ways. */
function equal(P: number, v: number, F: number, B: number, W: number): ChunkDurations[] {
  return Array.from({ length: P * v }, () => ({ forward: F / v, backwardInput: B / v, backwardWeight: W / v }));
}

function run(schedule: ScheduleId, P: number, m: number, opts: Partial<PipelineInput> = {}) {
  const v = opts.virtualStages ?? 1;
  return simulatePipeline({
    schedule,
    stages: P,
    microBatches: m,
    virtualStages: v,
    // F = 1, B = 2 per device (B split 1 + 1 so ZB-H1 has a W).
    chunks: opts.chunks ?? equal(P, v, 1, 1, 1),
    transferSeconds: opts.transferSeconds ?? 0,
    forwardOnly: opts.forwardOnly ?? false,
  });
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('equal stages, free communication: textbook bubbles', () => {
  for (const schedule of ['gpipe', '1f1b'] as const) {
    for (const P of [2, 4, 8]) {
      for (const m of [1, 4, 8, 32]) {
        it(`${schedule} P=${P} m=${m}: (P−1)/(m+P−1)`, () => {
          const r = run(schedule, P, m);
          const expected = (P - 1) / (m + P - 1);
          expect(rel(r.bubbleFraction, expected)).toBeLessThan(0.01);
          expect(analyticBubble(schedule, P, m, 1).fraction).toBeCloseTo(expected, 12);
          // F = 1, B = 2: the makespan is (m+P−1)(F+B).
          expect(r.makespan).toBeCloseTo((m + P - 1) * 3, 9);
        });
      }
    }
  }

  for (const v of [2, 4]) {
    for (const P of [2, 4, 8]) {
      for (const m of [P, 2 * P, 4 * P]) {
        it(`interleaved v=${v} P=${P} m=${m}: (P−1)/(v·m+P−1), below 1F1B`, () => {
          const r = run('interleaved-1f1b', P, m, { virtualStages: v });
          const expected = (P - 1) / (v * m + P - 1);
          // Within 3% (in practice exact: Megatron's order leaves no extra idle when m % P = 0).
          expect(rel(r.bubbleFraction, expected)).toBeLessThan(0.03);
          expect(r.bubbleFraction).toBeLessThan(run('1f1b', P, m).bubbleFraction);
        });
      }
    }
  }

  it('interleaved with m % P ≠ 0 still simulates, beats 1F1B, and meets the formula when m ≥ P', () => {
    for (const [P, m, v] of [
      [4, 6, 2],
      [4, 5, 2],
      [4, 11, 3],
      [8, 12, 2],
      [8, 20, 4],
    ]) {
      const r = run('interleaved-1f1b', P, m, { virtualStages: v });
      expect(rel(r.bubbleFraction, (P - 1) / (v * m + P - 1))).toBeLessThan(0.03);
      expect(r.bubbleFraction).toBeLessThan(run('1f1b', P, m).bubbleFraction);
    }
    // m < P: the ramp cannot be hidden, but it is still no worse than 1F1B.
    const small = run('interleaved-1f1b', 4, 3, { virtualStages: 2 });
    expect(small.bubbleFraction).toBeLessThanOrEqual(run('1f1b', 4, 3).bubbleFraction);
  });

  // F = B = W. ZB-H1's idle time per device is (P−1)(F+B−W) = (P−1)·F against
  // 1F1B's (P−1)(F+B+W) = 3(P−1)·F: exactly a third (tolerance 1e-9, float
  // noise only). As a *fraction* of the shorter makespan the ratio is
  // (m+P−1)/(3m+P−1), "about a third" only for m ≫ P, so that is checked exactly.
  for (const [P, m] of [
    [4, 8],
    [4, 32],
    [8, 16],
    [8, 64],
  ]) {
    it(`zb-h1 P=${P} m=${m}: a third of 1F1B's bubble time`, () => {
      const zb = run('zb-h1', P, m);
      const ob = run('1f1b', P, m);
      const work = m * 3;
      expect((zb.makespan - work) / (ob.makespan - work)).toBeCloseTo(1 / 3, 9);
      expect(zb.bubbleFraction).toBeLessThan(ob.bubbleFraction);
      expect(zb.bubbleFraction).toBeCloseTo((P - 1) / (3 * m + P - 1), 9);
      expect(zb.bubbleFraction / ob.bubbleFraction).toBeCloseTo((m + P - 1) / (3 * m + P - 1), 9);
      expect(zb.bubbleFraction).toBeCloseTo(analyticBubble('zb-h1', P, m, 1).fraction, 9);
    });
  }
});

describe('contract with the rest of the core', () => {
  it('SimBlock is an evaluation TimelineBlock, and ScheduleId is the scenario’s Schedule', () => {
    const blocks: TimelineBlock[] = run('1f1b', 2, 2).timeline satisfies SimBlock[];
    const back: SimBlock[] = blocks;
    const names: [ScheduleId, Schedule] = ['dualpipe' satisfies Schedule, 'zb-v' satisfies ScheduleId];
    expect(back).toBe(blocks);
    expect(blocks).toHaveLength(8);
    expect(names).toHaveLength(2);
  });
});

describe('block counts', () => {
  it('2·P·m for GPipe and 1F1B, 3·P·m for ZB-H1, 2·P·m·v interleaved, P·m (·v) forward-only', () => {
    const P = 4;
    const m = 8;
    expect(run('gpipe', P, m).timeline).toHaveLength(2 * P * m);
    expect(run('1f1b', P, m).timeline).toHaveLength(2 * P * m);
    const zb = run('zb-h1', P, m).timeline;
    expect(zb).toHaveLength(3 * P * m);
    expect(zb.filter((b) => b.kind === 'W')).toHaveLength(P * m);
    // Interleaved: v chunks per device, so 2·m·v blocks per device.
    expect(run('interleaved-1f1b', P, m, { virtualStages: 2 }).timeline).toHaveLength(2 * P * m * 2);
    for (const s of ['gpipe', '1f1b', 'zb-h1'] as const) {
      const fo = run(s, P, m, { forwardOnly: true }).timeline;
      expect(fo).toHaveLength(P * m);
      expect(fo.every((b) => b.kind === 'F')).toBe(true);
    }
    expect(run('interleaved-1f1b', P, m, { virtualStages: 2, forwardOnly: true }).timeline).toHaveLength(P * m * 2);
    expect(run('1f1b', P, m).timeline.some((b) => b.kind === 'W')).toBe(false);
  });
});

describe('forward-only (inference)', () => {
  it('runs micro-batches in order and takes (m+P−1)·F', () => {
    const r = run('1f1b', 4, 8, { forwardOnly: true });
    expect(r.makespan).toBeCloseTo(11, 12);
    expect(r.bubbleFraction).toBeCloseTo(3 / 11, 12);
    expect(analyticBubble('zb-h1', 4, 8, 1, { forwardOnly: true }).fraction).toBeCloseTo(3 / 11, 12);
    for (let d = 0; d < 4; d++) {
      const mbs = r.timeline.filter((b) => b.stage === d).map((b) => b.microBatch);
      expect(mbs).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
    const iv = run('interleaved-1f1b', 4, 8, { virtualStages: 2, forwardOnly: true });
    expect(iv.bubbleFraction).toBeCloseTo(3 / 19, 12);
  });
});

describe('uneven stages', () => {
  it('hand-worked 1F1B, P=2, m=3, slow last stage (F=2, B=4 vs F=1, B=2)', () => {
    const r = run('1f1b', 2, 3, {
      chunks: [
        { forward: 1, backwardInput: 2, backwardWeight: 0 },
        { forward: 2, backwardInput: 3, backwardWeight: 1 },
      ],
    });
    const rows = r.timeline.map((b) => `${b.stage}${b.kind}${b.microBatch}@${b.start}-${b.end}`);
    expect(rows).toEqual([
      // stage 0: one warm-up forward, then F/B, then the cool-down backward.
      '0F0@0-1',
      '0F1@1-2',
      '0B0@7-9',
      '0F2@9-10',
      '0B1@13-15',
      '0B2@19-21',
      // stage 1 (the bottleneck) never idles once started.
      '1F0@1-3',
      '1B0@3-7',
      '1F1@7-9',
      '1B1@9-13',
      '1F2@13-15',
      '1B2@15-19',
    ]);
    // Closed form with a slowest last stage s: Σᵢ(Fᵢ+Bᵢ) + (m−1)(F_s+B_s) = 9 + 2·6.
    expect(r.makespan).toBe(21);
  });

  it('slow last stage, P=4, m=8: makespan = Σ(Fᵢ+Bᵢ) + (m−1)·(F_s+B_s)', () => {
    const chunks = [1, 1, 1, 2].map((k) => ({ forward: k, backwardInput: k, backwardWeight: k }));
    const r = run('1f1b', 4, 8, { chunks });
    expect(r.makespan).toBeCloseTo(3 * 3 + 6 + 7 * 6, 12);
  });

  it('61 layers over 4 stages (16/15/15/15) with zero-length W: finite, sane numbers', () => {
    const chunks = [16, 15, 15, 15].map((l) => ({ forward: l * 0.01, backwardInput: l * 0.02, backwardWeight: 0 }));
    for (const s of ['gpipe', '1f1b', 'zb-h1'] as const) {
      const r = run(s, 4, 8, { chunks, transferSeconds: 0.001 });
      expect(Number.isFinite(r.makespan)).toBe(true);
      expect(r.bubbleFraction).toBeGreaterThan(0);
      expect(r.bubbleFraction).toBeLessThan(1);
      // The 16-layer stage bounds it from below: it must do m·(F+B) after its first input.
      expect(r.makespan).toBeGreaterThanOrEqual(8 * 0.48 - 1e-12);
    }
  });
});

describe('edge cases', () => {
  it('all-zero durations: makespan 0, bubble 0, no NaN', () => {
    const r = run('zb-h1', 4, 4, { chunks: equal(4, 1, 0, 0, 0) });
    expect(r.makespan).toBe(0);
    expect(r.bubbleFraction).toBe(0);
    expect(r.timeline.every((b) => b.start === 0 && b.end === 0)).toBe(true);
  });

  it('zero compute, non-zero transfer: blocks wait for the hops', () => {
    const r = run('1f1b', 3, 2, { chunks: equal(3, 1, 0, 0, 0), transferSeconds: 1 });
    expect(r.makespan).toBe(4); // 2 hops down, 2 hops back
    expect(r.bubbleFraction).toBe(1);
  });

  it('one device, one micro-batch, no micro-batches', () => {
    const one = run('interleaved-1f1b', 1, 1, { virtualStages: 3, chunks: equal(1, 3, 3, 3, 0) });
    expect(one.makespan).toBeCloseTo(6, 12);
    expect(one.transfers).toHaveLength(0);
    const none = run('1f1b', 4, 0);
    expect(none.timeline).toHaveLength(0);
    expect(none.makespan).toBe(0);
  });

  it('transfers: one per cross-device hop, each delaying its consumer', () => {
    const r = run('1f1b', 4, 8, { transferSeconds: 0.25 });
    expect(r.transfers).toHaveLength(2 * 3 * 8);
    const f = (stage: number, mb: number) =>
      r.timeline.find((b) => b.stage === stage && b.microBatch === mb && b.kind === 'F')!;
    for (const t of r.transfers.filter((x) => x.direction === 'forward')) {
      expect(t.toStage).toBe(t.fromStage + 1);
      expect(t.start).toBe(f(t.fromStage, t.microBatch).end);
      expect(t.end - t.start).toBe(0.25);
      expect(f(t.toStage, t.microBatch).start).toBeGreaterThanOrEqual(t.end);
    }
  });

  it('a non-interleaved schedule given P·v chunks runs each device’s chunks as one block', () => {
    const folded = simulatePipeline({
      schedule: '1f1b',
      stages: 2,
      microBatches: 4,
      virtualStages: 2,
      chunks: equal(2, 2, 1, 1, 1),
      transferSeconds: 0,
      forwardOnly: false,
    });
    expect(folded.makespan).toBeCloseTo(run('1f1b', 2, 4).makespan, 12);
    expect(folded.timeline.every((b) => b.chunk === 0)).toBe(true);
  });

  it('rejects bad input with a RangeError', () => {
    expect(() => run('1f1b', 4, 8, { chunks: equal(3, 1, 1, 1, 1) })).toThrow(RangeError);
    expect(() => run('1f1b', 2, 2, { chunks: equal(2, 1, -1, 1, 1) })).toThrow(RangeError);
    expect(() => run('1f1b', 2, 2, { transferSeconds: Number.NaN })).toThrow(RangeError);
    expect(() => run('1f1b', 0, 2)).toThrow(RangeError);
    expect(() => run('gpipe', 2, 2.5)).toThrow(RangeError);
  });
});

// Timings: `npm run bench` (bench/kernels.ts), not here.
describe('scale', () => {
  it('P=64, m=256: 1F1B simulates every block', () => {
    const r = run('1f1b', 64, 256);
    expect(r.timeline).toHaveLength(2 * 64 * 256);
  });
});
