/**
 * ZB-H1 (Qi et al. 2024, "Zero Bubble Pipeline Parallelism" §3.1; "ZB1P" in
 * DeepSeek-V3 Table 2): the backward is split into B (input gradients, on the
 * critical path) and W (weight gradients, which nothing waits for). W lags so
 * that it fills the drain, while at most P micro-batches are in flight, as in
 * 1F1B.
 */
import { OP_B, OP_F, OP_W, packOp } from '../ops';
import { bubbleOf, durationsText, ONE_CHUNK_PER_DEVICE, type PipelineSchedule } from '../schedule';
import { forwardsInOrder } from './oneFOneB';

/** Device i runs the tuples (F_x, B_{x−(P−1−i)}, W_{x−(P−1)}), x = 0 … m+P−2, skipping indices outside 0 … m−1. */
function zbH1Orders(P: number, m: number): Int32Array[] {
  return Array.from({ length: P }, (_, i) => {
    const ops = new Int32Array(3 * m);
    let k = 0;
    for (let x = 0; x < m + P - 1; x++) {
      if (x < m) ops[k++] = packOp(OP_F, x, 0, 1);
      const b = x - (P - 1 - i);
      if (b >= 0 && b < m) ops[k++] = packOp(OP_B, b, 0, 1);
      const w = x - (P - 1);
      if (w >= 0 && w < m) ops[k++] = packOp(OP_W, w, 0, 1);
    }
    return ops;
  });
}

export const zbH1: PipelineSchedule<'zb-h1'> = {
  id: 'zb-h1',
  label: 'Zero bubble ZB-H1',
  longLabel: 'Zero bubble ZB-H1: backward split into B and W (Qi et al. 2024 §3.1)',
  ...ONE_CHUNK_PER_DEVICE,
  backwardSplit: 'all',
  notes: [],
  deviceOrders: ({ stages, microBatches }, forwardOnly) =>
    forwardOnly ? forwardsInOrder(stages, microBatches) : zbH1Orders(stages, microBatches),
  blocks: ({ stages, microBatches }, forwardOnly) => stages * microBatches * (forwardOnly ? 1 : 3),
  inFlightMicroBatches: ({ stages: P, microBatches: m }, device) => Math.min(m, P - device),
  /**
   * The paper: each device idles (P−1)(F+B−W) instead of 1F1B's (P−1)(F+B+W)
   * (DeepSeek-V3 Table 2 writes it (PP−1)(F+B−2W) with B the whole backward).
   * That holds for m ≥ P and W ≤ min(F, B). Exactly, in this simulator, with
   * r = min(m, P) − 1 W's that can fill the drain:
   *   idle = (P−1)·max(F+B − rW/(P−1), B + (1 − r/(P−1))F, F + (1 − r/(P−1))B),
   * i.e. device 0 still waits (P−1)·B for its first gradient and the last
   * device (P−1)·F for its first input however large W is.
   */
  textbookBubble({ stages: P, microBatches: m, durations: d, forwardOnly }) {
    if (forwardOnly) return bubbleOf('(P−1)/(m+P−1)', P - 1, m, d.forward);
    const { forward: F, backwardInput: B, backwardWeight: W } = d;
    const q = P - 1;
    const r = Math.max(0, Math.min(m, P) - 1);
    const terms = [q * (F + B) - r * W, q * B + (q - r) * F, q * F + (q - r) * B];
    const idle = m > 0 ? Math.max(...terms) : 0;
    const paper = '(P−1)(F+B−W) / (m(F+B+W) + (P−1)(F+B−W))';
    const branch = terms.indexOf(Math.max(...terms));
    const words =
      r < q
        ? `m < P: max((P−1)(F+B) − (m−1)W, (P−1)B + (P−m)F, (P−1)F + (P−m)B) / (m(F+B+W) + idle)`
        : branch === 0
          ? paper
          : branch === 1
            ? '(P−1)·B / (m(F+B+W) + (P−1)·B), as W > F'
            : '(P−1)·F / (m(F+B+W) + (P−1)·F), as W > B';
    return bubbleOf(words, idle, m * (F + B + W), 1, words === paper ? null : paper, ` (${durationsText(d)})`);
  },
  constraints: () => [],
  microBatchGrid: () => ({ min: 1, step: 1 }),
};
