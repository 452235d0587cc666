/**
 * Discrete-event simulation of one pipeline-parallel step (cost-model.md §6).
 *
 * Each device walks its fixed op list (schedules.ts). An op starts when the
 * device is free and its input is there:
 *   F of virtual stage j   after F of j−1 (same micro-batch) + transfer;
 *   B of virtual stage j   after B of j+1 + transfer, or, on the last virtual
 *                          stage, after its own F;
 *   W (ZB-H1)              after its own B.
 * Because the order is fixed, start times are a longest-path computation on a
 * DAG; a worklist of devices resolves it in O(blocks): a device runs until it
 * hits an op whose input is not computed yet, and is woken when the neighbour
 * that produces that input finishes an op.
 */
import { buildDeviceOrders, effectiveChunks, OP_B, OP_F } from './schedules';
import type { ChunkDurations, PipelineInput, PipelineResult, SimBlock, TransferEvent } from './types';

const KIND_NAMES = ['F', 'B', 'W'] as const;

function count(value: number, name: string, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`pipeline: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
  return value;
}

function seconds(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`pipeline: ${name} must be a finite number of seconds ≥ 0, got ${value}`);
  }
  return value;
}

/**
 * Per virtual stage durations [F, B, W] as three arrays. A non-interleaved
 * schedule given P·v chunks runs each device's chunks as one block, so they
 * are summed per device.
 */
function chunkTimes(input: PipelineInput, P: number, v: number): Float64Array[] {
  const { chunks } = input;
  const given = input.virtualStages > 1 && v === 1 && chunks.length === P * input.virtualStages;
  if (!given && chunks.length !== P * v) {
    throw new RangeError(`pipeline: expected ${P * v} chunk durations (P·v), got ${chunks.length}`);
  }
  const f = new Float64Array(P * v);
  const bIn = new Float64Array(P * v);
  const bW = new Float64Array(P * v);
  chunks.forEach((c: ChunkDurations, j: number) => {
    const k = j % (P * v); // folds chunk j onto its device when summing
    f[k] += seconds(c.forward, `chunks[${j}].forward`);
    bIn[k] += seconds(c.backwardInput, `chunks[${j}].backwardInput`);
    bW[k] += seconds(c.backwardWeight, `chunks[${j}].backwardWeight`);
  });
  return [f, bIn, bW];
}

export function simulatePipeline(input: PipelineInput): PipelineResult {
  const { schedule, forwardOnly } = input;
  const P = count(input.stages, 'stages', 1);
  const m = count(input.microBatches, 'microBatches', 0);
  count(input.virtualStages, 'virtualStages', 1);
  const v = effectiveChunks(schedule, input.virtualStages);
  const hop = P > 1 ? seconds(input.transferSeconds, 'transferSeconds') : 0;
  const V = P * v;
  const zb = schedule === 'zb-h1';
  const [fDur, bIn, bW] = chunkTimes(input, P, v);
  // Non-ZB schedules run the whole backward as one B block.
  const bDur = zb ? bIn : bIn.map((x, j) => x + bW[j]);
  const durs = [fDur, bDur, bW];

  const orders = buildDeviceOrders(schedule, P, m, v, forwardOnly);
  const fEnd = new Float64Array(V * m).fill(NaN); // NaN = not computed yet
  const bEnd = new Float64Array(V * m).fill(NaN);
  const starts = orders.map((ops) => new Float64Array(ops.length));
  const ptr = new Int32Array(P);
  const free = new Float64Array(P);
  const busy = new Float64Array(P);

  const stack = new Int32Array(P);
  const queued = new Uint8Array(P);
  let top = 0;
  const wake = (d: number) => {
    if (!queued[d]) {
      queued[d] = 1;
      stack[top++] = d;
    }
  };
  for (let d = P - 1; d >= 0; d--) wake(d);

  while (top > 0) {
    const d = stack[--top];
    queued[d] = 0;
    const ops = orders[d];
    let k = ptr[d];
    for (; k < ops.length; k++) {
      const code = ops[k];
      const kind = code % 3;
      const rest = (code - kind) / 3;
      const chunk = rest % v;
      const mb = (rest - chunk) / v;
      const j = chunk * P + d;
      let ready: number;
      if (kind === OP_F) ready = j === 0 ? 0 : fEnd[(j - 1) * m + mb] + hop;
      else if (kind === OP_B) ready = j === V - 1 ? fEnd[j * m + mb] : bEnd[(j + 1) * m + mb] + hop;
      else ready = bEnd[j * m + mb];
      if (ready !== ready) break; // NaN: input not computed; a neighbour wakes us
      const start = ready > free[d] ? ready : free[d];
      const dur = durs[kind][j];
      const end = start + dur;
      starts[d][k] = start;
      free[d] = end;
      busy[d] += dur;
      if (kind === OP_F) {
        fEnd[j * m + mb] = end;
        if (j + 1 < V) wake((j + 1) % P);
      } else if (kind === OP_B) {
        bEnd[j * m + mb] = end;
        if (j > 0) wake((j - 1) % P);
      }
    }
    ptr[d] = k;
  }
  for (let d = 0; d < P; d++) {
    if (ptr[d] < orders[d].length) {
      throw new Error(`pipeline: schedule ${schedule} deadlocked on device ${d} (P=${P}, m=${m}, v=${v})`);
    }
  }
  return collect(orders, starts, durs, P, v, hop, free, busy);
}

/** Builds the output arrays in device order, so no sort is needed. */
function collect(
  orders: Int32Array[],
  starts: Float64Array[],
  durs: Float64Array[],
  P: number,
  v: number,
  hop: number,
  free: Float64Array,
  busy: Float64Array,
): PipelineResult {
  const V = P * v;
  const timeline: SimBlock[] = [];
  const transfers: TransferEvent[] = [];
  let makespan = 0;
  let busySum = 0;
  for (let d = 0; d < P; d++) {
    const ops = orders[d];
    for (let k = 0; k < ops.length; k++) {
      const code = ops[k];
      const kind = code % 3;
      const rest = (code - kind) / 3;
      const chunk = rest % v;
      const microBatch = (rest - chunk) / v;
      const j = chunk * P + d;
      const start = starts[d][k];
      const end = start + durs[kind][j];
      timeline.push({ stage: d, microBatch, kind: KIND_NAMES[kind], chunk, start, end });
      if (P === 1) continue; // hops on one device are free and not shown
      if (kind === OP_F && j + 1 < V) {
        transfers.push({ fromStage: d, toStage: (j + 1) % P, microBatch, direction: 'forward', start: end, end: end + hop });
      } else if (kind === OP_B && j > 0) {
        transfers.push({ fromStage: d, toStage: (j - 1) % P, microBatch, direction: 'backward', start: end, end: end + hop });
      }
    }
    if (free[d] > makespan) makespan = free[d];
    busySum += busy[d];
  }
  const bubbleFraction = makespan > 0 ? Math.max(0, 1 - busySum / P / makespan) : 0;
  return { timeline, transfers, makespan, busySeconds: Array.from(busy), bubbleFraction };
}
