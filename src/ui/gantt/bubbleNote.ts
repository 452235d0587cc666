/**
 * Why the simulated bubble differs from the textbook formula. The formula
 * assumes equal stages, free transfers, F = B = W for ZB-H1 and m a multiple
 * of P for interleaving; the simulator assumes none of that.
 */
import type { PipelineSummary } from '../../core';
import { formatSeconds } from '../format';

export interface BubbleComparison {
  simulatedPct: number;
  analyticPct: number;
  formula: string;
  /** More than half a percentage point apart. */
  differs: boolean;
  reasons: string[];
  /** One line for the page, or null when they agree. */
  note: string | null;
}

const TOLERANCE = 0.005;

export function compareBubble(p: PipelineSummary): BubbleComparison {
  const simulatedPct = p.simulatedBubbleFraction * 100;
  const analyticPct = p.analyticBubbleFraction * 100;
  const differs = Math.abs(p.simulatedBubbleFraction - p.analyticBubbleFraction) > TOLERANCE;
  const reasons: string[] = [];
  const P = p.stages;
  if (differs && P > 1) {
    const work = p.forwardSeconds.map((f, i) => f + (p.backwardSeconds[i] ?? 0) + (p.weightGradSeconds[i] ?? 0));
    let slow = 0;
    let fast = 0;
    work.forEach((w, i) => {
      if (w > work[slow]) slow = i;
      if (w < work[fast]) fast = i;
    });
    if (work[fast] > 0 && work[slow] / work[fast] > 1.01) {
      const pct = ((work[slow] / work[fast] - 1) * 100).toFixed(0);
      reasons.push(`stage ${slow} needs ${pct}% more time per micro-batch than stage ${fast} (uneven layers, embedding or output head), and the others wait for it`);
    }
    if (p.transferSeconds > 0) {
      reasons.push(`each of the ${P - 1} stage boundaries adds a ${formatSeconds(p.transferSeconds)} transfer per micro-batch`);
    }
    if (p.schedule === 'interleaved-1f1b' && p.virtualStages > 1 && p.microBatches % P !== 0) {
      reasons.push(`m = ${p.microBatches} is not a multiple of P = ${P}, so interleaved chunks leave extra gaps`);
    }
    if (p.schedule === 'zb-h1' && /F=B=W/.test(p.analyticFormula)) {
      const f = p.forwardSeconds[0] ?? 0;
      const b = p.backwardSeconds[0] ?? 0;
      const w = p.weightGradSeconds[0] ?? 0;
      const close = (x: number, y: number) => Math.abs(x - y) <= 0.02 * Math.max(x, y);
      if (!(close(f, b) && close(b, w))) {
        reasons.push(`the formula takes F = B = W, here F = ${formatSeconds(f)}, B = ${formatSeconds(b)}, W = ${formatSeconds(w)}`);
      }
    }
  }
  if (differs && reasons.length === 0) reasons.push('the simulator counts waits between dependent blocks that the formula leaves out');
  const note = differs
    ? `They differ because ${reasons.join('; ')}.`
    : null;
  return { simulatedPct, analyticPct, formula: p.analyticFormula, differs, reasons, note };
}
