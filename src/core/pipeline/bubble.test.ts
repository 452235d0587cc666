import { describe, it, expect } from 'vitest';
import { analyticBubble } from './bubble';

describe('analytic bubble formulas', () => {
  it('GPipe / 1F1B: (P−1)/(m+P−1), with the numbers spelled out', () => {
    expect(analyticBubble('1f1b', 4, 8, 1)).toMatchObject({
      fraction: 3 / 11,
      formula: '(P−1)/(m+P−1) = 3/11 = 27.3%',
    });
    expect(analyticBubble('gpipe', 8, 32, 1).fraction).toBeCloseTo(7 / 39, 12);
  });

  it('interleaved: (P−1)/(v·m+P−1); v = 1 falls back to 1F1B', () => {
    expect(analyticBubble('interleaved-1f1b', 4, 8, 2)).toMatchObject({
      fraction: 3 / 19,
      formula: '(P−1)/(v·m+P−1) = 3/19 = 15.8%',
    });
    expect(analyticBubble('interleaved-1f1b', 4, 8, 1).fraction).toBeCloseTo(3 / 11, 12);
  });

  it('ZB-H1, F = B = W: (P−1)/(3m+P−1); forward-only: (P−1)/(m+P−1)', () => {
    const zb = analyticBubble('zb-h1', 4, 8, 1);
    expect(zb.fraction).toBeCloseTo(3 / 27, 12);
    expect(zb.formula).toContain('3/27 = 11.1%');
    expect(analyticBubble('zb-h1', 4, 8, 1, { forwardOnly: true }).fraction).toBeCloseTo(3 / 11, 12);
  });

  it('idle seconds follow the block times: (P−1) blocks of F+B+W for 1F1B', () => {
    const d = { forward: 0.002, backwardInput: 0.003, backwardWeight: 0.001 };
    expect(analyticBubble('1f1b', 4, 8, 1, { durations: d }).idleSeconds).toBeCloseTo(3 * 0.006, 12);
    expect(analyticBubble('1f1b', 4, 8, 1, { durations: d, forwardOnly: true }).idleSeconds).toBeCloseTo(3 * 0.002, 12);
  });

  it('P = 1 has no bubble; nothing divides by zero', () => {
    expect(analyticBubble('1f1b', 1, 4, 1).fraction).toBe(0);
    expect(
      analyticBubble('zb-h1', 1, 0, 1, { durations: { forward: 0, backwardInput: 0, backwardWeight: 0 } }).fraction,
    ).toBe(0);
    expect(analyticBubble('dualpipe', 2, 4, 1).fraction).toBe(0);
  });
});
