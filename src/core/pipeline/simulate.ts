/**
 * Discrete-event simulation of one pipeline-parallel step (cost-model.md §6).
 *
 * Each device walks its fixed op list (the schedule's deviceOrders). An op
 * starts when the device is free and its input is there:
 *   F of virtual stage j   after F of the stage before it on the micro-batch's
 *                          path (+ a transfer when that stage ran on another device);
 *   B of virtual stage j   after B of the stage after it (+ transfer), or, on
 *                          the path's last stage, after its own F;
 *   W                      after its own B.
 * Where each virtual stage runs comes from the schedule's placement (not
 * j mod P: V-shaped schedules put stages j and 2P−1−j on one device).
 * Because the order is fixed, start times are a longest-path computation on a
 * DAG; a worklist of devices resolves it in O(blocks): a device runs until it
 * hits an op whose input is not computed yet, and is woken when the neighbour
 * that produces that input finishes an op.
 */
import { KIND_NAMES, OP_B, OP_BW, OP_F, OP_PAIRED, OP_STRIDE, OP_W } from './ops';
import { scheduleById, type ScheduleId } from './registry';
import type { Placement } from './schedule';
import type { ChunkDurations, PipelineResult, SimBlock, TransferEvent } from './types';

export interface PipelineInput {
  schedule: ScheduleId;
  /** P devices (pipeline stages). */
  stages: number;
  /** m micro-batches per step. */
  microBatches: number;
  /** The scenario's virtual stages; each schedule decides its chunks per device from them (interleaved: v; ZB-V and DualPipe: 2; the others: 1). */
  virtualStages: number;
  /**
   * Durations per virtual stage j (length P × chunks per device), where the
   * schedule's placement says which device runs j. A one-chunk schedule given
   * P × virtualStages entries runs each device's entries (j mod P) as one block.
   */
  chunks: ChunkDurations[];
  /** Point-to-point time of one micro-batch's activation (or gradient) between devices. Hops within a device are free. */
  transferSeconds: number;
  /** Inference: only forward blocks. */
  forwardOnly: boolean;
  /** Build the timeline and transfers (default on); off, only the figures come back, without allocating a block per op. */
  timeline?: boolean;
}

/**
 * The last few op lists built: the page re-evaluates the same pipeline shape
 * on every slider move, and ZB-V's list takes a unit-time run to build. The
 * simulator never writes to them.
 */
const recentOrders = new Map<string, Int32Array[]>();

function ordersOf(id: ScheduleId, P: number, m: number, virtualStages: number, forwardOnly: boolean): Int32Array[] {
  const key = `${id}|${P}|${m}|${virtualStages}|${forwardOnly ? 1 : 0}`;
  let orders = recentOrders.get(key);
  if (!orders) {
    orders = scheduleById(id).deviceOrders({ stages: P, microBatches: m, virtualStages }, forwardOnly);
    if (recentOrders.size >= 16) recentOrders.delete(recentOrders.keys().next().value!);
    recentOrders.set(key, orders);
  }
  return orders;
}

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

/** Per virtual stage durations, one array per op kind (F, input B, W, whole B). */
function stageTimes(input: PipelineInput, P: number, V: number): Float64Array[] {
  const { chunks } = input;
  const folded = V === P && input.virtualStages > 1 && chunks.length === P * input.virtualStages;
  if (!folded && chunks.length !== V) {
    throw new RangeError(`pipeline: expected ${V} chunk durations (one per virtual stage), got ${chunks.length}`);
  }
  const f = new Float64Array(V);
  const bIn = new Float64Array(V);
  const bW = new Float64Array(V);
  chunks.forEach((c: ChunkDurations, j: number) => {
    const k = j % V; // folds chunk j onto its device when summing
    f[k] += seconds(c.forward, `chunks[${j}].forward`);
    bIn[k] += seconds(c.backwardInput, `chunks[${j}].backwardInput`);
    bW[k] += seconds(c.backwardWeight, `chunks[${j}].backwardWeight`);
  });
  const whole = bIn.map((x, j) => x + bW[j]);
  const durs: Float64Array[] = [];
  durs[OP_F] = f;
  durs[OP_B] = bIn;
  durs[OP_W] = bW;
  durs[OP_BW] = whole;
  return durs;
}

/** First and last virtual stage of each micro-batch's path. */
function paths(place: Placement, laneOf: (mb: number, m: number) => number, m: number): [Int32Array, Int32Array] {
  const first = new Int32Array(m);
  const last = new Int32Array(m);
  for (let mb = 0; mb < m; mb++) {
    const lane = place.lanes[laneOf(mb, m)];
    first[mb] = lane.first;
    last[mb] = lane.last;
  }
  return [first, last];
}

// Op-code constants as plain module locals: the loop below reads them per op.
const F = OP_F;
const W = OP_W;
const B = OP_B;
const BW = OP_BW;
const PAIRED = OP_PAIRED;
const STRIDE = OP_STRIDE;
const NAMES = KIND_NAMES;

/**
 * One simulation's state in typed arrays, and the worklist over devices.
 * A class, not closures, so nothing is allocated per op or per call.
 */
class Run {
  readonly fEnd: Float64Array; // NaN = not computed yet
  readonly bEnd: Float64Array;
  /** Start of each op, per device; empty when the caller wants no timeline. */
  readonly starts: Float64Array[];
  readonly ptr: Int32Array;
  readonly free: Float64Array;
  readonly busy: Float64Array;
  readonly stack: Int32Array;
  readonly queued: Uint8Array;
  top = 0;

  constructor(
    readonly orders: Int32Array[],
    readonly place: Placement,
    readonly m: number,
    readonly first: Int32Array,
    readonly last: Int32Array,
    readonly hopAfter: Float64Array,
    readonly durs: Float64Array[],
    withStarts = true,
  ) {
    const P = orders.length;
    const V = place.virtualStages;
    this.fEnd = new Float64Array(V * m).fill(NaN);
    this.bEnd = new Float64Array(V * m).fill(NaN);
    this.starts = withStarts ? orders.map((ops) => new Float64Array(ops.length)) : [];
    this.ptr = new Int32Array(P);
    this.free = new Float64Array(P);
    this.busy = new Float64Array(P);
    this.stack = new Int32Array(P);
    this.queued = new Uint8Array(P);
  }

  wake(d: number): void {
    if (!this.queued[d]) {
      this.queued[d] = 1;
      this.stack[this.top++] = d;
    }
  }

  /** Virtual stage of op `code` on device d. */
  stageOfOp(d: number, code: number): number {
    const v = this.place.chunksPerDevice;
    return this.place.stageOf[d * v + (((code - (code % STRIDE)) / STRIDE) % v)];
  }

  /** When the input of op `code` on device d is there: NaN while it is not computed. */
  readyAt(d: number, code: number): number {
    const { m, first, last, fEnd, bEnd, hopAfter } = this;
    const v = this.place.chunksPerDevice;
    const low = code % STRIDE;
    const kind = low % PAIRED;
    const rest = (code - low) / STRIDE;
    const chunk = rest % v;
    const mb = (rest - chunk) / v;
    const j = this.place.stageOf[d * v + chunk];
    if (kind === F) return j === first[mb] ? 0 : fEnd[(j - 1) * m + mb] + hopAfter[j - 1];
    if (kind === W) return bEnd[j * m + mb];
    return j === last[mb] ? fEnd[j * m + mb] : bEnd[(j + 1) * m + mb] + hopAfter[j];
  }

  /** Records op k of device d from `start`, its result leaving at `release`; returns its end. */
  record(d: number, k: number, start: number, release: number): number {
    const { m, first, last } = this;
    const v = this.place.chunksPerDevice;
    const code = this.orders[d][k];
    const low = code % STRIDE;
    const kind = low % PAIRED;
    const rest = (code - low) / STRIDE;
    const chunk = rest % v;
    const mb = (rest - chunk) / v;
    const j = this.place.stageOf[d * v + chunk];
    const dur = this.durs[kind][j];
    if (this.starts.length) this.starts[d][k] = start;
    this.busy[d] += dur;
    if (kind === F) {
      this.fEnd[j * m + mb] = release;
      if (j < last[mb]) this.wake(this.place.deviceOf[j + 1]);
    } else if (kind !== W) {
      this.bEnd[j * m + mb] = release;
      if (j > first[mb]) this.wake(this.place.deviceOf[j - 1]);
    }
    return start + dur;
  }

  /** Runs every device as far as its inputs allow, until no device can move. */
  run(): void {
    const { orders, free, durs } = this;
    for (let d = orders.length - 1; d >= 0; d--) this.wake(d);
    while (this.top > 0) {
      const d = this.stack[--this.top];
      this.queued[d] = 0;
      const ops = orders[d];
      let k = this.ptr[d];
      for (; k < ops.length; k++) {
        const code = ops[k];
        const ready = this.readyAt(d, code);
        if (ready !== ready) break; // NaN: input not computed; a neighbour wakes us
        let start = ready > free[d] ? ready : free[d];
        const low = code % STRIDE;
        if (low < PAIRED) {
          free[d] = this.record(d, k, start, start + durs[low][this.stageOfOp(d, code)]);
          continue;
        }
        // A fused forward and backward: both inputs first, both results at the end.
        const next = ops[k + 1];
        const readyNext = this.readyAt(d, next);
        if (readyNext !== readyNext) break;
        if (readyNext > start) start = readyNext;
        const pairEnd = start + durs[F][this.stageOfOp(d, code)] + durs[next % PAIRED][this.stageOfOp(d, next)];
        const mid = this.record(d, k, start, pairEnd);
        free[d] = this.record(d, ++k, mid, pairEnd);
      }
      this.ptr[d] = k;
    }
  }
}

export interface SimulateOptions {
  /** Build the timeline and transfer lists (default true); without them only makespan, busy time and bubble come back (the strategy search). */
  timeline?: boolean;
}

export function simulatePipeline(input: PipelineInput, options: SimulateOptions = {}): PipelineResult {
  // The timeline is off when the caller says so here or in the input (the sweep, serving's other phase, the search).
  const withTimeline = options.timeline !== false && input.timeline !== false;
  const { forwardOnly } = input;
  const schedule = scheduleById(input.schedule);
  const P = count(input.stages, 'stages', 1);
  const m = count(input.microBatches, 'microBatches', 0);
  count(input.virtualStages, 'virtualStages', 1);
  const place = schedule.placement(P, input.virtualStages);
  const { deviceOf, virtualStages: V } = place;
  const hop = P > 1 ? seconds(input.transferSeconds, 'transferSeconds') : 0;
  const durs = stageTimes(input, P, V);
  // hopAfter[j]: the transfer from virtual stage j to j+1 (free on one device).
  const hopAfter = new Float64Array(V);
  for (let j = 0; j + 1 < V; j++) hopAfter[j] = deviceOf[j] === deviceOf[j + 1] ? 0 : hop;
  const [first, last] = paths(place, schedule.laneOf, m);
  const orders = ordersOf(input.schedule, P, m, input.virtualStages, forwardOnly);
  const run = new Run(orders, place, m, first, last, hopAfter, durs, withTimeline);
  run.run();
  for (let d = 0; d < P; d++) {
    if (run.ptr[d] < orders[d].length) {
      throw new Error(`pipeline: schedule ${input.schedule} deadlocked on device ${d} (P=${P}, m=${m}, v=${place.chunksPerDevice})`);
    }
  }
  if (!withTimeline) return summary(run.free, run.busy);
  return collect({ orders, starts: run.starts, durs, place, first, last, hop, free: run.free, busy: run.busy });
}

/** Makespan, busy time and bubble only: what collect() computes, without the per-block lists. */
function summary(free: Float64Array, busy: Float64Array): PipelineResult {
  let makespan = 0;
  let busySum = 0;
  for (let d = 0; d < free.length; d++) {
    if (free[d] > makespan) makespan = free[d];
    busySum += busy[d];
  }
  const bubbleFraction = makespan > 0 ? Math.max(0, 1 - busySum / free.length / makespan) : 0;
  return { timeline: [], transfers: [], makespan, busySeconds: Array.from(busy), bubbleFraction };
}

/** Builds the output arrays in device order, so no sort is needed. */
function collect(r: {
  orders: Int32Array[];
  starts: Float64Array[];
  durs: Float64Array[];
  place: Placement;
  first: Int32Array;
  last: Int32Array;
  hop: number;
  free: Float64Array;
  busy: Float64Array;
}): PipelineResult {
  const { orders, starts, durs, first, last, hop, free, busy } = r;
  const { deviceOf, stageOf, chunksPerDevice: v } = r.place;
  const P = orders.length;
  const timeline: SimBlock[] = [];
  const transfers: TransferEvent[] = [];
  let makespan = 0;
  let busySum = 0;
  let pairEnd = -1; // end of the fused pair whose second op comes next
  for (let d = 0; d < P; d++) {
    const ops = orders[d];
    for (let k = 0; k < ops.length; k++) {
      const code = ops[k];
      const low = code % STRIDE;
      const kind = low % PAIRED;
      const rest = (code - low) / STRIDE;
      const chunk = rest % v;
      const microBatch = (rest - chunk) / v;
      const j = stageOf[d * v + chunk];
      const start = starts[d][k];
      const end = start + durs[kind][j];
      timeline.push({ stage: d, microBatch, kind: NAMES[kind], chunk, start, end });
      // A fused pair sends both results when the pair ends.
      let sent = end;
      if (low >= PAIRED) {
        const next = ops[k + 1];
        pairEnd = starts[d][k + 1] + durs[next % PAIRED][stageOf[d * v + (((next - (next % STRIDE)) / STRIDE) % v)]];
        sent = pairEnd;
      } else if (pairEnd >= 0) {
        sent = pairEnd;
        pairEnd = -1;
      }
      // Hops within a device are free and not shown.
      if (kind === F && j < last[microBatch] && deviceOf[j + 1] !== d) {
        transfers.push({ fromStage: d, toStage: deviceOf[j + 1], microBatch, direction: 'forward', start: sent, end: sent + hop });
      } else if ((kind === B || kind === BW) && j > first[microBatch] && deviceOf[j - 1] !== d) {
        transfers.push({ fromStage: d, toStage: deviceOf[j - 1], microBatch, direction: 'backward', start: sent, end: sent + hop });
      }
    }
    if (free[d] > makespan) makespan = free[d];
    busySum += busy[d];
  }
  const bubbleFraction = makespan > 0 ? Math.max(0, 1 - busySum / P / makespan) : 0;
  return { timeline, transfers, makespan, busySeconds: Array.from(busy), bubbleFraction };
}
