import { describe, it, expect } from 'vitest';
import { deviceOps } from './schedules';
import type { PipelineOp } from './types';

const show = (ops: PipelineOp[]) => ops.map((o) => `${o.kind}${o.microBatch}${o.chunk ? `.${o.chunk}` : ''}`).join(' ');

describe('per-device op order', () => {
  it('1F1B (PipeDream-flush): device i warms up with P−1−i forwards, alternates, cools down', () => {
    const ops = deviceOps('1f1b', 4, 6, 1, false);
    expect(show(ops[0])).toBe('F0 F1 F2 F3 B0 F4 B1 F5 B2 B3 B4 B5');
    expect(show(ops[2])).toBe('F0 F1 B0 F2 B1 F3 B2 F4 B3 F5 B4 B5');
    expect(show(ops[3])).toBe('F0 B0 F1 B1 F2 B2 F3 B3 F4 B4 F5 B5');
    // Fewer micro-batches than the warm-up: all forwards, then all backwards.
    expect(show(deviceOps('1f1b', 4, 2, 1, false)[0])).toBe('F0 F1 B0 B1');
  });

  it('GPipe: all forwards, then all backwards', () => {
    expect(show(deviceOps('gpipe', 2, 3, 1, false)[1])).toBe('F0 F1 F2 B0 B1 B2');
  });

  it('ZB-H1: tuples (F_x, B_{x−(P−1−i)}, W_{x−(P−1)}) (Qi et al. 2024 §3.1)', () => {
    const ops = deviceOps('zb-h1', 3, 4, 1, false);
    expect(show(ops[0])).toBe('F0 F1 F2 B0 W0 F3 B1 W1 B2 W2 B3 W3');
    expect(show(ops[2])).toBe('F0 B0 F1 B1 F2 B2 W0 F3 B3 W1 W2 W3');
  });

  it('interleaved, m % P = 0: Megatron’s table (PP=2, VP=2, m=4 docstring: 0 1 0 1 2 3 2 3)', () => {
    const ops = deviceOps('interleaved-1f1b', 2, 4, 2, true);
    expect(show(ops[0])).toBe('F0 F1 F0.1 F1.1 F2 F3 F2.1 F3.1');
    // Training, rank 0: warm-up 2(P−1−i) + (v−1)P = 4 forwards, then F/B pairs;
    // backwards enter through the last chunk.
    const train = deviceOps('interleaved-1f1b', 2, 4, 2, false);
    expect(show(train[0])).toBe('F0 F1 F0.1 F1.1 F2 B0.1 F3 B1.1 F2.1 B0 F3.1 B1 B2.1 B3.1 B2 B3');
    expect(show(train[1])).toBe('F0 F1 F0.1 B0.1 F1.1 B1.1 F2 B0 F3 B1 F2.1 B2.1 F3.1 B3.1 B2 B3');
  });

  it('interleaved, m % P ≠ 0: the last group takes the remainder (P=2, m=5: groups 2, 3)', () => {
    const ops = deviceOps('interleaved-1f1b', 2, 5, 2, true);
    expect(show(ops[1])).toBe('F0 F1 F0.1 F1.1 F2 F3 F4 F2.1 F3.1 F4.1');
  });

  it('interleaved with v = 1 is plain 1F1B', () => {
    expect(deviceOps('interleaved-1f1b', 4, 6, 1, false)).toEqual(deviceOps('1f1b', 4, 6, 1, false));
  });
});
