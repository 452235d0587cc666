/**
 * ZB-V against the zero-bubble paper (Qi et al. 2024, arXiv v2 §6) and the
 * reference scheduler (github.com/sail-sg/zero-bubble-pipeline-parallelism,
 * scheduler/zbv.py). The tables are the order that scheduler produces with
 * F = B = W and free transfers (checked equal for P = 2…8, 10, 12, 16 and
 * many m while writing this file).
 */
import { describe, expect, it } from 'vitest';
import { opListText } from '../opText';
import { simulatePipeline } from '../simulate';
import type { ChunkDurations } from '../types';
import { zbV } from './zbV';

const unit: ChunkDurations = { forward: 1, backwardInput: 1, backwardWeight: 1 };
const run = (
  id: 'zb-v' | '1f1b',
  P: number,
  m: number,
  d: ChunkDurations = unit,
  transferSeconds = 0,
  forwardOnly = false,
) =>
  simulatePipeline({
    schedule: id,
    stages: P,
    microBatches: m,
    virtualStages: 1,
    transferSeconds,
    forwardOnly,
    chunks: Array.from({ length: id === 'zb-v' ? 2 * P : P }, () => d),
  });

describe('ZB-V op order, block by block', () => {
  // F3 forward of micro-batch 3 on the chunk going down (stage i), F3′ on the chunk coming back
  // (stage 2P−1−i); b input gradients, W weight gradients. All backwards are split.
  it('P = 4, 8 micro-batches', () => {
    expect(opListText('zb-v', 4, 8, 1, false)).toEqual([
      'F0 F1 F2 F3 F4 F5 F6 F0′ b0′ W0′ F1′ b1′ W1′ F2′ b2′ W2′ F3′ b3′ W3′ F7 b0 W0 F4′ b4′ W4′ b1 W1 F5′ b5′ W5′ b2 W2 F6′ b6′ W6′ b3 W3 F7′ b7′ b4 W7′ b5 W4 b6 W5 b7 W6 W7',
      'F0 F1 F2 F3 F4 F0′ F5 F1′ b0′ W0′ F2′ b1′ W1′ F3′ b2′ W2′ F6 b0 W0 F4′ b3′ W3′ F7 b1 W1 F5′ b4′ W4′ b2 W2 F6′ b5′ W5′ b3 W3 F7′ b6′ b4 b7′ b5 W6′ b6 W4 b7 W7′ W5 W6 W7',
      'F0 F1 F2 F0′ F3 F1′ F4 F2′ b0′ W0′ F3′ b1′ W1′ F5 b0 W0 F4′ b2′ W2′ F6 b1 W1 F5′ b3′ W3′ F7 b2 W2 F6′ b4′ W4′ b3 W3 F7′ b5′ b4 b6′ b5 b7′ b6 W5′ b7 W4 W6′ W5 W7′ W6 W7',
      'F0 F0′ F1 F1′ F2 F2′ F3 F3′ b0′ W0′ F4 b0 W0 F4′ b1′ W1′ F5 b1 W1 F5′ b2′ W2′ F6 b2 W2 F6′ b3′ W3′ F7 b3 W3 F7′ b4′ b4 b5′ b5 b6′ b6 b7′ b7 W4′ W4 W5′ W5 W6′ W6 W7′ W7',
    ]);
  });

  it('P = 8, 16 micro-batches', () => {
    expect(opListText('zb-v', 8, 16, 1, false)).toEqual([
      'F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F13 F14 F0′ b0′ W0′ F1′ b1′ W1′ F2′ b2′ W2′ F3′ b3′ W3′ F4′ b4′ W4′ F5′ b5′ W5′ F6′ b6′ W6′ F7′ b7′ W7′ F15 b0 W0 F8′ b8′ W8′ b1 W1 F9′ b9′ W9′ b2 W2 F10′ b10′ W10′ b3 W3 F11′ b11′ W11′ b4 W4 F12′ b12′ W12′ b5 W5 F13′ b13′ W13′ b6 W6 F14′ b14′ W14′ b7 W7 F15′ b15′ b8 W15′ b9 W8 b10 W9 b11 W10 b12 W11 b13 W12 b14 W13 b15 W14 W15',
      'F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12 F0′ F13 F1′ b0′ W0′ F2′ b1′ W1′ F3′ b2′ W2′ F4′ b3′ W3′ F5′ b4′ W4′ F6′ b5′ W5′ F7′ b6′ W6′ F14 b0 W0 F8′ b7′ W7′ F15 b1 W1 F9′ b8′ W8′ b2 W2 F10′ b9′ W9′ b3 W3 F11′ b10′ W10′ b4 W4 F12′ b11′ W11′ b5 W5 F13′ b12′ W12′ b6 W6 F14′ b13′ W13′ b7 W7 F15′ b14′ b8 b15′ b9 W14′ b10 W8 b11 W15′ b12 W9 b13 W10 b14 W11 b15 W12 W13 W14 W15',
      'F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F0′ F11 F1′ F12 F2′ b0′ W0′ F3′ b1′ W1′ F4′ b2′ W2′ F5′ b3′ W3′ F6′ b4′ W4′ F7′ b5′ W5′ F13 b0 W0 F8′ b6′ W6′ F14 b1 W1 F9′ b7′ W7′ F15 b2 W2 F10′ b8′ W8′ b3 W3 F11′ b9′ W9′ b4 W4 F12′ b10′ W10′ b5 W5 F13′ b11′ W11′ b6 W6 F14′ b12′ W12′ b7 W7 F15′ b13′ b8 b14′ b9 b15′ b10 W13′ b11 W8 b12 W14′ b13 W9 b14 W15′ b15 W10 W11 W12 W13 W14 W15',
      'F0 F1 F2 F3 F4 F5 F6 F7 F8 F0′ F9 F1′ F10 F2′ F11 F3′ b0′ W0′ F4′ b1′ W1′ F5′ b2′ W2′ F6′ b3′ W3′ F7′ b4′ W4′ F12 b0 W0 F8′ b5′ W5′ F13 b1 W1 F9′ b6′ W6′ F14 b2 W2 F10′ b7′ W7′ F15 b3 W3 F11′ b8′ W8′ b4 W4 F12′ b9′ W9′ b5 W5 F13′ b10′ W10′ b6 W6 F14′ b11′ W11′ b7 W7 F15′ b12′ b8 b13′ b9 b14′ b10 b15′ b11 W12′ b12 W8 b13 W13′ b14 W9 b15 W14′ W10 W15′ W11 W12 W13 W14 W15',
      'F0 F1 F2 F3 F4 F5 F6 F0′ F7 F1′ F8 F2′ F9 F3′ F10 F4′ b0′ W0′ F5′ b1′ W1′ F6′ b2′ W2′ F7′ b3′ W3′ F11 b0 W0 F8′ b4′ W4′ F12 b1 W1 F9′ b5′ W5′ F13 b2 W2 F10′ b6′ W6′ F14 b3 W3 F11′ b7′ W7′ F15 b4 W4 F12′ b8′ W8′ b5 W5 F13′ b9′ W9′ b6 W6 F14′ b10′ W10′ b7 W7 F15′ b11′ b8 b12′ b9 b13′ b10 b14′ b11 b15′ b12 W11′ b13 W8 b14 W12′ b15 W9 W13′ W10 W14′ W11 W15′ W12 W13 W14 W15',
      'F0 F1 F2 F3 F4 F0′ F5 F1′ F6 F2′ F7 F3′ F8 F4′ F9 F5′ b0′ W0′ F6′ b1′ W1′ F7′ b2′ W2′ F10 b0 W0 F8′ b3′ W3′ F11 b1 W1 F9′ b4′ W4′ F12 b2 W2 F10′ b5′ W5′ F13 b3 W3 F11′ b6′ W6′ F14 b4 W4 F12′ b7′ W7′ F15 b5 W5 F13′ b8′ W8′ b6 W6 F14′ b9′ W9′ b7 W7 F15′ b10′ b8 b11′ b9 b12′ b10 b13′ b11 b14′ b12 b15′ b13 W10′ b14 W8 b15 W11′ W9 W12′ W10 W13′ W11 W14′ W12 W15′ W13 W14 W15',
      'F0 F1 F2 F0′ F3 F1′ F4 F2′ F5 F3′ F6 F4′ F7 F5′ F8 F6′ b0′ W0′ F7′ b1′ W1′ F9 b0 W0 F8′ b2′ W2′ F10 b1 W1 F9′ b3′ W3′ F11 b2 W2 F10′ b4′ W4′ F12 b3 W3 F11′ b5′ W5′ F13 b4 W4 F12′ b6′ W6′ F14 b5 W5 F13′ b7′ W7′ F15 b6 W6 F14′ b8′ W8′ b7 W7 F15′ b9′ b8 b10′ b9 b11′ b10 b12′ b11 b13′ b12 b14′ b13 b15′ b14 W9′ b15 W8 W10′ W9 W11′ W10 W12′ W11 W13′ W12 W14′ W13 W15′ W14 W15',
      'F0 F0′ F1 F1′ F2 F2′ F3 F3′ F4 F4′ F5 F5′ F6 F6′ F7 F7′ b0′ W0′ F8 b0 W0 F8′ b1′ W1′ F9 b1 W1 F9′ b2′ W2′ F10 b2 W2 F10′ b3′ W3′ F11 b3 W3 F11′ b4′ W4′ F12 b4 W4 F12′ b5′ W5′ F13 b5 W5 F13′ b6′ W6′ F14 b6 W6 F14′ b7′ W7′ F15 b7 W7 F15′ b8′ b8 b9′ b9 b10′ b10 b11′ b11 b12′ b12 b13′ b13 b14′ b14 b15′ b15 W8′ W8 W9′ W9 W10′ W10 W11′ W11 W12′ W12 W13′ W13 W14′ W14 W15′ W15',
    ]);
  });

  it('forward-only: the same forwards, in the same order', () => {
    expect(opListText('zb-v', 4, 8, 1, true)).toEqual([
      'F0 F1 F2 F3 F4 F5 F6 F0′ F1′ F2′ F3′ F7 F4′ F5′ F6′ F7′',
      'F0 F1 F2 F3 F4 F0′ F5 F1′ F2′ F3′ F6 F4′ F7 F5′ F6′ F7′',
      'F0 F1 F2 F0′ F3 F1′ F4 F2′ F3′ F5 F4′ F6 F5′ F7 F6′ F7′',
      'F0 F0′ F1 F1′ F2 F2′ F3 F3′ F4 F4′ F5 F5′ F6 F6′ F7 F7′',
    ]);
  });

  it('device i holds stages i and 2P−1−i; the turn of the V on device P−1 needs no transfer', () => {
    const place = zbV.placement(4, 1);
    expect(Array.from(place.deviceOf)).toEqual([0, 1, 2, 3, 3, 2, 1, 0]);
    expect(place.lanes).toEqual([{ first: 0, last: 7 }]);
    const r = run('zb-v', 4, 8, unit, 0.1);
    expect(r.transfers.some((t) => t.fromStage === t.toStage)).toBe(false);
  });
});

describe('ZB-V against the paper (F = B = W)', () => {
  it('zero bubble as the paper counts it: every device busy from its first block to its last', () => {
    for (const [P, m] of [
      [4, 8],
      [8, 16],
      [6, 20],
    ]) {
      const r = run('zb-v', P, m);
      for (let d = 0; d < P; d++) {
        const own = r.timeline.filter((b) => b.stage === d);
        const span = own[own.length - 1].end - own[0].start;
        expect(span).toBeCloseTo(r.busySeconds[d], 9);
      }
      // Counting from 0 to the makespan, only the (P−1)-block fill is idle: (P−1)/(6m+P−1).
      expect(r.bubbleFraction).toBeCloseTo((P - 1) / (6 * m + P - 1), 12);
      expect(
        zbV.textbookBubble({ stages: P, microBatches: m, virtualStages: 1, durations: unit, forwardOnly: false })
          .fraction,
      ).toBeCloseTo((P - 1) / (6 * m + P - 1), 12);
    }
  });

  it('activation memory 1× 1F1B: at most 2P chunk activations (P micro-batches of the device’s layers), held from F to W', () => {
    for (const [P, m] of [
      [4, 8],
      [8, 16],
      [8, 40],
    ]) {
      const texts = opListText('zb-v', P, m, 1, false);
      for (const text of texts) {
        let live = 0;
        let peak = 0;
        for (const op of text.split(' ')) {
          if (op.startsWith('F')) peak = Math.max(peak, ++live);
          else if (op.startsWith('W')) live--;
        }
        expect(peak).toBe(2 * P);
      }
      for (let d = 0; d < P; d++)
        expect(zbV.inFlightMicroBatches({ stages: P, microBatches: m, virtualStages: 1 }, d)).toBe(P);
    }
  });

  it('pipeline communication 2× 1F1B (the reference README’s table)', () => {
    const P = 4;
    const m = 8;
    expect(run('zb-v', P, m, unit, 0.1).transfers).toHaveLength(2 * run('1f1b', P, m, unit, 0.1).transfers.length);
  });

  it('forward-only: each micro-batch passes every device twice, (P−1)/(m+P−1)', () => {
    expect(run('zb-v', 4, 8, unit, 0, true).bubbleFraction).toBeCloseTo(3 / 11, 12);
  });
});

describe('ZB-V rules', () => {
  it('fewer than 2P−1 micro-batches leave the warm-up unfilled: a warning, and no textbook value', () => {
    expect(zbV.constraints({ stages: 4, microBatches: 7, virtualStages: 1 })).toEqual([]);
    const [v] = zbV.constraints({ stages: 4, microBatches: 6, virtualStages: 1 });
    expect(v).toMatchObject({
      code: 'ZBV_MICROBATCHES',
      severity: 'warning',
      fields: ['workload.microBatches', 'parallel.pp', 'parallel.schedule'],
    });
    expect(v.message).toContain('2 × PP − 1 = 7');
    expect(
      zbV.textbookBubble({ stages: 4, microBatches: 6, virtualStages: 1, durations: unit, forwardOnly: false }).applies,
    ).toBe(false);
  });
});
