/**
 * DualPipe (DeepSeek-AI 2024, "DeepSeek-V3 Technical Report" §3.2.1, Fig. 5,
 * Table 2; reference implementation github.com/deepseek-ai/DualPipe): half
 * of the micro-batches enter at device 0 and run down the pipeline, the other
 * half enter at device P−1 and run up it. The model is cut into P stages and
 * device i holds two of them, stage i for the downward direction and stage
 * P−1−i for the upward one: two copies of the weights in all. In the steady
 * phase each device pairs a forward of one direction with a backward of the
 * other, which is where DeepSeek-V3 overlaps the expert all-to-all with
 * computation.
 *
 * Here: chunk 0 of every device is the downward direction (virtual stage i,
 * micro-batches 0 … m/2−1), chunk 1 the upward one (virtual stage 2P−1−i,
 * micro-batches m/2 … m−1, which run the model's stages 0 … P−1 on devices
 * P−1 … 0).
 */
import { OP_B, OP_BW, OP_F, OP_W, packOp } from '../ops';
import {
  bubbleOf,
  durationsText,
  noTextbook,
  scheduleError,
  vShapePlacement,
  type PipelineSchedule,
  type ScheduleShape,
} from '../schedule';

/** P even and at least 2, m even and at least 2P (the reference asserts both). */
export function dualPipeFits(P: number, m: number): boolean {
  return P >= 2 && P % 2 === 0 && m % 2 === 0 && m >= 2 * P;
}

/**
 * The reference implementation's eight steps for device `rank` (its
 * DualPipe.step), with h = min(rank, P−1−rank) and H = P/2. "Near" is the
 * direction that reaches this device first (downward on the first half of the
 * devices), "far" the other one. Backwards are whole, except where the
 * reference turns its zero-bubble split on: those emit B now and W later, W's
 * taken first in, first out.
 *   1. 2(H−h−1) × F near
 *   2. (h+1) × (F near, F far)
 *   3. (H−h−1) × (B far, W, F far)                          split B, its W at once
 *   4. (m/2−P+h+1) × (F near & B far, F far & B near)        overlapped pairs
 *   5. (H−h−1) × (B far, F far & B near)
 *   6. (h+1) × (B far, B near)                               the second half split
 *   7. (H−h−1) × (W, B near)                                 split
 *   8. (h+1) × W
 * "F & B" is a fused pair: it starts when both inputs are there and sends
 * both results when it ends (the reference receives both, computes both, then
 * sends both), except the middle devices' first step-4 pair. Forward-only
 * (inference) keeps the forwards in the same order.
 */
function deviceOrder(P: number, m: number, rank: number, forwardOnly: boolean): Int32Array {
  const H = P / 2;
  const half = m / 2;
  const h = Math.min(rank, P - 1 - rank);
  const near = rank < H ? 0 : 1;
  const far = 1 - near;
  const ops = new Int32Array(forwardOnly ? m : 2 * m + P - 1 - h);
  let k = 0;
  const nextF = [0, 0];
  const nextB = [0, 0];
  const pendingW: number[] = [];
  let firstW = 0;
  const F = (c: number, paired = false) => {
    ops[k++] = packOp(OP_F, c * half + nextF[c]++, c, 2, paired && !forwardOnly);
  };
  const B = (c: number, split: boolean) => {
    if (forwardOnly) return;
    const mb = c * half + nextB[c]++;
    ops[k++] = packOp(split ? OP_B : OP_BW, mb, c, 2);
    if (split) pendingW.push(packOp(OP_W, mb, c, 2));
  };
  const W = () => {
    if (!forwardOnly) ops[k++] = pendingW[firstW++];
  };
  const repeat = (n: number, body: (i: number) => void) => {
    for (let i = 0; i < n; i++) body(i);
  };
  repeat(2 * (H - h - 1), () => F(near));
  repeat(h + 1, () => (F(near), F(far)));
  repeat(H - h - 1, () => (B(far, true), W(), F(far)));
  // Step 4's first pair on the two middle devices runs unfused, as in the reference.
  const middle = h === H - 1;
  repeat(half - P + h + 1, (i) => (F(near, !(middle && i === 0)), B(far, false), F(far, true), B(near, false)));
  repeat(H - h - 1, () => (B(far, false), F(far, true), B(near, false)));
  // The reference switches the split on halfway through step 6: before the
  // far backward of round ⌊(h+1)/2⌋ when h is odd, before the near one when h is even.
  const turn = Math.floor((h + 1) / 2);
  repeat(h + 1, (i) => {
    B(far, i > turn || (i === turn && h % 2 === 1));
    B(near, i >= turn);
  });
  repeat(H - h - 1, () => (W(), B(near, true)));
  repeat(h + 1, () => W());
  if (k !== ops.length)
    throw new Error(`DualPipe built ${k} ops on device ${rank}, expected ${ops.length} (P=${P}, m=${m})`);
  return ops;
}

/**
 * Outside DualPipe's rules (odd P, odd m or m < 2P, reported as violations)
 * the page still draws something that runs: each direction GPipe-style, every
 * device ordering its blocks by when they could start with unit-time blocks.
 */
function fallbackOrder(P: number, m: number, rank: number, forwardOnly: boolean): Int32Array {
  const down = Math.ceil(m / 2);
  const ops: [number, number][] = [];
  for (let mb = 0; mb < m; mb++) {
    const c = mb < down ? 0 : 1;
    const k = c === 0 ? mb : mb - down;
    const depth = c === 0 ? rank : P - 1 - rank; // this device's place on the micro-batch's path
    ops.push([k + depth, packOp(OP_F, mb, c, 2)]);
    if (!forwardOnly) ops.push([m + P + k + (P - 1 - depth), packOp(OP_BW, mb, c, 2)]);
  }
  ops.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return Int32Array.from(ops, (o) => o[1]);
}

function blocksOn(P: number, m: number, rank: number, forwardOnly: boolean): number {
  if (forwardOnly) return m;
  return dualPipeFits(P, m) ? 2 * m + P - 1 - Math.min(rank, P - 1 - rank) : 2 * m;
}

export const dualPipe: PipelineSchedule<'dualpipe'> = {
  id: 'dualpipe',
  label: 'DualPipe',
  longLabel: 'DualPipe: two directions at once, 2 weight copies (DeepSeek-V3 report §3.2.1)',
  usesVirtualStages: false,
  parameterCopies: 2,
  backwardSplit: 'some',
  notes: [
    'DualPipe: each stage’s weights live on two GPUs (i and P−1−i), whose gradients must be summed every step; that exchange is not timed here.',
    'DualPipe: a fused forward-and-backward pair starts when both inputs have arrived and sends both results when it ends, its two blocks running back to back; the communication it hides is the exposed TP/EP time inside the blocks (overlap settings).',
  ],
  chunksPerDevice: () => 2,
  placement: (P) =>
    vShapePlacement('dualpipe', P, (j) => (j < P ? j : j - P), [
      { first: 0, last: P - 1 },
      { first: P, last: 2 * P - 1 },
    ]),
  laneOf: (mb, m) => (mb < Math.ceil(m / 2) ? 0 : 1),
  chunkNames: () => ['downward: stage i', 'upward: stage P−1−i'],
  deviceOrders({ stages: P, microBatches: m }: ScheduleShape, forwardOnly: boolean) {
    const fits = dualPipeFits(P, m);
    return Array.from({ length: P }, (_, rank) =>
      fits ? deviceOrder(P, m, rank, forwardOnly) : fallbackOrder(P, m, rank, forwardOnly),
    );
  },
  blocks({ stages: P, microBatches: m }: ScheduleShape, forwardOnly: boolean) {
    let n = 0;
    for (let rank = 0; rank < P; rank++) n += blocksOn(P, m, rank, forwardOnly);
    return n;
  },
  /**
   * DeepSeek-V3 Table 2: PP+1 micro-batches' activations of one stage on every
   * device (the op lists reach exactly that), i.e. (P+1)/2 of the device's two
   * stages. Outside its rules the fallback order holds them all.
   */
  inFlightMicroBatches: ({ stages: P, microBatches: m }: ScheduleShape) => (dualPipeFits(P, m) ? (P + 1) / 2 : m / 2),
  /**
   * DeepSeek-V3 Table 2: (PP/2−1)(F&B + B − 3W) per device, B the whole
   * backward and F&B an overlapped forward-and-backward pair. This simulator
   * runs a pair's blocks back to back (F&B = F+B+W here, the overlap of
   * communication being in the block times already), and exactly, with
   * k = P/2−1 and X = max(0, B−W):
   *   idle = max(k(2F + X), (k−1)F + k(B + X)),
   * which is the paper's k(F + 2B − W) when F = B ≥ W (its Fig. 5 has
   * F = B = W). Forward-only: the two directions fill each other's ramp
   * except (P−2) forwards: (P−2)/(m+P−2).
   */
  textbookBubble({ stages: P, microBatches: m, durations: d, forwardOnly }) {
    const paper = '(P/2−1)(F&B + B − 3W), with F&B = F+B+W and B the whole backward B+W: (P/2−1)(F+2B−W)';
    if (!dualPipeFits(P, m)) return noTextbook('none: DualPipe needs an even PP and an even m ≥ 2·PP', paper);
    if (forwardOnly) return bubbleOf('(P−2)/(m+P−2)', P - 2, m, d.forward);
    const { forward: F, backwardInput: B, backwardWeight: W } = d;
    const k = P / 2 - 1;
    const X = Math.max(0, B - W);
    const first = k * (2 * F + X);
    const second = (k - 1) * F + k * (B + X);
    const idle = Math.max(0, first, second);
    const words =
      first >= second
        ? B >= W
          ? '(P/2−1)(2F+B−W)'
          : '(P/2−1)·2F, as W > B'
        : B >= W
          ? '(P/2−2)F + (P/2−1)(2B−W)'
          : '(P/2−2)F + (P/2−1)B, as W > B';
    const exactIsPaper = Math.abs(idle - k * (F + 2 * B - W)) <= 1e-12 * Math.max(1, idle);
    return bubbleOf(
      `${words} / (m(F+B+W) + idle)`,
      idle,
      m * (F + B + W),
      1,
      exactIsPaper ? null : paper,
      ` (${durationsText(d)})`,
    );
  },
  constraints({ stages: P, microBatches: m }: ScheduleShape) {
    const out = [];
    if (P < 2 || P % 2 !== 0) {
      out.push(
        scheduleError(
          'DUALPIPE_STAGES',
          `DualPipe pairs device i with device PP−1−i (each holds the stages of both), so it needs an even number of pipeline stages of at least 2, but PP is ${P}.`,
          ['parallel.pp', 'parallel.schedule'],
        ),
      );
    }
    if (m % 2 !== 0 || m < 2 * P) {
      out.push(
        scheduleError(
          'DUALPIPE_MICROBATCHES',
          `DualPipe sends half of the micro-batches each way and needs at least PP of them in each direction to fill the pipeline: an even count of at least 2 × PP = ${2 * P}, but there are ${m}.`,
          ['workload.microBatches', 'parallel.pp', 'parallel.schedule'],
        ),
      );
    }
    return out;
  },
  microBatchGrid: (P) => ({ min: 2 * P, step: 2 }),
};
