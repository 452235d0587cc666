/**
 * A schedule's op lists compiled into the dependency graph the simulator
 * walks (simulate.ts). Everything here depends on the pipeline's shape only
 * (schedule, P, m, virtual stages, forward-only), not on durations, so one
 * plan serves every strategy of that shape: the strategy search revisits a
 * few hundred shapes thousands of times, and decoding each op's micro-batch,
 * stage and input once per shape instead of once per run is what makes a
 * run cost a few nanoseconds per op.
 *
 * Because every device runs its list in a fixed order, whether an op can
 * start depends on which ops have run, never on their durations. So the
 * plan also fixes one order of all ops in which each op's input comes
 * before it (found once by walking the devices as the simulator used to on
 * every run); a run is then one pass over that sequence.
 *
 * Per op k of device d (index within the device's list), and per op of the sequence:
 *   dur[k]   durations index: kind × V + virtual stage
 *   dep[k]   slot of the end time its input waits for, or −1 (a path's first forward)
 *   out[k]   slot its own end time goes to, or −1 (a W feeds nothing)
 *   wake[k]  device whose next op may be waiting for it, or −1
 *   flags[k] HOP: the input crossed devices (pay the transfer); PAIRED: fused with the next op
 * Slots: forward of (stage j, micro-batch mb) at j·m + mb, backward at V·m + j·m + mb.
 */
import { CHUNK, decodeOp, IS_PAIRED, KIND, MICRO_BATCH, OP_F, OP_W } from './ops';
import { scheduleById, type ScheduleId } from './registry';
import type { Placement } from './schedule';

export const HOP = 1;
export const PAIRED = 2;

// Op-code constants as module locals: compile() reads them per op, and a
// bundler's (or tsx's) live import binding would be a getter call each time.
const F = OP_F;
const W = OP_W;

export interface DevicePlan {
  dur: Int32Array;
  dep: Int32Array;
  out: Int32Array;
  wake: Int32Array;
  flags: Uint8Array;
}

/** Every op in an order where its input comes first: the same fields as DevicePlan, plus where the op sits. */
export interface OpSequence extends Omit<DevicePlan, 'wake' | 'dur'> {
  device: Uint16Array;
  /** Durations index (kind × V + stage). */
  dur: Uint16Array;
  /** Index of the op in its device's list. */
  index: Int32Array;
}

export interface PipelinePlan {
  /** The schedule's op lists (the timeline is built from them). */
  orders: Int32Array[];
  /** All ops, inputs first; a fused pair is two consecutive entries. */
  sequence: OpSequence;
  /** The device whose list cannot finish (the schedule's op lists wait on each other), or −1. */
  deadlocked: number;
  place: Placement;
  /** First and last virtual stage of each micro-batch's path. */
  first: Int32Array;
  last: Int32Array;
  /** End-time slots: 2 × V × m. */
  slots: number;
  ops: number;
}

export interface PlanShape {
  schedule: ScheduleId;
  stages: number;
  microBatches: number;
  virtualStages: number;
  forwardOnly: boolean;
}

function compile(shape: PlanShape): PipelinePlan {
  const schedule = scheduleById(shape.schedule);
  const P = shape.stages;
  const m = shape.microBatches;
  const place = schedule.placement(P, shape.virtualStages);
  const orders = schedule.deviceOrders(
    { stages: P, microBatches: m, virtualStages: shape.virtualStages },
    shape.forwardOnly,
  );
  const { deviceOf, stageOf, chunksPerDevice: v, virtualStages: V } = place;
  // The sequence stores devices and durations indices in 16 bits (the core's budget allows 256 chunks).
  if (4 * V > 0xffff)
    throw new RangeError(`pipeline: ${V} virtual stages is more than the simulator holds (${0xffff >> 2})`);
  const first = new Int32Array(m);
  const last = new Int32Array(m);
  for (let mb = 0; mb < m; mb++) {
    const lane = place.lanes[schedule.laneOf(mb, m)];
    first[mb] = lane.first;
    last[mb] = lane.last;
  }
  const back = V * m;
  const op = new Int32Array(4);
  let ops = 0;
  const devices = orders.map((list, d) => {
    const n = list.length;
    ops += n;
    const plan: DevicePlan = {
      dur: new Int32Array(n),
      dep: new Int32Array(n),
      out: new Int32Array(n),
      wake: new Int32Array(n),
      flags: new Uint8Array(n),
    };
    for (let k = 0; k < n; k++) {
      decodeOp(list[k], v, op);
      const kind = op[KIND];
      const mb = op[MICRO_BATCH];
      const j = stageOf[d * v + op[CHUNK]];
      plan.dur[k] = kind * V + j;
      let flags = op[IS_PAIRED] === 1 ? PAIRED : 0;
      if (kind === F) {
        plan.dep[k] = j === first[mb] ? -1 : (j - 1) * m + mb;
        if (j !== first[mb] && deviceOf[j - 1] !== deviceOf[j]) flags |= HOP;
        plan.out[k] = j * m + mb;
        plan.wake[k] = j < last[mb] ? deviceOf[j + 1] : -1;
      } else if (kind === W) {
        plan.dep[k] = back + j * m + mb;
        plan.out[k] = -1;
        plan.wake[k] = -1;
      } else {
        // B or whole BW: after the next stage's backward, or on the path's last stage after its own forward.
        if (j === last[mb]) plan.dep[k] = j * m + mb;
        else {
          plan.dep[k] = back + (j + 1) * m + mb;
          if (deviceOf[j + 1] !== deviceOf[j]) flags |= HOP;
        }
        plan.out[k] = back + j * m + mb;
        plan.wake[k] = j > first[mb] ? deviceOf[j - 1] : -1;
      }
      plan.flags[k] = flags;
    }
    return plan;
  });
  const { sequence, deadlocked } = sequenceOf(devices, 2 * V * m, ops);
  return { orders, place, first, last, sequence, deadlocked, slots: 2 * V * m, ops };
}

/**
 * Walks the devices as the simulator would, without times: a device runs
 * until an op's input has not been produced, and is woken when the device
 * producing it moves. The order the ops ran in is the sequence.
 */
function sequenceOf(devices: DevicePlan[], slots: number, ops: number): { sequence: OpSequence; deadlocked: number } {
  const P = devices.length;
  const done = new Uint8Array(slots);
  const ptr = new Int32Array(P);
  const stack: number[] = [];
  const queued = new Uint8Array(P);
  const seq: OpSequence = {
    device: new Uint16Array(ops),
    index: new Int32Array(ops),
    dur: new Uint16Array(ops),
    dep: new Int32Array(ops),
    out: new Int32Array(ops),
    flags: new Uint8Array(ops),
  };
  let n = 0;
  const wake = (d: number) => {
    if (d >= 0 && !queued[d]) {
      queued[d] = 1;
      stack.push(d);
    }
  };
  const take = (d: number, k: number) => {
    const p = devices[d];
    seq.device[n] = d;
    seq.index[n] = k;
    seq.dur[n] = p.dur[k];
    seq.dep[n] = p.dep[k];
    seq.out[n] = p.out[k];
    seq.flags[n] = p.flags[k];
    n++;
    if (p.out[k] >= 0) done[p.out[k]] = 1;
    wake(p.wake[k]);
  };
  const ready = (p: DevicePlan, k: number) => p.dep[k] < 0 || done[p.dep[k]] === 1;
  for (let d = P - 1; d >= 0; d--) wake(d);
  while (stack.length > 0) {
    const d = stack.pop()!;
    queued[d] = 0;
    const p = devices[d];
    let k = ptr[d];
    for (; k < p.dur.length; k++) {
      if (!ready(p, k)) break;
      if ((p.flags[k] & PAIRED) === 0) {
        take(d, k);
        continue;
      }
      // A fused pair waits for both inputs and stays together in the sequence.
      if (!ready(p, k + 1)) break;
      take(d, k);
      take(d, ++k);
    }
    ptr[d] = k;
  }
  let deadlocked = -1;
  for (let d = 0; d < P && deadlocked < 0; d++) if (ptr[d] < devices[d].dur.length) deadlocked = d;
  return { sequence: seq, deadlocked };
}

// Each op costs its code (4 bytes) and 17 bytes of sequence: about 21 bytes.
const MAX_CACHED_OPS = 2_500_000;
const recentPlans = new Map<string, PipelinePlan>();
let cachedOps = 0;

/**
 * The plan for a shape, from a cache of recent ones (least recently used
 * dropped first, bounded by the ops held: about 52 MB). Plans are never
 * written to after they are built.
 */
export function planOf(shape: PlanShape): PipelinePlan {
  const key = `${shape.schedule}|${shape.stages}|${shape.microBatches}|${shape.virtualStages}|${shape.forwardOnly ? 1 : 0}`;
  let plan = recentPlans.get(key);
  if (plan) {
    recentPlans.delete(key); // most recent last: a Map keeps insertion order
    recentPlans.set(key, plan);
    return plan;
  }
  plan = compile(shape);
  while (recentPlans.size > 0 && cachedOps + plan.ops > MAX_CACHED_OPS) {
    const oldest = recentPlans.keys().next().value!;
    cachedOps -= recentPlans.get(oldest)!.ops;
    recentPlans.delete(oldest);
  }
  if (plan.ops <= MAX_CACHED_OPS) {
    recentPlans.set(key, plan);
    cachedOps += plan.ops;
  }
  return plan;
}
