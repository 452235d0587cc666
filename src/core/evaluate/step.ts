/**
 * One step on the cluster: the simulated pipeline (cost-model.md §6), the
 * data-parallel gradient sync and the optimizer, and how the step's time
 * divides into compute, exposed communication and pipeline wait.
 */
import type { PipelineSummary, TimeSummary, TimelineBlock, TimelineTransfer } from '../evaluation';
import {
  scheduleById,
  simulatePipeline,
  simulateWithAndWithoutTransfers,
  type ChunkDurations,
  type PipelineInput,
  type PipelineResult,
  type PipelineSchedule,
  type Placement,
} from '../pipeline';
import type { Scenario } from '../scenario/types';
import type { GradientSync } from '../comm/costs';
import { COLLECTIVE_SM_SHARE, queueOnLink } from '../comm/linkQueue';
import type { PassTiming } from './passTiming';
import { bubbleGapReasons } from './bubbleGap';
import { MAX_DRAWN_BLOCKS, MAX_SIMULATED_BLOCKS } from '../scenario/budget';

export interface StepInput {
  scenario: Scenario;
  pass: PassTiming;
  /** Simulated micro-batches (m). */
  microBatches: number;
  transferSeconds: number;
  /** Per-step DP sync of each pipeline device (training; zeros for inference), and the optimizer time. */
  gradientSync: GradientSync[];
  optimizerSeconds: number;
  /**
   * Whether the TP and the EP traffic run over the DP group's link
   * (comm/linkQueue.ts sharesLink): their hidden traffic then queues with
   * the DP sync. Absent: neither does.
   */
  dpLinkShares?: { tp: boolean; ep: boolean };
  /** Decode: forward passes per request (tokens generated); 1 otherwise. */
  decodeSteps: number;
  /** Build the timeline and transfers (off when only the figures are read). */
  timeline?: boolean;
  /**
   * The strategy search: no timeline or transfer lists, and pipeline runs
   * shared through this map, keyed by every input the simulation reads.
   */
  simulations?: SimulationMemo;
}

export type SimulationMemo = Map<string, PipelineResult & { simulatedMicroBatches: number }>;

/**
 * Every input of one simulation, as a key (durations exactly, as their
 * shortest round-trip decimal form). A run of equal chunks (the middle stages
 * usually are) is written once with its length, so keys stay short.
 */
export function simulationKey(input: PipelineInput): string {
  return `${input.schedule}|${input.stages}|${input.microBatches}|${input.virtualStages}|${input.forwardOnly ? 1 : 0}|${input.transferSeconds}${chunksKey(input.chunks)}`;
}

// The chunk part of the last key built: a step asks for its schedule with and
// without transfers, over the same chunk array, and writing durations as
// decimals is the dear part of a key.
let lastChunks: readonly ChunkDurations[] | null = null;
let lastChunksKey = '';

function chunksKey(cs: readonly ChunkDurations[]): string {
  if (cs === lastChunks) return lastChunksKey;
  let key = '';
  for (let j = 0; j < cs.length;) {
    const c = cs[j];
    let n = 1;
    while (
      j + n < cs.length &&
      cs[j + n].forward === c.forward &&
      cs[j + n].backwardInput === c.backwardInput &&
      cs[j + n].backwardWeight === c.backwardWeight
    )
      n++;
    key += `|${n}*${c.forward},${c.backwardInput},${c.backwardWeight}`;
    j += n;
  }
  lastChunks = cs;
  lastChunksKey = key;
  return key;
}

export interface StepOutcome {
  time: TimeSummary;
  pipeline: PipelineSummary;
  timeline: TimelineBlock[];
  transfers: TimelineTransfer[];
  latencySeconds: number;
  /** Compute-busy seconds per pipeline device over the step. */
  busyByDevice: number[];
  /** Exposed TP+EP communication per device over the step. */
  commByDevice: number[];
  /** The busiest EP rank's routed-expert share of `busyByDevice`. */
  expertBusyByDevice: number[];
  /** Micro-batches that pass each chunk (microBatchesThrough): the weights of `busyByDevice`. */
  microBatchesThrough: number[];
}

/** Micro-batches that pass virtual stage j: all m, or for DualPipe those of its direction. */
export function microBatchesThrough(schedule: PipelineSchedule, place: Placement, m: number): number[] {
  const perLane = place.lanes.map(() => 0);
  for (let mb = 0; mb < m; mb++) perLane[schedule.laneOf(mb, m)]++;
  const out = new Array<number>(place.virtualStages).fill(0);
  place.lanes.forEach((lane, k) => {
    for (let j = lane.first; j <= lane.last; j++) out[j] += perLane[k];
  });
  return out;
}

/** Mean per-chunk block times: the "equal stages" the textbook formula assumes. */
/** A part of a device's DP sync and the compute window it may hide in (seconds of the device's compute). */
export interface SyncWindow {
  /** Share of the device's reduce and gather bytes. */
  share: number;
  /** The gather must be done by then: the part's first forward of the step. */
  gatherDeadline: number;
  /** The reduce may start then: its gradients are final once the part's last backward begins. */
  reduceStart: number;
}

/** The pipeline chunks one device holds, in model order. */
export function chunksOf(deviceOf: ArrayLike<number>, device: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < deviceOf.length; j++) if (deviceOf[j] === device) out.push(j);
  return out;
}

/**
 * Where Megatron's overlapped DP sync (distributed optimizer with
 * overlap_grad_reduce / overlap_param_gather) may hide on one device. Its
 * buckets follow the model chunks: a chunk's gradients are reduced once its
 * last backward runs, and its weights are gathered before its first forward.
 * With one chunk per device that is the last micro-batch's backward and the
 * first micro-batch's forward. The interleaved 1F1B schedule runs
 * micro-batches in groups of `group` = min(p, m) per chunk, forwards in chunk
 * order and backwards in reverse (Narayanan et al. 2021 §2.2; Megatron-Core
 * schedules.py get_model_chunk_id): chunk c's first forward follows `group`
 * forwards of every earlier chunk, and after chunk c's last backward come
 * `group` backwards of every earlier chunk, so every chunk's gather and
 * reduce but the first chunk's hide behind whole groups of compute.
 * Each chunk's share of the bytes follows its weight-gradient time (its weights).
 * NeMo documents the same: with pipelining, "the granularity of DP communication
 * becomes the Transformer layers per virtual pipeline stage" (NVIDIA/NeMo
 * docs/source/features/optimizations/communication_overlap.rst).
 */
export function megatronSyncWindows(
  schedule: string,
  group: number,
  chunks: readonly ChunkDurations[],
  whole: { firstForward: number; lastBackward: number; end: number },
): SyncWindow[] {
  const single = [{ share: 1, gatherDeadline: whole.firstForward, reduceStart: whole.end - whole.lastBackward }];
  if (schedule !== 'interleaved-1f1b' || chunks.length < 2) return single;
  const weights = chunks.map((d) => d.backwardWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  let forwardBefore = 0;
  let backwardAfter = 0;
  return chunks.map((d, c) => {
    const backward = d.backwardInput + d.backwardWeight;
    const w: SyncWindow = {
      share: total > 0 ? weights[c] / total : 1 / chunks.length,
      gatherDeadline: forwardBefore + d.forward,
      reduceStart: whole.end - backwardAfter - backward,
    };
    forwardBefore += group * d.forward;
    backwardAfter += group * backward;
    return w;
  });
}

function meanDurations(ds: ChunkDurations[]): ChunkDurations {
  const n = Math.max(1, ds.length);
  const sum = (pick: (d: ChunkDurations) => number) => ds.reduce((a, d) => a + pick(d), 0) / n;
  return {
    forward: sum((d) => d.forward),
    backwardInput: sum((d) => d.backwardInput),
    backwardWeight: sum((d) => d.backwardWeight),
  };
}

export function simulateStep(input: StepInput): StepOutcome {
  const { scenario: s, pass } = input;
  const P = s.parallel.pp;
  const m = input.microBatches;
  const training = s.workload.mode === 'training';
  const schedule = scheduleById(s.parallel.schedule);
  const shape = { stages: P, microBatches: m, virtualStages: s.parallel.virtualStages };
  const place = schedule.placement(P, s.parallel.virtualStages);
  const through = microBatchesThrough(schedule, place, m);
  const pipelineInput: PipelineInput = {
    schedule: schedule.id,
    ...shape,
    chunks: pass.durations,
    transferSeconds: input.transferSeconds,
    forwardOnly: !training,
    timeline: input.timeline !== false,
  };
  const simulate = (pi: PipelineInput) => {
    const memo = input.simulations;
    if (!memo) return simulateCapped(pi, schedule, place, through, true);
    const key = simulationKey(pi);
    let hit = memo.get(key);
    if (!hit && pi.transferSeconds > 0) {
      // The free-transfer run is asked for next: both from one walk.
      const [withTransfers, freeTransfers] = simulateCappedPair(pi, schedule, place, through);
      memo.set(key, (hit = withTransfers));
      memo.set(simulationKey({ ...pi, transferSeconds: 0 }), freeTransfers);
    }
    if (!hit) memo.set(key, (hit = simulateCapped(pi, schedule, place, through, false)));
    return hit;
  };
  const sim = simulate(pipelineInput);
  // The same schedule with free transfers: the difference is the exposed PP time
  // (with a fixed op order, transfers delay steady-state blocks too, not only fill and drain).
  const free = input.transferSeconds > 0 ? simulate({ ...pipelineInput, transferSeconds: 0, timeline: false }) : sim;

  // Per device: compute-busy and exposed TP/EP time over the step.
  const busyByDevice = new Array<number>(P).fill(0);
  const commByDevice = new Array<number>(P).fill(0);
  const tpByDevice = new Array<number>(P).fill(0);
  const epByDevice = new Array<number>(P).fill(0);
  const expertBusyByDevice = new Array<number>(P).fill(0);
  pass.durations.forEach((_, j) => {
    const d = place.deviceOf[j];
    const n = through[j];
    busyByDevice[d] += pass.computeSeconds[j] * n;
    expertBusyByDevice[d] += pass.expertComputeSeconds[j] * n;
    tpByDevice[d] += pass.exposed[j].tp * n;
    epByDevice[d] += pass.exposed[j].ep * n;
    commByDevice[d] += (pass.exposed[j].tp + pass.exposed[j].ep) * n;
  });
  // A device's time per micro-batch for `pick`: its chunks weighted by the share of micro-batches passing them.
  const perDevice = (pick: (d: ChunkDurations, j: number) => number): number[] => {
    const out = new Array<number>(P).fill(0);
    pass.durations.forEach((d, j) => (out[place.deviceOf[j]] += (pick(d, j) * through[j]) / Math.max(1, m)));
    return out;
  };

  // Decode: the pipeline runs one forward per generated token. With enough
  // micro-batches the busiest stage sets the pace; otherwise one micro-batch's
  // trip through all stages does.
  let makespan = sim.makespan;
  if (input.decodeSteps > 1) {
    const busiestStage = Math.max(...sim.busySeconds);
    const { first, last } = place.lanes[0];
    let trip = 0;
    for (let j = first; j <= last; j++) {
      trip += pass.durations[j].forward;
      if (j < last && place.deviceOf[j] !== place.deviceOf[j + 1]) trip += input.transferSeconds;
    }
    const period = Math.max(busiestStage, trip);
    makespan = sim.makespan + (input.decodeSteps - 1) * period;
    for (let d = 0; d < P; d++) {
      busyByDevice[d] *= input.decodeSteps;
      expertBusyByDevice[d] *= input.decodeSteps;
      commByDevice[d] *= input.decodeSteps;
      tpByDevice[d] *= input.decodeSteps;
      epByDevice[d] *= input.decodeSteps;
    }
  }

  // Megatron reduces gradients while the last micro-batch's backward runs
  // (only then are they final) and gathers the updated weights during the
  // next step's first forward; ZeRO-3's per-micro-batch gathers prefetch
  // behind all of the device's compute. The reduce and the gathers run over
  // the same DP link, so they queue on it (comm/linkQueue.ts): together they
  // hide at most what the link carries in their windows. What they hide still
  // takes COLLECTIVE_SM_SHARE of the compute beside it. Each device syncs its
  // own stage; the slowest sets the step.
  // TP and EP traffic hidden behind compute holds the same link when its
  // group sits on it too (both in a node, or both across nodes): it runs when
  // its layer runs, so the DP sync gets what is left. It is queued as work
  // anywhere in the compute (a lower bound on the DP sync's wait).
  const critical = busyByDevice.indexOf(Math.max(...busyByDevice));
  let dpExposed = 0;
  if (training) {
    const lastBackward = perDevice((d) => d.backwardInput + d.backwardWeight);
    const firstForward = perDevice((d) => d.forward);
    const shares = input.dpLinkShares ?? { tp: false, ep: false };
    const sharedByDevice = new Array<number>(P).fill(0);
    pass.hiddenComm?.forEach((h, j) => {
      sharedByDevice[place.deviceOf[j]] += ((shares.tp ? h.tp : 0) + (shares.ep ? h.ep : 0)) * through[j];
    });
    for (let dev = 0; dev < P; dev++) {
      const sync = input.gradientSync[dev] ?? { reduceSeconds: 0, gatherSeconds: 0 };
      let exposed = sync.reduceSeconds + sync.gatherSeconds;
      if (s.parallel.overlap.dpGrad) {
        const end = busyByDevice[dev];
        const windows =
          s.workload.zeroStage === 3
            ? [{ share: 1, gatherDeadline: end, reduceStart: end - lastBackward[dev] }]
            : megatronSyncWindows(
                s.parallel.schedule,
                Math.min(P, m),
                chunksOf(place.deviceOf, dev).map((j) => pass.durations[j]),
                { firstForward: firstForward[dev], lastBackward: lastBackward[dev], end },
              );
        const link = queueOnLink([
          ...windows.map((w) => ({
            seconds: sync.gatherSeconds * w.share,
            earliestStart: 0,
            deadline: w.gatherDeadline,
          })),
          { seconds: sharedByDevice[dev], earliestStart: 0, deadline: end },
          ...windows.map((w) => ({
            seconds: sync.reduceSeconds * w.share,
            earliestStart: Math.max(0, w.reduceStart),
            deadline: end,
          })),
        ]);
        // The TP/EP traffic paid its own SM share in the pass; the DP sync pays for what of it hides.
        exposed = link.exposed + COLLECTIVE_SM_SHARE * Math.max(0, exposed - link.exposed);
      }
      dpExposed = Math.max(dpExposed, exposed);
    }
  }
  const stepSeconds = makespan + dpExposed + input.optimizerSeconds;

  // The critical device's idle time in the makespan is pipeline wait plus
  // waiting on point-to-point transfers.
  const blockTime = busyByDevice[critical] + commByDevice[critical];
  const idle = Math.max(0, makespan - blockTime);
  const ppExposed = Math.min(idle, (sim.makespan - free.makespan) * Math.max(1, input.decodeSteps));
  const bubbleSeconds = idle - ppExposed;

  // The textbook bubble: the schedule's formula with every stage at the average block times.
  const textbook = schedule.textbookBubble({
    ...shape,
    durations: meanDurations(pass.durations),
    forwardOnly: !training,
  });
  const split = schedule.backwardSplit !== 'none' && training;
  const pipeline: PipelineSummary = {
    schedule: schedule.id,
    stages: P,
    virtualStages: place.chunksPerDevice,
    microBatches: m,
    forwardSeconds: perDevice((d) => d.forward),
    // Where the schedule splits backwards, B shows the input part and W the weights (DualPipe splits only some).
    backwardSeconds: perDevice((d) => (split ? d.backwardInput : d.backwardInput + d.backwardWeight)),
    weightGradSeconds: perDevice((d) => (split ? d.backwardWeight : 0)),
    forwardCommSeconds: perDevice((_d, j) => pass.exposed[j].forward),
    backwardCommSeconds: perDevice((_d, j) => pass.exposed[j].backward),
    forwardEpCommSeconds: perDevice((_d, j) => pass.exposed[j].forwardEp),
    backwardEpCommSeconds: perDevice((_d, j) => pass.exposed[j].backwardEp),
    transferSeconds: input.transferSeconds,
    makespanSeconds: sim.makespan,
    // The schedule's own bubble (free transfers); waiting on transfers is reported as exposed PP time.
    simulatedBubbleFraction: free.bubbleFraction,
    simulatedMakespanSeconds: free.makespan,
    simulatedBusySeconds: free.busySeconds.reduce((a, b) => a + b, 0) / Math.max(1, free.busySeconds.length),
    analyticBubbleFraction: textbook.fraction,
    analyticFormula: textbook.formula,
    analyticApplies: textbook.applies,
    paperFormula: textbook.paperForm,
    // The search's table shows no gap reasons: skip them there.
    bubbleGap: input.simulations
      ? []
      : bubbleGapReasons({
          schedule,
          shape,
          placement: place,
          forwardOnly: !training,
          durations: pass.durations,
          textbook,
          simulatedFraction: free.bubbleFraction,
          simulatedMicroBatches: free.simulatedMicroBatches,
        }),
  };
  const time: TimeSummary = {
    stepSeconds,
    computeSeconds: busyByDevice[critical],
    bubbleSeconds,
    exposedCommSeconds: { tp: tpByDevice[critical], ep: epByDevice[critical], pp: ppExposed, dp: dpExposed },
    optimizerSeconds: input.optimizerSeconds,
  };
  return {
    time,
    pipeline,
    timeline: sim.timeline,
    transfers: sim.transfers,
    latencySeconds: training ? stepSeconds : makespan,
    busyByDevice,
    commByDevice,
    expertBusyByDevice,
    microBatchesThrough: through,
  };
}

export { MAX_SIMULATED_BLOCKS };

/** Blocks a schedule has over all devices. */
export function scheduleBlocks(
  input: Pick<PipelineInput, 'stages' | 'virtualStages' | 'microBatches' | 'forwardOnly' | 'schedule'>,
): number {
  return scheduleById(input.schedule).blocks(input, input.forwardOnly);
}

/**
 * Simulates the schedule; when it has more than MAX_SIMULATED_BLOCKS blocks,
 * simulates as many micro-batches as fit (on the schedule's own grid) and
 * adds the rest at the pace of the slowest device (in steady state every
 * device runs one micro-batch's blocks per period, and the slowest sets the
 * period). The timeline then holds the simulated micro-batches only.
 */
function simulateCapped(
  input: PipelineInput,
  schedule: PipelineSchedule,
  place: Placement,
  through: number[],
  timeline: boolean,
): Capped {
  const fit = simulatedMicroBatches(input, schedule);
  if (fit === input.microBatches)
    return { ...drawnPart(simulatePipeline(input, { timeline }), fit), simulatedMicroBatches: fit };
  return withRest(
    drawnPart(simulatePipeline({ ...input, microBatches: fit }, { timeline }), fit),
    input,
    schedule,
    place,
    through,
    fit,
  );
}

/**
 * The search's case: simulateCapped's figures (no timeline) with the input's
 * transfers and with free ones, from one walk over the schedule.
 */
function simulateCappedPair(
  input: PipelineInput,
  schedule: PipelineSchedule,
  place: Placement,
  through: number[],
): [Capped, Capped] {
  const fit = simulatedMicroBatches(input, schedule);
  const pair = simulateWithAndWithoutTransfers({ ...input, microBatches: fit });
  if (fit === input.microBatches) {
    return [
      { ...pair.withTransfers, simulatedMicroBatches: fit },
      { ...pair.freeTransfers, simulatedMicroBatches: fit },
    ];
  }
  return [
    withRest(pair.withTransfers, input, schedule, place, through, fit),
    withRest(pair.freeTransfers, input, schedule, place, through, fit),
  ];
}

type Capped = PipelineResult & { simulatedMicroBatches: number };

/** All of m, or as many micro-batches as MAX_SIMULATED_BLOCKS allows (on the schedule's own grid). */
function simulatedMicroBatches(input: PipelineInput, schedule: PipelineSchedule): number {
  const total = scheduleBlocks(input);
  const m = input.microBatches;
  if (total <= MAX_SIMULATED_BLOCKS) return m;
  const { min, step } = schedule.microBatchGrid(input.stages);
  return Math.min(m, Math.max(min, Math.floor((m * MAX_SIMULATED_BLOCKS) / total / step) * step));
}

/**
 * The micro-batches beyond the simulated `fit`, added at the pace of the
 * slowest device. Each device's remaining work counts, per chunk, exactly the
 * micro-batches of m that the simulated fit did not pass through it (under
 * DualPipe an odd m splits unevenly between the directions, so an average per
 * micro-batch would differ from step.ts's busy time and could put the compute
 * a hair above the step).
 */
function withRest(
  part: PipelineResult,
  input: PipelineInput,
  schedule: PipelineSchedule,
  place: Placement,
  through: number[],
  fit: number,
): Capped {
  const simulated = microBatchesThrough(schedule, place, fit);
  const remaining = new Array<number>(input.stages).fill(0);
  input.chunks.forEach((c, j) => {
    const work = c.forward + (input.forwardOnly ? 0 : c.backwardInput + c.backwardWeight);
    remaining[place.deviceOf[j]] += work * (through[j] - simulated[j]);
  });
  // Every device's busy time stays within the makespan: it grows by its own
  // remaining work, the makespan by the largest.
  const makespan = part.makespan + Math.max(...remaining);
  const busySeconds = part.busySeconds.map((b, d) => b + remaining[d]);
  const meanBusy = busySeconds.reduce((a, b) => a + b, 0) / busySeconds.length;
  return {
    ...part,
    makespan,
    busySeconds,
    bubbleFraction: makespan > 0 ? 1 - meanBusy / makespan : 0,
    simulatedMicroBatches: fit,
  };
}

/**
 * The timeline and transfers of the first micro-batches only, at most
 * MAX_DRAWN_BLOCKS blocks: the Gantt chart draws them and the evaluation
 * stays a few megabytes. Every figure comes from the whole simulation.
 */
function drawnPart(r: PipelineResult, m: number): PipelineResult {
  if (r.timeline.length <= MAX_DRAWN_BLOCKS) return r;
  let k = Math.max(1, Math.floor((m * MAX_DRAWN_BLOCKS) / r.timeline.length));
  let timeline = r.timeline.filter((b) => b.microBatch < k);
  while (timeline.length > MAX_DRAWN_BLOCKS && k > 1) {
    k--;
    timeline = timeline.filter((b) => b.microBatch < k);
  }
  return { ...r, timeline, transfers: r.transfers.filter((t) => t.microBatch < k) };
}
