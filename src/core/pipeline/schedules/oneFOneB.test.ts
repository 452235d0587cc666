import { describe, it, expect } from 'vitest';
import { deviceOps } from '../registry';
import type { PipelineOp } from '../types';

const show = (ops: PipelineOp[]) => ops.map((o) => `${o.kind}${o.microBatch}`).join(' ');

describe('1F1B op order', () => {
  it('1F1B (PipeDream-flush): device i warms up with P−1−i forwards, alternates, cools down', () => {
    const ops = deviceOps('1f1b', 4, 6, 1, false);
    expect(show(ops[0])).toBe('F0 F1 F2 F3 B0 F4 B1 F5 B2 B3 B4 B5');
    expect(show(ops[2])).toBe('F0 F1 B0 F2 B1 F3 B2 F4 B3 F5 B4 B5');
    expect(show(ops[3])).toBe('F0 B0 F1 B1 F2 B2 F3 B3 F4 B4 F5 B5');
    // Fewer micro-batches than the warm-up: all forwards, then all backwards.
    expect(show(deviceOps('1f1b', 4, 2, 1, false)[0])).toBe('F0 F1 B0 B1');
    // Backwards are whole: no W.
    expect(ops.flat().every((o) => !o.inputOnly)).toBe(true);
  });
});
