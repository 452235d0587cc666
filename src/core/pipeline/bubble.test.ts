import { describe, it, expect } from 'vitest';
import { analyticBubble } from './bubble';
import { simulatePipeline } from './simulate';

describe('analytic bubble formulas', () => {
  it('GPipe / 1F1B: (P−1)/(m+P−1), with the numbers spelled out', () => {
    expect(analyticBubble('1f1b', 4, 8, 1)).toEqual({ fraction: 3 / 11, formula: '(P−1)/(m+P−1) = 3/11 = 27.3%' });
    expect(analyticBubble('gpipe', 8, 32, 1).fraction).toBeCloseTo(7 / 39, 12);
  });

  it('interleaved: (P−1)/(v·m+P−1); v = 1 falls back to 1F1B', () => {
    expect(analyticBubble('interleaved-1f1b', 4, 8, 2)).toEqual({ fraction: 3 / 19, formula: '(P−1)/(v·m+P−1) = 3/19 = 15.8%' });
    expect(analyticBubble('interleaved-1f1b', 4, 8, 1).fraction).toBeCloseTo(3 / 11, 12);
  });

  it('ZB-H1, F = B = W: (P−1)/(3m+P−1); forward-only: (P−1)/(m+P−1)', () => {
    const zb = analyticBubble('zb-h1', 4, 8, 1);
    expect(zb.fraction).toBeCloseTo(3 / 27, 12);
    expect(zb.formula).toContain('3/27 = 11.1%');
    expect(analyticBubble('zb-h1', 4, 8, 1, { forwardOnly: true }).fraction).toBeCloseTo(3 / 11, 12);
  });

  it('P = 1 has no bubble; nothing divides by zero', () => {
    expect(analyticBubble('1f1b', 1, 4, 1).fraction).toBe(0);
    expect(analyticBubble('zb-h1', 1, 0, 1, { durations: { forward: 0, backwardInput: 0, backwardWeight: 0 } }).fraction).toBe(0);
  });

  // ZB-H1 with unequal F, B, W: the analytic idle (P−1)·max(B, F+B−W) is what
  // the simulator produces for equal stages and m ≥ P (to float precision).
  const cases: [number, number, number][] = [[1, 1, 1], [1, 1.2, 0.8], [1, 2, 1], [1, 0.5, 0.5], [1, 1, 2.5], [0.5, 1, 1]];
  for (const [F, B, W] of cases) {
    it(`ZB-H1 with F=${F}, B=${B}, W=${W} matches the simulator`, () => {
      for (const [P, m] of [[4, 8], [4, 16], [8, 32]]) {
        const durations = { forward: F, backwardInput: B, backwardWeight: W };
        const r = simulatePipeline({
          schedule: 'zb-h1', stages: P, microBatches: m, virtualStages: 1,
          chunks: Array.from({ length: P }, () => durations), transferSeconds: 0, forwardOnly: false,
        });
        const a = analyticBubble('zb-h1', P, m, 1, { durations });
        expect(r.bubbleFraction).toBeCloseTo(a.fraction, 9);
        expect(a.formula).toContain(W <= F ? '(F+B−W)' : 'as W > F');
      }
    });
  }
});
