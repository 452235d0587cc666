/**
 * ZB-V (Qi et al. 2024, "Zero Bubble Pipeline Parallelism", arXiv v2 §6,
 * "ZBV"; reference implementation github.com/sail-sg/zero-bubble-pipeline-
 * parallelism, scheduler/zbv.py): the model is cut into 2P chunks and device
 * i holds chunks i and 2P−1−i, so a micro-batch runs down the devices and
 * back up, a "V". The loss sits on device 0, which therefore starts backwards
 * early; with F = B = W every device runs without a gap from its first block
 * to its last, and no device holds more activations than 1F1B's first one.
 *
 * The op order is the one the reference scheduler produces for F = B = W
 * (free transfers): the forwards and input backwards (B) in a fixed pattern,
 * and each weight backward (W) run, first in first out, whenever the next
 * block's input has not arrived yet (the paper's "W fills the bubble").
 */
import { OP_B, OP_F, OP_STRIDE, OP_W, packOp } from '../ops';
import {
  bubbleOf,
  durationsText,
  noTextbook,
  scheduleWarning,
  vShapePlacement,
  type PipelineSchedule,
  type ScheduleShape,
} from '../schedule';

/**
 * Forwards and input backwards of device i, in order. F = chunk 0 (virtual
 * stage i, going down), f = chunk 1 (virtual stage 2P−1−i, coming back up);
 * backwards run f's chunk first (B) then F's (b). Indices ≥ m are skipped.
 *   warm-up   F_0 … F_{2P−2−2i}, then (f_r, F_{2P−1−2i+r}) for r < i, then f_i
 *   ramp      B_0, then (f_{i+r}, B_r) for r = 1 … P−1−i
 *   steady    (F_{x+2P−1−i}, b_x, f_{x+P}, B_{x+P−i}) for x = 0, 1, …
 */
function mainOrder(P: number, m: number, i: number, forwardOnly: boolean): number[] {
  const out: number[] = [];
  const F = (k: number) => k < m && out.push(packOp(OP_F, k, 0, 2));
  const f = (k: number) => k < m && out.push(packOp(OP_F, k, 1, 2));
  const B = (k: number) => !forwardOnly && k < m && out.push(packOp(OP_B, k, 1, 2));
  const b = (k: number) => !forwardOnly && k < m && out.push(packOp(OP_B, k, 0, 2));
  for (let k = 0; k <= 2 * P - 2 - 2 * i; k++) F(k);
  for (let r = 0; r < i; r++) {
    f(r);
    F(2 * P - 1 - 2 * i + r);
  }
  f(i);
  B(0);
  for (let r = 1; r <= P - 1 - i; r++) {
    f(i + r);
    B(r);
  }
  for (let x = 0; x < m; x++) {
    F(x + 2 * P - 1 - i);
    b(x);
    f(x + P);
    B(x + P - i);
  }
  return out;
}

/**
 * Runs the main orders with every block lasting one time unit and free
 * transfers; a device runs its oldest pending W instead of its next block
 * when that block's input has not arrived yet, or when the block is a forward
 * and the device already holds 2P chunks' activations (counted from F to W,
 * the reference's memory limit of 1F1B's peak). The remaining W's run at the
 * end. Returns each device's full op list.
 */
function withWeightBackwards(P: number, m: number, mains: number[][]): Int32Array[] {
  const V = 2 * P;
  const fEnd = new Int32Array(V * m).fill(-1);
  const bEnd = new Int32Array(V * m).fill(-1);
  const orders = mains.map((main) => new Int32Array((main.length * 3) / 2));
  const filled = new Int32Array(P);
  const next = new Int32Array(P);
  const pending = mains.map(() => [] as number[]);
  const firstPending = new Int32Array(P);
  const live = new Int32Array(P);
  let left = P;
  for (let t = 0; left > 0; t++) {
    let ran = false;
    left = 0;
    for (let d = 0; d < P; d++) {
      const main = mains[d];
      if (next[d] < main.length) {
        const code = main[next[d]];
        const kind = code % OP_STRIDE;
        const rest = (code - kind) / OP_STRIDE;
        const c = rest % 2;
        const k = (rest - c) / 2;
        const j = c === 0 ? d : V - 1 - d;
        const dep =
          kind === OP_F ? (j === 0 ? 0 : fEnd[(j - 1) * m + k]) : j === V - 1 ? fEnd[j * m + k] : bEnd[(j + 1) * m + k];
        // A forward must leave room: at most 2P chunk activations, each held from its F to its W.
        const full = kind === OP_F && live[d] >= V && firstPending[d] < pending[d].length;
        if (!full && dep >= 0 && dep <= t) {
          if (kind === OP_F) live[d]++;
          next[d]++;
          orders[d][filled[d]++] = code;
          if (kind === OP_F) fEnd[j * m + k] = t + 1;
          else {
            bEnd[j * m + k] = t + 1;
            pending[d].push(packOp(OP_W, k, c, 2));
          }
          ran = true;
        } else if (firstPending[d] < pending[d].length) {
          orders[d][filled[d]++] = pending[d][firstPending[d]++];
          live[d]--;
          ran = true;
        }
      }
      if (next[d] < main.length) left++;
    }
    // Every block lasts one unit, so a slot where nothing ran leaves nothing to wait for.
    if (!ran && left > 0) throw new Error(`ZB-V order deadlocked (P=${P}, m=${m})`);
  }
  for (let d = 0; d < P; d++) {
    while (firstPending[d] < pending[d].length) orders[d][filled[d]++] = pending[d][firstPending[d]++];
  }
  return orders.map((o, d) => o.subarray(0, filled[d]));
}

export const zbV: PipelineSchedule<'zb-v'> = {
  id: 'zb-v',
  label: 'Zero bubble ZB-V',
  longLabel: 'Zero bubble ZB-V: 2 chunks per GPU in a V (Qi et al. 2024 §6)',
  usesVirtualStages: false,
  parameterCopies: 1,
  backwardSplit: 'all',
  notes: [
    'ZB-V runs the order the reference scheduler finds for F = B = W; with other block times that scheduler would search for another order, so the bubble here can exceed the paper’s.',
  ],
  chunksPerDevice: () => 2,
  placement: (P) => vShapePlacement('zb-v', P, (j) => j, [{ first: 0, last: 2 * P - 1 }]),
  laneOf: () => 0,
  chunkNames: () => ['going down: stage i', 'coming back: stage 2P−1−i'],
  deviceOrders({ stages: P, microBatches: m }: ScheduleShape, forwardOnly: boolean) {
    const mains = Array.from({ length: P }, (_, i) => mainOrder(P, m, i, forwardOnly));
    return forwardOnly ? mains.map((o) => Int32Array.from(o)) : withWeightBackwards(P, m, mains);
  },
  blocks: ({ stages, microBatches }: ScheduleShape, forwardOnly: boolean) =>
    stages * microBatches * (forwardOnly ? 2 : 6),
  /**
   * At most 2P chunk activations (each held from its F to its W), the
   * reference's limit: P micro-batches of the device's two chunks, 1F1B's peak
   * on its first device (the paper's "activation memory 1×").
   */
  inFlightMicroBatches: ({ stages: P, microBatches: m }: ScheduleShape) => Math.min(m, P),
  /**
   * The paper's claim (README table of the reference, "assuming T_F = T_B =
   * T_W"): bubble rate 0, counted per device from its own first block to its
   * last. This simulator also counts the (P−1) chunk forwards before the last
   * device starts, and exactly, for m ≥ 2P−1:
   *   idle = (P−1)·max(W, B + max(0, B−2W), 2F − min(B, 2W)),
   * which is (P−1)·F, the fill alone, when F = B = W. Forward-only: each
   * micro-batch passes every device twice, (P−1)/(m+P−1).
   */
  textbookBubble({ stages: P, microBatches: m, durations: d, forwardOnly }) {
    const paper = '0 with F = B = W, counting each device from its first block to its last';
    if (forwardOnly) return bubbleOf('(P−1)/(m+P−1)', P - 1, m, 2 * d.forward);
    const { forward: F, backwardInput: B, backwardWeight: W } = d;
    if (m < 2 * P - 1) return noTextbook('none: ZB-V’s pattern needs m ≥ 2P−1 micro-batches', paper);
    const terms = [W, B + Math.max(0, B - 2 * W), 2 * F - Math.min(B, 2 * W)];
    const idle = (P - 1) * Math.max(...terms);
    const words = ['(P−1)·W', B >= 2 * W ? '(P−1)(2B−2W)' : '(P−1)·B', B <= 2 * W ? '(P−1)(2F−B)' : '(P−1)(2F−2W)'][
      terms.indexOf(Math.max(...terms))
    ];
    return bubbleOf(`${words} / (2m(F+B+W) + idle)`, idle, 2 * m * (F + B + W), 1, paper, ` (${durationsText(d)})`);
  },
  /** The warm-up sends 2P−1 micro-batches down before the first turns back; fewer leave it unfilled. */
  constraints({ stages: P, microBatches: m }: ScheduleShape) {
    if (m >= 2 * P - 1) return [];
    return [
      scheduleWarning(
        'ZBV_MICROBATCHES',
        `ZB-V keeps 2 × PP − 1 = ${2 * P - 1} micro-batches going down the pipeline before the first comes back up, but there are only ${m}, so its warm-up leaves gaps that the zero-bubble pattern would fill.`,
        ['workload.microBatches', 'parallel.pp', 'parallel.schedule'],
      ),
    ];
  },
  microBatchGrid: (P) => ({ min: 2 * P - 1, step: 1 }),
};
