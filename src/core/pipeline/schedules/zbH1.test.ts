import { describe, it, expect } from 'vitest';
import { deviceOps } from '../registry';
import { simulatePipeline } from '../simulate';
import type { PipelineOp } from '../types';
import { zbH1 } from './zbH1';

const show = (ops: PipelineOp[]) => ops.map((o) => `${o.kind}${o.microBatch}`).join(' ');
const book = (P: number, m: number, F: number, B: number, W: number) =>
  zbH1.textbookBubble({
    stages: P,
    microBatches: m,
    virtualStages: 1,
    durations: { forward: F, backwardInput: B, backwardWeight: W },
    forwardOnly: false,
  });

describe('ZB-H1', () => {
  it('op order: tuples (F_x, B_{x−(P−1−i)}, W_{x−(P−1)}) (Qi et al. 2024 §3.1)', () => {
    const ops = deviceOps('zb-h1', 3, 4, 1, false);
    expect(show(ops[0])).toBe('F0 F1 F2 B0 W0 F3 B1 W1 B2 W2 B3 W3');
    expect(show(ops[2])).toBe('F0 B0 F1 B1 F2 B2 W0 F3 B3 W1 W2 W3');
    expect(
      ops
        .flat()
        .filter((o) => o.kind === 'B')
        .every((o) => o.inputOnly),
    ).toBe(true);
  });

  it('F = B = W: (P−1)/(3m+P−1); forward-only (P−1)/(m+P−1)', () => {
    expect(book(4, 8, 1, 1, 1).fraction).toBeCloseTo(3 / 27, 12);
    expect(book(4, 8, 1, 1, 1).formula).toContain('3/27 = 11.1%');
    expect(
      zbH1.textbookBubble({
        stages: 4,
        microBatches: 8,
        virtualStages: 1,
        durations: { forward: 1, backwardInput: 1, backwardWeight: 1 },
        forwardOnly: true,
      }).fraction,
    ).toBeCloseTo(3 / 11, 12);
  });

  it('the paper’s (P−1)(F+B−W) is exact where it claims to be (m ≥ P, W ≤ min(F, B)); beyond it the page shows it beside the exact one', () => {
    for (const [F, B, W] of [
      [1, 1, 1],
      [1, 1.2, 0.8],
      [1, 2, 1],
      [1, 0.5, 0.5],
      [1, 1, 0],
    ]) {
      for (const [P, m] of [
        [4, 8],
        [4, 16],
        [8, 32],
      ]) {
        const durations = { forward: F, backwardInput: B, backwardWeight: W };
        const r = simulatePipeline({
          schedule: 'zb-h1',
          stages: P,
          microBatches: m,
          virtualStages: 1,
          chunks: Array.from({ length: P }, () => durations),
          transferSeconds: 0,
          forwardOnly: false,
        });
        const b = book(P, m, F, B, W);
        expect(b.idleSeconds).toBeCloseTo((P - 1) * (F + B - W), 12);
        expect(b.paperForm).toBeNull();
        expect(r.bubbleFraction).toBeCloseTo(b.fraction, 9);
      }
    }
    // W > F: device 0 still waits (P−1)·B for its first gradient.
    expect(book(4, 8, 1, 1, 2.5).idleSeconds).toBeCloseTo(3, 12);
    expect(book(4, 8, 1, 1, 2.5).formula).toContain('as W > F');
    expect(book(4, 8, 1, 1, 2.5).paperForm).toContain('(F+B−W)');
    // W > B: the last device waits (P−1)·F for its first input.
    expect(book(4, 8, 2, 1, 1.5).idleSeconds).toBeCloseTo(6, 12);
    expect(book(4, 8, 2, 1, 1.5).formula).toContain('as W > B');
  });

  it('m < P: fewer W’s fill the drain, (P−1)(F+B) − (m−1)W at F = B = W', () => {
    expect(book(4, 1, 1, 1, 1).idleSeconds).toBe(6);
    expect(book(4, 2, 1, 1, 1).idleSeconds).toBe(5);
    expect(book(4, 2, 1, 1, 1).formula).toContain('m < P');
  });
});
