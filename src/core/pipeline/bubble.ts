/**
 * Textbook bubble fractions, in the simulator's definition:
 * bubble = idle / makespan, averaged over devices (equal stages, free
 * communication). The simulator should reproduce these; the UI shows both.
 */
import type { ScheduleName } from './types';

export interface AnalyticOptions {
  /** Inference: forwards only. */
  forwardOnly?: boolean;
  /** Per-chunk F, B, W seconds; only ZB-H1's formula depends on them (default F = B = W). */
  durations?: { forward: number; backwardInput: number; backwardWeight: number };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4))));

function ratio(words: string, idle: number, total: number): { fraction: number; formula: string } {
  const fraction = total > 0 ? idle / total : 0;
  return { fraction, formula: `${words} = ${num(idle)}/${num(total)} = ${pct(fraction)}` };
}

/**
 * GPipe and 1F1B (Huang et al. 2019; Narayanan et al. 2021): (P−1)/(m+P−1).
 * Interleaved 1F1B (Narayanan et al. 2021 §2.2): the ramp shrinks v-fold,
 * (P−1)/(v·m+P−1), for m ≥ P. ZB-H1 (Qi et al. 2024 §3.1): each device idles
 * (P−1)(F+B−W) instead of 1F1B's (P−1)(F+B+W), so the fraction is
 * (P−1)(F+B−W) / (m(F+B+W) + (P−1)(F+B−W)); with F = B = W that is
 * (P−1)/(3m+P−1): a third of 1F1B's bubble time, a little more than a third
 * of its fraction. Forward-only (inference): (P−1)/(m+P−1), or
 * (P−1)/(v·m+P−1) interleaved.
 */
export function analyticBubble(
  schedule: ScheduleName,
  P: number,
  m: number,
  v: number,
  options: AnalyticOptions = {},
): { fraction: number; formula: string } {
  const ramp = P - 1;
  const vv = schedule === 'interleaved-1f1b' ? Math.max(1, v) : 1;
  if (vv > 1) return ratio('(P−1)/(v·m+P−1)', ramp, vv * m + ramp);
  if (schedule !== 'zb-h1' || options.forwardOnly) return ratio('(P−1)/(m+P−1)', ramp, m + ramp);
  const d = options.durations;
  if (!d) return ratio('ZB-H1, F=B=W: (P−1)/(3m+P−1)', ramp, 3 * m + ramp);
  const F = d.forward;
  const B = d.backwardInput;
  const W = d.backwardWeight;
  // Device 0 waits (P−1)·B for its first gradient whatever W is, so once
  // W > F the paper's (P−1)(F+B−W) undercounts: the idle per device is
  // (P−1)·max(B, F+B−W), which the simulator reproduces (bubble.test.ts).
  const idle = ramp * Math.max(B, F + B - W);
  const total = m * (F + B + W) + idle;
  const fraction = total > 0 ? idle / total : 0;
  const words = W <= F ? '(P−1)(F+B−W) / (m(F+B+W) + (P−1)(F+B−W))' : '(P−1)·B / (m(F+B+W) + (P−1)·B), as W > F';
  return {
    fraction,
    formula: `${words} = ${num(idle)}/${num(total)} = ${pct(fraction)} (F=${num(F)}, B=${num(B)}, W=${num(W)} s)`,
  };
}
