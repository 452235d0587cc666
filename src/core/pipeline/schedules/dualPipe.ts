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
import { bubbleOf, durationsText, scheduleError, vShapePlacement, type PipelineSchedule, type ScheduleShape } from '../schedule';

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
 *   4. (m/2−P+h+1) × (F near, B far, F far, B near)          the overlapped pairs
 *   5. (H−h−1) × (B far, F far, B near)
 *   6. (h+1) × (B far, B near)                               the second half split
 *   7. (H−h−1) × (W, B near)                                 split
 *   8. (h+1) × W
 * Forward-only (inference) keeps the forwards in the same order.
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
  const F = (c: number) => {
    ops[k++] = packOp(OP_F, c * half + nextF[c]++, c, 2);
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
  repeat(half - P + h + 1, () => (F(near), B(far, false), F(far), B(near, false)));
  repeat(H - h - 1, () => (B(far, false), F(far), B(near, false)));
  // The reference switches the split on halfway through step 6: before the
  // far backward of round ⌊(h+1)/2⌋ when h is odd, before the near one when h is even.
  const turn = Math.floor((h + 1) / 2);
  repeat(h + 1, (i) => {
    B(far, i > turn || (i === turn && h % 2 === 1));
    B(near, i >= turn);
  });
  repeat(H - h - 1, () => (W(), B(near, true)));
  repeat(h + 1, () => W());
  if (k !== ops.length) throw new Error(`DualPipe built ${k} ops on device ${rank}, expected ${ops.length} (P=${P}, m=${m})`);
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

export const dualPipe = {
  id: 'dualpipe',
  label: 'DualPipe',
  longLabel: 'DualPipe: two directions at once, 2 weight copies (DeepSeek-V3 report §3.2.1)',
  usesVirtualStages: false,
  parameterCopies: 2,
  splitsBackward: true,
  chunksPerDevice: () => 2,
  placement: (P) => vShapePlacement(P, (j) => (j < P ? j : j - P), [{ first: 0, last: P - 1 }, { first: P, last: 2 * P - 1 }]),
  laneOf: (mb, m) => (mb < Math.ceil(m / 2) ? 0 : 1),
  chunkNames: () => ['downward: stage i', 'upward: stage P−1−i'],
  deviceOrders({ stages: P, microBatches: m }: ScheduleShape, forwardOnly: boolean) {
    const fits = dualPipeFits(P, m);
    return Array.from({ length: P }, (_, rank) => (fits ? deviceOrder(P, m, rank, forwardOnly) : fallbackOrder(P, m, rank, forwardOnly)));
  },
  blocks({ stages: P, microBatches: m }: ScheduleShape, forwardOnly: boolean) {
    let n = 0;
    for (let rank = 0; rank < P; rank++) n += blocksOn(P, m, rank, forwardOnly);
    return n;
  },
  inFlightMicroBatches: () => 1,
  textbookBubble({ stages: P, microBatches: m, durations: d, forwardOnly }) {
    const { forward: F, backwardInput: B, backwardWeight: W } = d;
    if (forwardOnly) return bubbleOf('TODO', P - 1, m, F);
    return bubbleOf('TODO', (P / 2 - 1) * (F + 2 * B - W), m * (F + B + W), 1, null, ` (${durationsText(d)})`);
  },
  constraints({ stages: P, microBatches: m }: ScheduleShape) {
    const out = [];
    if (P < 2 || P % 2 !== 0) {
      out.push(scheduleError('DUALPIPE_STAGES',
        `DualPipe pairs device i with device PP−1−i (each holds the stages of both), so it needs an even number of pipeline stages of at least 2, but PP is ${P}.`,
        ['parallel.pp', 'parallel.schedule']));
    }
    if (m % 2 !== 0 || m < 2 * P) {
      out.push(scheduleError('DUALPIPE_MICROBATCHES',
        `DualPipe sends half of the micro-batches each way and needs at least PP of them in each direction to fill the pipeline: an even count of at least 2 × PP = ${2 * P}, but there are ${m}.`,
        ['workload.microBatches', 'parallel.pp', 'parallel.schedule']));
    }
    return out;
  },
  microBatchGrid: (P) => ({ min: 2 * P, step: 2 }),
} as const satisfies PipelineSchedule<'dualpipe'>;
