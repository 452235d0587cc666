/**
 * One step on the cluster: the simulated pipeline (cost-model.md §6), the
 * data-parallel gradient sync and the optimizer, and how the step's time
 * divides into compute, exposed communication and bubble.
 */
import type { PipelineSummary, TimeSummary, TimelineBlock, TimelineTransfer } from '../evaluation';
import { analyticBubble, simulatePipeline, type PipelineInput, type PipelineResult } from '../pipeline';
import type { Scenario } from '../scenario/types';
import type { GradientSync } from '../comm/costs';
import type { PassTiming } from './passTiming';

export interface StepInput {
  scenario: Scenario;
  pass: PassTiming;
  /** Simulated micro-batches (m). */
  microBatches: number;
  transferSeconds: number;
  /** Per-step DP sync of each pipeline device (training; zeros for inference), and the optimizer time. */
  gradientSync: GradientSync[];
  optimizerSeconds: number;
  /** Decode: forward passes per request (tokens generated); 1 otherwise. */
  decodeSteps: number;
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
}

function scheduleOf(s: Scenario) {
  const { schedule, virtualStages } = s.parallel;
  const v = schedule === 'interleaved-1f1b' ? Math.max(1, virtualStages) : 1;
  return { schedule, v };
}

export function simulateStep(input: StepInput): StepOutcome {
  const { scenario: s, pass } = input;
  const P = s.parallel.pp;
  const m = input.microBatches;
  const training = s.workload.mode === 'training';
  const { schedule, v } = scheduleOf(s);
  const pipelineInput = {
    schedule,
    stages: P,
    microBatches: m,
    virtualStages: v,
    chunks: pass.durations,
    transferSeconds: input.transferSeconds,
    forwardOnly: !training,
  };
  const sim: PipelineResult = simulateCapped(pipelineInput);
  // The same schedule with free transfers: the difference is the exposed PP time
  // (with a fixed op order, transfers delay steady-state blocks too, not only fill and drain).
  const free = input.transferSeconds > 0 ? simulateCapped({ ...pipelineInput, transferSeconds: 0 }) : sim;

  // Per device: compute-busy and exposed TP/EP time over the step.
  const busyByDevice = new Array<number>(P).fill(0);
  const commByDevice = new Array<number>(P).fill(0);
  const tpByDevice = new Array<number>(P).fill(0);
  const epByDevice = new Array<number>(P).fill(0);
  const expertBusyByDevice = new Array<number>(P).fill(0);
  pass.durations.forEach((_, j) => {
    const d = j % P;
    busyByDevice[d] += pass.computeSeconds[j] * m;
    expertBusyByDevice[d] += pass.expertComputeSeconds[j] * m;
    tpByDevice[d] += pass.exposed[j].tp * m;
    epByDevice[d] += pass.exposed[j].ep * m;
    commByDevice[d] += (pass.exposed[j].tp + pass.exposed[j].ep) * m;
  });

  // Decode: the pipeline runs one forward per generated token. With enough
  // micro-batches the busiest stage sets the pace; otherwise one micro-batch's
  // trip through all stages does.
  let makespan = sim.makespan;
  if (input.decodeSteps > 1) {
    const busiestStage = Math.max(...sim.busySeconds);
    const trip = pass.durations.reduce((a, d) => a + d.forward, 0) + (P - 1) * input.transferSeconds;
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
  // behind all of the device's compute. Each device syncs its own stage; the
  // slowest sets the step.
  const critical = busyByDevice.indexOf(Math.max(...busyByDevice));
  let dpExposed = 0;
  if (training) {
    for (let dev = 0; dev < P; dev++) {
      const sync = input.gradientSync[dev] ?? { reduceSeconds: 0, gatherSeconds: 0 };
      let exposed = sync.reduceSeconds + sync.gatherSeconds;
      if (s.parallel.overlap.dpGrad) {
        let lastBackward = 0;
        let firstForward = 0;
        pass.durations.forEach((d, j) => {
          if (j % P === dev) {
            lastBackward += d.backwardInput + d.backwardWeight;
            firstForward += d.forward;
          }
        });
        const gatherWindow = s.workload.zeroStage === 3 ? busyByDevice[dev] : firstForward;
        exposed = Math.max(0, sync.reduceSeconds - lastBackward) + Math.max(0, sync.gatherSeconds - gatherWindow);
      }
      dpExposed = Math.max(dpExposed, exposed);
    }
  }
  const stepSeconds = makespan + dpExposed + input.optimizerSeconds;

  // The critical device's idle time in the makespan is pipeline bubble plus
  // waiting on point-to-point transfers.
  const blockTime = busyByDevice[critical] + commByDevice[critical];
  const idle = Math.max(0, makespan - blockTime);
  const ppExposed = Math.min(idle, (sim.makespan - free.makespan) * Math.max(1, input.decodeSteps));
  const bubbleSeconds = idle - ppExposed;

  const bubble = analyticBubble(schedule, P, m, v);
  const pipeline: PipelineSummary = {
    schedule,
    stages: P,
    virtualStages: v,
    microBatches: m,
    forwardSeconds: perDevice(pass, P, (d) => d.forward),
    backwardSeconds: perDevice(pass, P, (d) => (schedule === 'zb-h1' ? d.backwardInput : d.backwardInput + d.backwardWeight)),
    weightGradSeconds: perDevice(pass, P, (d) => (schedule === 'zb-h1' ? d.backwardWeight : 0)),
    forwardCommSeconds: perDevice(pass, P, (_d, j) => pass.exposed[j].forward),
    backwardCommSeconds: perDevice(pass, P, (_d, j) => pass.exposed[j].backward),
    transferSeconds: input.transferSeconds,
    makespanSeconds: sim.makespan,
    // The schedule's own bubble (free transfers); waiting on transfers is reported as exposed PP time.
    simulatedBubbleFraction: free.bubbleFraction,
    analyticBubbleFraction: bubble.fraction,
    analyticFormula: bubble.formula,
  };
  const time: TimeSummary = {
    stepSeconds,
    computeSeconds: busyByDevice[critical],
    bubbleSeconds,
    exposedCommSeconds: { tp: tpByDevice[critical], ep: epByDevice[critical], pp: ppExposed, dp: dpExposed },
    optimizerSeconds: input.optimizerSeconds,
  };
  return { time, pipeline, timeline: sim.timeline, transfers: sim.transfers, latencySeconds: training ? stepSeconds : makespan, busyByDevice, commByDevice, expertBusyByDevice };
}

/** Most blocks the simulator runs; longer schedules are simulated in part and extrapolated. */
export const MAX_SIMULATED_BLOCKS = 50_000;

/** Blocks a schedule has: per micro-batch, one per chunk and pass. */
export function scheduleBlocks(input: Pick<PipelineInput, 'stages' | 'virtualStages' | 'microBatches' | 'forwardOnly' | 'schedule'>): number {
  const passes = input.forwardOnly ? 1 : input.schedule === 'zb-h1' ? 3 : 2;
  return input.stages * input.virtualStages * passes * input.microBatches;
}

/**
 * Simulates the schedule; when it has more than MAX_SIMULATED_BLOCKS blocks,
 * simulates as many micro-batches as fit and adds the rest at the pace of the
 * slowest device (in steady state every device runs one micro-batch's blocks
 * per period, and the slowest sets the period). The timeline then holds the
 * simulated micro-batches only.
 */
function simulateCapped(input: PipelineInput): PipelineResult {
  const total = scheduleBlocks(input);
  if (total <= MAX_SIMULATED_BLOCKS) return simulatePipeline(input);
  const unit = input.schedule === 'interleaved-1f1b' ? input.stages : 1;
  const fit = Math.max(unit, Math.floor((input.microBatches * MAX_SIMULATED_BLOCKS) / total / unit) * unit);
  const part = simulatePipeline({ ...input, microBatches: fit });
  const perDevice = new Array<number>(input.stages).fill(0);
  input.chunks.forEach((c, j) => (perDevice[j % input.stages] += c.forward + (input.forwardOnly ? 0 : c.backwardInput + c.backwardWeight)));
  const rest = input.microBatches - fit;
  const makespan = part.makespan + rest * Math.max(...perDevice);
  const busySeconds = part.busySeconds.map((b, d) => b + rest * perDevice[d]);
  const meanBusy = busySeconds.reduce((a, b) => a + b, 0) / busySeconds.length;
  return { ...part, makespan, busySeconds, bubbleFraction: makespan > 0 ? 1 - meanBusy / makespan : 0 };
}

function perDevice(pass: PassTiming, P: number, pick: (d: PassTiming['durations'][number], j: number) => number): number[] {
  const out = new Array<number>(P).fill(0);
  pass.durations.forEach((d, j) => (out[j % P] += pick(d, j)));
  return out;
}
