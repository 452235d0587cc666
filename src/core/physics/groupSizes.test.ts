import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dataParallelSize, expertDataParallelSize } from './groupSizes';

describe('replica group sizes', () => {
  it('DeepSeek-V3 (2048 GPUs, PP 16, EP 64, TP 1): DP 128, expert DP 2', () => {
    const p = { tp: 1, dp: 128, ep: 64, etp: 1 };
    expect(dataParallelSize(p)).toBe(128);
    expect(expertDataParallelSize(p)).toBe(2);
  });

  it('expert DP × EP × ETP = TP × DP whenever EP·ETP divides TP·DP', () => {
    const pow2 = fc.integer({ min: 0, max: 8 }).map((k) => 2 ** k);
    fc.assert(
      fc.property(pow2, pow2, pow2, pow2, (tp, dp, ep, etp) => {
        fc.pre((tp * dp) % (ep * etp) === 0);
        expect(expertDataParallelSize({ tp, dp, ep, etp }) * ep * etp).toBe(tp * dp);
      }),
      { numRuns: 300 },
    );
  });

  it('rounds down to whole groups, at least one rank, when EP·ETP does not divide TP·DP', () => {
    expect(expertDataParallelSize({ tp: 2, dp: 3, ep: 4, etp: 1 })).toBe(1);
    expect(expertDataParallelSize({ tp: 4, dp: 3, ep: 8, etp: 1 })).toBe(1);
    expect(expertDataParallelSize({ tp: 4, dp: 6, ep: 8, etp: 2 })).toBe(1);
    expect(expertDataParallelSize({ tp: 2, dp: 9, ep: 4, etp: 1 })).toBe(4);
    expect(expertDataParallelSize({ tp: 1, dp: 1, ep: 16, etp: 1 })).toBe(1);
  });
});
