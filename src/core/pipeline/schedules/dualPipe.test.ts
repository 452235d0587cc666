/**
 * DualPipe against the DeepSeek-V3 report (§3.2.1, Fig. 5, Table 2) and its
 * reference implementation (github.com/deepseek-ai/DualPipe, DualPipe.step).
 * The tables were written out from the reference's eight steps; P = 8 with
 * 20 micro-batches is Fig. 5 (its upward micro-batches are unnumbered there;
 * here they count from 0 with a prime).
 */
import { describe, expect, it } from 'vitest';
import { opListText } from '../opText';
import { simulatePipeline } from '../simulate';
import type { ChunkDurations } from '../types';
import { dualPipe } from './dualPipe';

const unit: ChunkDurations = { forward: 1, backwardInput: 1, backwardWeight: 1 };
const run = (id: 'dualpipe' | '1f1b' | 'zb-h1', P: number, m: number, d: ChunkDurations = unit, forwardOnly = false) =>
  simulatePipeline({
    schedule: id,
    stages: P,
    microBatches: m,
    virtualStages: 1,
    transferSeconds: 0,
    forwardOnly,
    chunks: Array.from({ length: id === 'dualpipe' ? 2 * P : P }, () => d),
  });

/** Idle gaps of device d before its last block, as "length@start". */
function gaps(r: ReturnType<typeof run>, d: number): string[] {
  const out: string[] = [];
  let t = 0;
  for (const b of r.timeline.filter((x) => x.stage === d)) {
    if (b.start > t + 1e-9) out.push(`${b.start - t}@${t}`);
    t = b.end;
  }
  return out;
}

/** Most stage activations device d holds, counted from F to B over its op list. */
function peakActivations(text: string): number {
  let live = 0;
  let peak = 0;
  for (const op of text.split(/[ &]/)) {
    if (op.startsWith('F')) peak = Math.max(peak, ++live);
    else if (/^[Bb]/.test(op)) live--;
  }
  return peak;
}

describe('DualPipe op order, block by block', () => {
  // F3 forward of the 3rd micro-batch going down, F3′ of the 3rd going up; B a whole backward,
  // b input gradients only with its W later; "&" a fused forward-and-backward pair.
  it('P = 4, 10 micro-batches', () => {
    expect(opListText('dualpipe', 4, 10, 1, false)).toEqual([
      'F0 F1 F2 F0′ b0′ W0′ F1′ F3&B1′ F2′&B0 F4&B2′ F3′&B1 B3′ F4′&B2 B4′ b3 W3 b4 W4',
      'F0 F0′ F1 F1′ F2 B0′ F2′&B0 F3&B1′ F3′&B1 F4&B2′ F4′&B2 B3′ B3 b4′ b4 W4′ W4',
      'F0′ F0 F1′ F1 F2′ B0 F2&B0′ F3′&B1 F3&B1′ F4′&B2 F4&B2′ B3 B3′ b4 b4′ W4 W4′',
      'F0′ F1′ F2′ F0 b0 W0 F1 F3′&B1 F2&B0′ F4′&B2 F3&B1′ B3 F4&B2′ B4 b3′ W3′ b4′ W4′',
    ]);
  });

  it('P = 8, 20 micro-batches (Fig. 5)', () => {
    expect(opListText('dualpipe', 8, 20, 1, false)).toEqual([
      'F0 F1 F2 F3 F4 F5 F6 F0′ b0′ W0′ F1′ b1′ W1′ F2′ b2′ W2′ F3′ F7&B3′ F4′&B0 F8&B4′ F5′&B1 F9&B5′ F6′&B2 B6′ F7′&B3 B7′ F8′&B4 B8′ F9′&B5 B9′ b6 W6 b7 W7 b8 W8 b9 W9',
      'F0 F1 F2 F3 F4 F0′ F5 F1′ b0′ W0′ F2′ b1′ W1′ F3′ F6&B2′ F4′&B0 F7&B3′ F5′&B1 F8&B4′ F6′&B2 F9&B5′ F7′&B3 B6′ F8′&B4 B7′ F9′&B5 B8′ B6 b9′ b7 W9′ b8 W7 b9 W8 W9',
      'F0 F1 F2 F0′ F3 F1′ F4 F2′ b0′ W0′ F3′ F5&B1′ F4′&B0 F6&B2′ F5′&B1 F7&B3′ F6′&B2 F8&B4′ F7′&B3 F9&B5′ F8′&B4 B6′ F9′&B5 B7′ B6 B8′ b7 b9′ b8 W7 b9 W9′ W8 W9',
      'F0 F0′ F1 F1′ F2 F2′ F3 F3′ F4 B0′ F4′&B0 F5&B1′ F5′&B1 F6&B2′ F6′&B2 F7&B3′ F7′&B3 F8&B4′ F8′&B4 F9&B5′ F9′&B5 B6′ B6 B7′ B7 b8′ b8 b9′ b9 W8′ W8 W9′ W9',
      'F0′ F0 F1′ F1 F2′ F2 F3′ F3 F4′ B0 F4&B0′ F5′&B1 F5&B1′ F6′&B2 F6&B2′ F7′&B3 F7&B3′ F8′&B4 F8&B4′ F9′&B5 F9&B5′ B6 B6′ B7 B7′ b8 b8′ b9 b9′ W8 W8′ W9 W9′',
      'F0′ F1′ F2′ F0 F3′ F1 F4′ F2 b0 W0 F3 F5′&B1 F4&B0′ F6′&B2 F5&B1′ F7′&B3 F6&B2′ F8′&B4 F7&B3′ F9′&B5 F8&B4′ B6 F9&B5′ B7 B6′ B8 b7′ b9 b8′ W7′ b9′ W9 W8′ W9′',
      'F0′ F1′ F2′ F3′ F4′ F0 F5′ F1 b0 W0 F2 b1 W1 F3 F6′&B2 F4&B0′ F7′&B3 F5&B1′ F8′&B4 F6&B2′ F9′&B5 F7&B3′ B6 F8&B4′ B7 F9&B5′ B8 B6′ b9 b7′ W9 b8′ W7′ b9′ W8′ W9′',
      'F0′ F1′ F2′ F3′ F4′ F5′ F6′ F0 b0 W0 F1 b1 W1 F2 b2 W2 F3 F7′&B3 F4&B0′ F8′&B4 F5&B1′ F9′&B5 F6&B2′ B6 F7&B3′ B7 F8&B4′ B8 F9&B5′ B9 b6′ W6′ b7′ W7′ b8′ W8′ b9′ W9′',
    ]);
  });

  it('forward-only keeps the forwards in the same order', () => {
    expect(opListText('dualpipe', 4, 8, 1, true)).toEqual([
      'F0 F1 F2 F0′ F1′ F3 F2′ F3′',
      'F0 F0′ F1 F1′ F2 F2′ F3 F3′',
      'F0′ F0 F1′ F1 F2′ F2 F3′ F3',
      'F0′ F1′ F2′ F0 F1 F3′ F2 F3',
    ]);
  });

  it('Fig. 5’s empty cells: 3, 2, 1, 0 on devices 0–3 after the first pair, mirrored on devices 7–4', () => {
    const r = run('dualpipe', 8, 20);
    expect(gaps(r, 0)[0]).toBe('3@20');
    expect(gaps(r, 1).slice(0, 2)).toEqual(['1@0', '2@18']);
    expect(gaps(r, 2).slice(0, 2)).toEqual(['2@0', '1@16']);
    expect(gaps(r, 3).slice(0, 2)).toEqual(['3@0', '1@51']);
    for (let d = 0; d < 8; d++) expect(gaps(r, 7 - d)).toEqual(gaps(r, d));
  });
});

describe('DualPipe against DeepSeek-V3 Table 2 (F = B = W = 1 per chunk)', () => {
  it('bubble: 1F1B (PP−1)(F+B) = 21, ZB1P (PP−1)(F+B−2W) = 7, DualPipe (PP/2−1)(F&B+B−3W) = 6, B the whole backward', () => {
    const P = 8;
    const m = 20;
    const idle = (r: ReturnType<typeof run>) => r.makespan - r.busySeconds[0];
    const F = 1;
    const B = 2; // whole backward: input (1) + weights (1)
    const W = 1;
    const FB = F + B; // this simulator runs a fused pair's blocks back to back
    expect(idle(run('1f1b', P, m))).toBeCloseTo((P - 1) * (F + B), 9);
    expect(idle(run('zb-h1', P, m))).toBeCloseTo((P - 1) * (F + B - 2 * W), 9);
    const dp = run('dualpipe', P, m);
    expect(new Set(dp.busySeconds.map((b) => dp.makespan - b))).toEqual(new Set([(P / 2 - 1) * (FB + B - 3 * W)]));
    expect(
      dualPipe.textbookBubble({ stages: P, microBatches: m, virtualStages: 1, durations: unit, forwardOnly: false })
        .idleSeconds,
    ).toBe(6);
  });

  it('memory: 2× parameters (device i holds stages i and P−1−i), PP+1 activations of a stage on every device', () => {
    expect(dualPipe.parameterCopies).toBe(2);
    for (const P of [4, 8]) {
      const place = dualPipe.placement(P, 1);
      expect(place.modelChunks).toBe(P);
      for (let d = 0; d < P; d++) {
        const held = [0, 1].map((c) => place.modelChunkOf[place.stageOf[d * 2 + c]]);
        expect(held).toEqual([d, P - 1 - d]);
      }
      const m = 2 * P + 4;
      expect(opListText('dualpipe', P, m, 1, false).map(peakActivations)).toEqual(Array(P).fill(P + 1));
      // Memory counts micro-batches through both of a device's stages: (P+1)/2 of them.
      for (let d = 0; d < P; d++)
        expect(dualPipe.inFlightMicroBatches({ stages: P, microBatches: m, virtualStages: 1 }, d) * 2).toBe(P + 1);
    }
  });

  it('the paper’s form (P/2−1)(F+2B−W) is exact where it claims to be, F = B ≥ W', () => {
    for (const [F, W] of [
      [1, 1],
      [2, 0.5],
      [0.7, 0],
    ]) {
      for (const P of [4, 6, 8]) {
        const d = { forward: F, backwardInput: F, backwardWeight: W };
        const book = dualPipe.textbookBubble({
          stages: P,
          microBatches: 2 * P,
          virtualStages: 1,
          durations: d,
          forwardOnly: false,
        });
        expect(book.idleSeconds).toBeCloseTo((P / 2 - 1) * (F + 2 * F - W), 12);
        expect(book.paperForm).toBeNull();
        const r = run('dualpipe', P, 2 * P, d);
        expect(r.makespan - r.busySeconds[0]).toBeCloseTo(book.idleSeconds, 9);
      }
    }
    // Outside it (F ≠ B) the exact form differs, and the page shows the paper's beside it.
    const off = dualPipe.textbookBubble({
      stages: 8,
      microBatches: 16,
      virtualStages: 1,
      durations: { forward: 2, backwardInput: 1, backwardWeight: 1 },
      forwardOnly: false,
    });
    expect(off.idleSeconds).toBe(12); // (P/2−1)·2F, against the paper's (P/2−1)(F+2B−W) = 9
    expect(off.paperForm).toContain('F&B');
  });

  it('forward-only: (P−2)/(m+P−2)', () => {
    const r = run('dualpipe', 8, 16, unit, true);
    expect(r.bubbleFraction).toBeCloseTo(6 / 22, 12);
  });
});

describe('DualPipe rules', () => {
  const codes = (P: number, m: number) =>
    dualPipe.constraints({ stages: P, microBatches: m, virtualStages: 1 }).map((v) => v.code);
  it('needs an even PP and an even m of at least 2·PP, as the reference asserts', () => {
    expect(codes(8, 20)).toEqual([]);
    expect(codes(2, 4)).toEqual([]);
    expect(codes(3, 6)).toEqual(['DUALPIPE_STAGES']);
    expect(codes(1, 2)).toEqual(['DUALPIPE_STAGES']);
    expect(codes(8, 14)).toEqual(['DUALPIPE_MICROBATCHES']);
    expect(codes(4, 9)).toEqual(['DUALPIPE_MICROBATCHES']);
    const [v] = dualPipe.constraints({ stages: 4, microBatches: 6, virtualStages: 1 });
    expect(v.severity).toBe('error');
    expect(v.fields).toEqual(['workload.microBatches', 'parallel.pp', 'parallel.schedule']);
    expect(v.message).toContain('at least 2 × PP = 8, but there are 6');
  });

  it('outside them it still runs every block (each direction GPipe-style), with no textbook value', () => {
    for (const [P, m] of [
      [3, 6],
      [4, 6],
      [4, 7],
      [1, 1],
    ]) {
      const r = run('dualpipe', P, m);
      expect(r.timeline).toHaveLength(2 * P * m);
      expect(
        dualPipe.textbookBubble({ stages: P, microBatches: m, virtualStages: 1, durations: unit, forwardOnly: false })
          .applies,
      ).toBe(false);
    }
  });
});
