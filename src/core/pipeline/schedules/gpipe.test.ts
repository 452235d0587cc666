import { describe, it, expect } from 'vitest';
import { deviceOps } from '../registry';
import type { PipelineOp } from '../types';

const show = (ops: PipelineOp[]) => ops.map((o) => `${o.kind}${o.microBatch}`).join(' ');

describe('GPipe op order', () => {
  it('all forwards, then all backwards', () => {
    expect(show(deviceOps('gpipe', 2, 3, 1, false)[1])).toBe('F0 F1 F2 B0 B1 B2');
    expect(show(deviceOps('gpipe', 2, 3, 1, true)[0])).toBe('F0 F1 F2');
  });
});
