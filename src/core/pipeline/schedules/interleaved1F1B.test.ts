import { describe, it, expect } from 'vitest';
import { deviceOps } from '../registry';
import type { PipelineOp } from '../types';
import { interleaved1F1B } from './interleaved1F1B';

const show = (ops: PipelineOp[]) => ops.map((o) => `${o.kind}${o.microBatch}${o.chunk ? `.${o.chunk}` : ''}`).join(' ');

describe('interleaved 1F1B op order', () => {
  it('m % P = 0: Megatron’s table (PP=2, VP=2, m=4 docstring: 0 1 0 1 2 3 2 3)', () => {
    const ops = deviceOps('interleaved-1f1b', 2, 4, 2, true);
    expect(show(ops[0])).toBe('F0 F1 F0.1 F1.1 F2 F3 F2.1 F3.1');
    // Training, rank 0: warm-up 2(P−1−i) + (v−1)P = 4 forwards, then F/B pairs;
    // backwards enter through the last chunk.
    const train = deviceOps('interleaved-1f1b', 2, 4, 2, false);
    expect(show(train[0])).toBe('F0 F1 F0.1 F1.1 F2 B0.1 F3 B1.1 F2.1 B0 F3.1 B1 B2.1 B3.1 B2 B3');
    expect(show(train[1])).toBe('F0 F1 F0.1 B0.1 F1.1 B1.1 F2 B0 F3 B1 F2.1 B2.1 F3.1 B3.1 B2 B3');
  });

  it('m % P ≠ 0: the last group takes the remainder (P=2, m=5: groups 2, 3)', () => {
    const ops = deviceOps('interleaved-1f1b', 2, 5, 2, true);
    expect(show(ops[1])).toBe('F0 F1 F0.1 F1.1 F2 F3 F4 F2.1 F3.1 F4.1');
  });

  it('with v = 1 it is plain 1F1B', () => {
    expect(deviceOps('interleaved-1f1b', 4, 6, 1, false)).toEqual(deviceOps('1f1b', 4, 6, 1, false));
  });

  it('chunk c of device d is virtual stage c·P + d', () => {
    const place = interleaved1F1B.placement(4, 2);
    expect(Array.from(place.deviceOf)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    expect(Array.from(place.stageOf)).toEqual([0, 4, 1, 5, 2, 6, 3, 7]);
  });

  it('rules: 2+ chunks, 2+ stages, m a multiple of PP', () => {
    const codes = (P: number, m: number, v: number) =>
      interleaved1F1B.constraints({ stages: P, microBatches: m, virtualStages: v }).map((x) => x.code);
    expect(codes(4, 8, 2)).toEqual([]);
    expect(codes(4, 8, 1)).toEqual(['VIRTUAL_STAGES']);
    expect(codes(1, 8, 2)).toEqual(['VIRTUAL_STAGES']);
    expect(codes(4, 6, 2)).toEqual(['INTERLEAVED_MICROBATCHES']);
  });
});
