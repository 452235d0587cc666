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
 * DAG. The shape's plan (plan.ts, cached per schedule, P, m and chunks) puts
 * every op after its input once; each run is then one pass over that
 * sequence, O(blocks), with no per-op allocation.
 */
import { CHUNK, decodeOp, IS_PAIRED, KIND, KIND_NAMES, MICRO_BATCH, OP_B, OP_BW, OP_F, OP_W } from './ops';
import { HOP as HOP_FLAG, PAIRED as PAIRED_OP_FLAG, planOf, type PipelinePlan } from './plan';
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
const NAMES = KIND_NAMES;
const HOP = HOP_FLAG;
const PAIRED_FLAG = PAIRED_OP_FLAG;

let scratchEnds = new Float64Array(1024);

/** What one run leaves: when each device is free (per lane, lane l at l × P + d) and its busy seconds. */
interface RunResult {
  free: Float64Array;
  busy: Float64Array;
}

/**
 * One pass over the plan's sequence (every op after its input): an op
 * starts when its device is free and its input is there (plus the transfer
 * when the input crossed devices). It can run the same schedule with several
 * transfer times at once (lanes): the step runs the schedule with its
 * transfers and with free ones, whose difference is the exposed PP time.
 * `starts` (first lane) is filled when given: the timeline.
 */
function runPlan(plan: PipelinePlan, hops: number[], durs: Float64Array, starts: Float64Array[] | null): RunResult {
  const P = plan.orders.length;
  const { slots } = plan;
  const lanes = hops.length;
  const size = slots * lanes;
  // The end-time slots are the one large array: reused from run to run (the
  // simulator is not re-entered), so a search does not churn the collector.
  if (scratchEnds.length < size) scratchEnds = new Float64Array(Math.max(size, 2 * scratchEnds.length));
  const ends = scratchEnds;
  const free = new Float64Array(P * lanes);
  const busy = new Float64Array(P);
  const { device, index, dur: durOf, dep: depOf, out: outOf, flags: flagsOf } = plan.sequence;
  const n = device.length;
  for (let i = 0; i < n; i++) {
    const d = device[i];
    const dep = depOf[i];
    const flags = flagsOf[i];
    const dur = durs[durOf[i]];
    if ((flags & PAIRED_FLAG) === 0) {
      const out = outOf[i];
      for (let l = 0; l < lanes; l++) {
        let start = free[l * P + d];
        if (dep >= 0) {
          const ready = (flags & HOP) !== 0 ? ends[l * slots + dep] + hops[l] : ends[l * slots + dep];
          if (ready > start) start = ready;
        }
        if (out >= 0) ends[l * slots + out] = start + dur;
        free[l * P + d] = start + dur;
        if (l === 0 && starts) starts[d][index[i]] = start;
      }
      busy[d] += dur;
      continue;
    }
    // A fused forward and backward (two entries): both inputs first, both results at the end.
    const j = i + 1;
    const depNext = depOf[j];
    const next = durs[durOf[j]];
    for (let l = 0; l < lanes; l++) {
      let start = free[l * P + d];
      if (dep >= 0)
        start = Math.max(start, (flags & HOP) !== 0 ? ends[l * slots + dep] + hops[l] : ends[l * slots + dep]);
      if (depNext >= 0)
        start = Math.max(
          start,
          (flagsOf[j] & HOP) !== 0 ? ends[l * slots + depNext] + hops[l] : ends[l * slots + depNext],
        );
      const pairEnd = start + dur + next;
      if (outOf[i] >= 0) ends[l * slots + outOf[i]] = pairEnd;
      if (outOf[j] >= 0) ends[l * slots + outOf[j]] = pairEnd;
      free[l * P + d] = pairEnd;
      if (l === 0 && starts) {
        starts[d][index[i]] = start;
        starts[d][index[j]] = start + dur;
      }
    }
    busy[d] += dur + next;
    i = j;
  }
  return { free, busy };
}

export interface SimulateOptions {
  /** Build the timeline and transfer lists (default true); without them only makespan, busy time and bubble come back (the strategy search). */
  timeline?: boolean;
}

/**
 * Checks the input and runs its plan: with its transfers, and (`alsoFree`)
 * with free ones in a second lane; with the timeline's start times when asked.
 */
function checkedRun(input: PipelineInput, alsoFree: boolean, withTimeline: boolean) {
  scheduleById(input.schedule); // an unknown id fails here, with the schedules there are
  const P = count(input.stages, 'stages', 1);
  const m = count(input.microBatches, 'microBatches', 0);
  count(input.virtualStages, 'virtualStages', 1);
  const plan = planOf({
    schedule: input.schedule,
    stages: P,
    microBatches: m,
    virtualStages: input.virtualStages,
    forwardOnly: input.forwardOnly,
  });
  const { place, orders } = plan;
  const hop = P > 1 ? seconds(input.transferSeconds, 'transferSeconds') : 0;
  const durs = stageTimes(input, P, place.virtualStages);
  if (plan.deadlocked >= 0) {
    throw new Error(
      `pipeline: schedule ${input.schedule} deadlocked on device ${plan.deadlocked} (P=${P}, m=${m}, v=${place.chunksPerDevice})`,
    );
  }
  const starts = withTimeline ? orders.map((ops) => new Float64Array(ops.length)) : null;
  const { free, busy } = runPlan(plan, alsoFree ? [hop, 0] : [hop], durs.flat, starts);
  return { plan, hop, durs, free, busy, starts };
}

export function simulatePipeline(input: PipelineInput, options: SimulateOptions = {}): PipelineResult {
  // The timeline is off when the caller says so here or in the input (the sweep, serving's other phase, the search).
  const withTimeline = options.timeline !== false && input.timeline !== false;
  const { plan, hop, durs, free, busy, starts } = checkedRun(input, false, withTimeline);
  if (!starts) return summary(free, busy);
  const { place, orders, first, last } = plan;
  return collect({ orders, starts, durs: durs.byKind, place, first, last, hop, free, busy });
}

/**
 * The figures of the schedule with its transfers and with free transfers
 * (transferSeconds 0), from one walk: what simulatePipeline returns for each
 * without a timeline, at the cost of little more than one run.
 */
export function simulateWithAndWithoutTransfers(input: PipelineInput): {
  withTransfers: PipelineResult;
  freeTransfers: PipelineResult;
} {
  const { free, busy } = checkedRun(input, true, false);
  const P = busy.length;
  return { withTransfers: summary(free.subarray(0, P), busy), freeTransfers: summary(free.subarray(P, 2 * P), busy) };
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
  const op = new Int32Array(4);
  for (let d = 0; d < P; d++) {
    const ops = orders[d];
    for (let k = 0; k < ops.length; k++) {
      decodeOp(ops[k], v, op);
      const kind = op[KIND];
      const chunk = op[CHUNK];
      const microBatch = op[MICRO_BATCH];
      const j = stageOf[d * v + chunk];
      const start = starts[d][k];
      const end = start + durs[kind][j];
      timeline.push({ stage: d, microBatch, kind: NAMES[kind], chunk, start, end });
      // A fused pair sends both results when the pair ends.
      let sent = end;
      if (op[IS_PAIRED] === 1) {
        decodeOp(ops[k + 1], v, op);
        pairEnd = starts[d][k + 1] + durs[op[KIND]][stageOf[d * v + op[CHUNK]]];
        sent = pairEnd;
      } else if (pairEnd >= 0) {
        sent = pairEnd;
        pairEnd = -1;
      }
      // Hops within a device are free and not shown.
      if (kind === F && j < last[microBatch] && deviceOf[j + 1] !== d) {
        transfers.push({
          fromStage: d,
          toStage: deviceOf[j + 1],
          microBatch,
          direction: 'forward',
          start: sent,
          end: sent + hop,
        });
      } else if ((kind === B || kind === BW) && j > first[microBatch] && deviceOf[j - 1] !== d) {
        transfers.push({
          fromStage: d,
          toStage: deviceOf[j - 1],
          microBatch,
          direction: 'backward',
          start: sent,
          end: sent + hop,
        });
      }
    }
    if (free[d] > makespan) makespan = free[d];
    busySum += busy[d];
  }
  const bubbleFraction = makespan > 0 ? Math.max(0, 1 - busySum / P / makespan) : 0;
  return { timeline, transfers, makespan, busySeconds: Array.from(busy), bubbleFraction };
}
