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
import { HOP as HOP_FLAG, PAIRED as PAIRED_OP_FLAG, planOf, type DevicePlan } from './plan';
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
function stageTimes(input: PipelineInput, P: number, V: number): { flat: Float64Array; byKind: Float64Array[] } {
  const { chunks } = input;
  const folded = V === P && input.virtualStages > 1 && chunks.length === P * input.virtualStages;
  if (!folded && chunks.length !== V) {
    throw new RangeError(`pipeline: expected ${V} chunk durations (one per virtual stage), got ${chunks.length}`);
  }
  // One flat array indexed kind × V + j (the plan's dur), viewed per kind for the timeline.
  const flat = new Float64Array(4 * V);
  const f = flat.subarray(OP_F * V, OP_F * V + V);
  const bIn = flat.subarray(OP_B * V, OP_B * V + V);
  const bW = flat.subarray(OP_W * V, OP_W * V + V);
  const whole = flat.subarray(OP_BW * V, OP_BW * V + V);
  chunks.forEach((c: ChunkDurations, j: number) => {
    const k = j % V; // folds chunk j onto its device when summing
    f[k] += seconds(c.forward, `chunks[${j}].forward`);
    bIn[k] += seconds(c.backwardInput, `chunks[${j}].backwardInput`);
    bW[k] += seconds(c.backwardWeight, `chunks[${j}].backwardWeight`);
  });
  for (let j = 0; j < V; j++) whole[j] = bIn[j] + bW[j];
  return { flat, byKind: [f, bIn, bW, whole] };
}

// Op-code constants as plain module locals: the loop below reads them per op.
const F = OP_F;
const B = OP_B;
const BW = OP_BW;
const PAIRED = OP_PAIRED;
const STRIDE = OP_STRIDE;
const NAMES = KIND_NAMES;
const HOP = HOP_FLAG;
const PAIRED_FLAG = PAIRED_OP_FLAG;

let scratchEnds = new Float64Array(1024);

/**
 * One simulation's state in typed arrays, and the worklist over devices.
 * A class, not closures, so nothing is allocated per op or per call.
 *
 * It can run the same schedule with several transfer times at once (lanes):
 * whether an op's input is computed does not depend on the times, so one
 * walk over the ops serves every lane. The step runs the schedule with its
 * transfers and with free ones, whose difference is the exposed PP time.
 */
class Run {
  /** End time of each forward and backward, per lane (the plan's slots); NaN = not computed yet. */
  readonly ends: Float64Array;
  /** Start of each op, per device, in the first lane; empty when the caller wants no timeline. */
  readonly starts: Float64Array[];
  readonly ptr: Int32Array;
  /** When each device is next free, per lane (lane l at l × P + d). */
  readonly free: Float64Array;
  readonly busy: Float64Array;
  readonly stack: Int32Array;
  readonly queued: Uint8Array;
  top = 0;

  constructor(
    readonly devices: DevicePlan[],
    readonly slots: number,
    /** Transfer time of each lane. */
    readonly hops: number[],
    readonly durs: Float64Array,
    withStarts = true,
  ) {
    const P = devices.length;
    const size = slots * hops.length;
    // The end-time slots are the one large array: reused from run to run (the
    // simulator is not re-entered), so a search does not churn the collector.
    if (scratchEnds.length < size) scratchEnds = new Float64Array(Math.max(size, 2 * scratchEnds.length));
    this.ends = scratchEnds.fill(NaN, 0, size);
    this.starts = withStarts ? devices.map((ops) => new Float64Array(ops.dur.length)) : [];
    this.ptr = new Int32Array(P);
    this.free = new Float64Array(P * hops.length);
    this.busy = new Float64Array(P);
    this.stack = new Int32Array(P);
    this.queued = new Uint8Array(P);
  }

  wake(d: number): void {
    if (d >= 0 && !this.queued[d]) {
      this.queued[d] = 1;
      this.stack[this.top++] = d;
    }
  }

  /** Whether the input of op k has been computed. */
  computed(ops: DevicePlan, k: number): boolean {
    const dep = ops.dep[k];
    return dep < 0 || this.ends[dep] === this.ends[dep];
  }

  /** When the input of op k is there in lane l. */
  readyAt(ops: DevicePlan, k: number, l: number): number {
    const dep = ops.dep[k];
    if (dep < 0) return 0;
    const end = this.ends[l * this.slots + dep];
    return (ops.flags[k] & HOP) !== 0 ? end + this.hops[l] : end;
  }

  /** Op k's result leaves at `release` in lane l. */
  release(ops: DevicePlan, k: number, l: number, release: number): void {
    const out = ops.out[k];
    if (out >= 0) this.ends[l * this.slots + out] = release;
  }

  /** Runs every device as far as its inputs allow, until no device can move. */
  run(): void {
    const { devices, free, durs, starts } = this;
    const P = devices.length;
    const lanes = this.hops.length;
    for (let d = P - 1; d >= 0; d--) this.wake(d);
    while (this.top > 0) {
      const d = this.stack[--this.top];
      this.queued[d] = 0;
      const ops = devices[d];
      const n = ops.dur.length;
      let k = this.ptr[d];
      for (; k < n; k++) {
        if (!this.computed(ops, k)) break; // a neighbour wakes us when it is
        const dur = durs[ops.dur[k]];
        if ((ops.flags[k] & PAIRED_FLAG) === 0) {
          for (let l = 0; l < lanes; l++) {
            const ready = this.readyAt(ops, k, l);
            const start = ready > free[l * P + d] ? ready : free[l * P + d];
            if (l === 0 && starts.length) starts[d][k] = start;
            this.release(ops, k, l, start + dur);
            free[l * P + d] = start + dur;
          }
          this.busy[d] += dur;
          this.wake(ops.wake[k]);
          continue;
        }
        // A fused forward and backward: both inputs first, both results at the end.
        if (!this.computed(ops, k + 1)) break;
        const next = durs[ops.dur[k + 1]];
        for (let l = 0; l < lanes; l++) {
          let start = free[l * P + d];
          const ready = this.readyAt(ops, k, l);
          const readyNext = this.readyAt(ops, k + 1, l);
          if (ready > start) start = ready;
          if (readyNext > start) start = readyNext;
          const pairEnd = start + dur + next;
          if (l === 0 && starts.length) {
            starts[d][k] = start;
            starts[d][k + 1] = start + dur;
          }
          this.release(ops, k, l, pairEnd);
          this.release(ops, k + 1, l, pairEnd);
          free[l * P + d] = pairEnd;
        }
        this.busy[d] += dur + next;
        this.wake(ops.wake[k]);
        this.wake(ops.wake[++k]);
      }
      this.ptr[d] = k;
    }
  }
}

export interface SimulateOptions {
  /** Build the timeline and transfer lists (default true); without them only makespan, busy time and bubble come back (the strategy search). */
  timeline?: boolean;
}

function checkedRun(input: PipelineInput, hops: (hop: number) => number[], withTimeline: boolean) {
  const { forwardOnly } = input;
  scheduleById(input.schedule); // an unknown id fails here, with the schedules there are
  const P = count(input.stages, 'stages', 1);
  const m = count(input.microBatches, 'microBatches', 0);
  count(input.virtualStages, 'virtualStages', 1);
  const plan = planOf({ schedule: input.schedule, stages: P, microBatches: m, virtualStages: input.virtualStages, forwardOnly });
  const { place, orders } = plan;
  const hop = P > 1 ? seconds(input.transferSeconds, 'transferSeconds') : 0;
  const durs = stageTimes(input, P, place.virtualStages);
  const run = new Run(plan.devices, plan.slots, hops(hop), durs.flat, withTimeline);
  run.run();
  for (let d = 0; d < P; d++) {
    if (run.ptr[d] < orders[d].length) {
      throw new Error(`pipeline: schedule ${input.schedule} deadlocked on device ${d} (P=${P}, m=${m}, v=${place.chunksPerDevice})`);
    }
  }
  return { plan, hop, durs, run };
}

export function simulatePipeline(input: PipelineInput, options: SimulateOptions = {}): PipelineResult {
  // The timeline is off when the caller says so here or in the input (the sweep, serving's other phase, the search).
  const withTimeline = options.timeline !== false && input.timeline !== false;
  const { plan, hop, durs, run } = checkedRun(input, (h) => [h], withTimeline);
  if (!withTimeline) return summary(run.free, run.busy);
  const { place, orders, first, last } = plan;
  return collect({ orders, starts: run.starts, durs: durs.byKind, place, first, last, hop, free: run.free, busy: run.busy });
}

/**
 * The figures of the schedule with its transfers and with free transfers
 * (transferSeconds 0), from one walk: what simulatePipeline returns for each
 * without a timeline, at the cost of little more than one run.
 */
export function simulateWithAndWithoutTransfers(input: PipelineInput): { withTransfers: PipelineResult; freeTransfers: PipelineResult } {
  const { run } = checkedRun(input, (h) => [h, 0], false);
  const P = run.busy.length;
  return { withTransfers: summary(run.free.subarray(0, P), run.busy), freeTransfers: summary(run.free.subarray(P, 2 * P), run.busy) };
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
